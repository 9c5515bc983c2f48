#!/usr/bin/env python3
"""Offline retrieval study on a benchmark run's exports: which fusion, and does a cheap extra signal help?

Usage: ./freshet bench --phases quality --export-vectors --out DIR
       python3 freshet-bench/analysis/fusion_study.py DIR [QRELS]

Reads DIR/hits-lexical.tsv (query-service's BM25 chunk hits with scores), DIR/chunks.tsv + chunks.f32 (the indexed
chunk vectors) and DIR/queries.tsv + queries.f32 (query-service's query vectors). The vector list is exact
search over the indexed vectors (the top 100 chunks), so the study shows the methods, not HNSW's approximation.
Metrics are document-level, as the benchmark's: a chunk list is reduced to its documents at their best rank.
Needs numpy.
"""
import collections
import math
import sys

import numpy as np

out = sys.argv[1].rstrip('/') + '/'
qrels_file = sys.argv[2] if len(sys.argv) > 2 else '../shared/data/scifact/qrels/train.tsv'
DEPTH = 100

qrels = collections.defaultdict(dict)
with open(qrels_file) as f:
    next(f)
    for line in f:
        q, d, g = line.split('\t')
        qrels[q][d] = int(g)


def ndcg10(ranking, judged):
    dcg = sum(judged.get(d, 0) / math.log2(i + 2) for i, d in enumerate(ranking[:10]))
    ideal = sorted(judged.values(), reverse=True)[:10]
    idcg = sum(g / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def mean_ndcg(runs):
    return float(np.mean([ndcg10(runs[q], qrels[q]) for q in runs]))


def documents(chunk_ids):
    seen = []
    for c in chunk_ids:
        d = c.rsplit('#', 1)[0]
        if d not in seen:
            seen.append(d)
    return seen


def min_max(scores):
    if not scores:
        return {}
    lo, hi = min(scores.values()), max(scores.values())
    return {k: (v - lo) / ((hi - lo) or 1) for k, v in scores.items()}


def over_max(scores):
    """BM25's lower bound is 0: the best hit is 1, the others keep their share of it."""
    if not scores:
        return {}
    hi = max(scores.values())
    return {k: v / (hi or 1) for k, v in scores.items()}


def by_score(scores):
    return sorted(scores, key=lambda k: -scores[k])


lexical = collections.defaultdict(dict)
with open(out + 'hits-lexical.tsv') as f:
    next(f)
    for line in f:
        q, _, chunk, _, score = line.rstrip('\n').split('\t')
        lexical[q][chunk] = float(score)

chunk_rows = [line.rstrip('\n').split('\t') for line in open(out + 'chunks.tsv')][1:]
chunk_ids = [d + '#' + n for d, n in chunk_rows]
C = np.fromfile(out + 'chunks.f32', dtype='<f4').reshape(len(chunk_rows), -1)
query_ids = [line.strip() for line in open(out + 'queries.tsv')][1:]
Q = np.fromfile(out + 'queries.f32', dtype='<f4').reshape(len(query_ids), -1)
doc_of_chunk = np.array([d for d, _ in chunk_rows])
doc_names = sorted(set(doc_of_chunk))
doc_index = {d: i for i, d in enumerate(doc_names)}
chunk_doc = np.array([doc_index[d] for d in doc_of_chunk])
# Document vector = normalised mean of its chunk vectors: free at index time (no extra inference).
DOC = np.zeros((len(doc_names), C.shape[1]), dtype=np.float32)
np.add.at(DOC, chunk_doc, C)
DOC /= np.linalg.norm(DOC, axis=1, keepdims=True)

queries = [q for q in query_ids if q in qrels and q in lexical]
row = {q: i for i, q in enumerate(query_ids)}
runs = collections.defaultdict(dict)
for q in queries:
    sims = C @ Q[row[q]]
    top = np.argpartition(-sims, DEPTH)[:DEPTH]
    vector = {chunk_ids[i]: float(sims[i]) for i in top}
    lex = lexical[q]
    runs['lexical'][q] = documents(by_score(lex))
    runs['vector (exact)'][q] = documents(by_score(vector))
    for k in (10, 60):
        rrf = collections.defaultdict(float)
        for ranked in (by_score(lex), by_score(vector)):
            for r, c in enumerate(ranked):
                rrf[c] += 1 / (k + r + 1)
        runs[f'rrf k={k}'][q] = documents(by_score(rrf))
    ln, vn = min_max(lex), min_max(vector)
    for w in (0.5, 0.6, 0.7):
        fused = {c: w * vn.get(c, 0) + (1 - w) * ln.get(c, 0) for c in set(ln) | set(vn)}
        runs[f'convex w={w}'][q] = documents(by_score(fused))
        lo = over_max(lex)
        fused = {c: w * vn.get(c, 0) + (1 - w) * lo.get(c, 0) for c in set(lo) | set(vn)}
        runs[f'convex w={w}, lexical / max (query-service)'][q] = documents(by_score(fused))
    # A third list: the query against document vectors, its score given to every chunk of the document.
    doc_sims = DOC @ Q[row[q]]
    top_docs = np.argpartition(-doc_sims, DEPTH)[:DEPTH]
    dn = min_max({doc_names[i]: float(doc_sims[i]) for i in top_docs})
    fused3 = {c: 0.35 * vn.get(c, 0) + 0.35 * ln.get(c, 0) + 0.3 * dn.get(c.rsplit('#', 1)[0], 0)
              for c in set(ln) | set(vn)}
    runs['convex + document vectors (0.35/0.35/0.3)'][q] = documents(by_score(fused3))
    # Dense pseudo-relevance feedback (Rocchio): move the query toward its top 3 documents, search again.
    best = documents(by_score(vector))[:3]
    moved = Q[row[q]] + 0.5 * DOC[[doc_index[d] for d in best]].mean(axis=0)
    moved /= np.linalg.norm(moved)
    sims2 = C @ moved
    top2 = np.argpartition(-sims2, DEPTH)[:DEPTH]
    vn2 = min_max({chunk_ids[i]: float(sims2[i]) for i in top2})
    fused_prf = {c: 0.6 * vn2.get(c, 0) + 0.4 * ln.get(c, 0) for c in set(ln) | set(vn2)}
    runs['convex w=0.6, vector query with Rocchio PRF (top 3, 0.5)'][q] = documents(by_score(fused_prf))

print(f'{len(queries)} queries, {len(chunk_ids)} chunks, {len(doc_names)} documents; nDCG@10:')
for name, run in runs.items():
    print(f'  {name:60s} {mean_ndcg(run):.4f}')
