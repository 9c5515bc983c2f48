package io.freshet.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The run's results as report.json (the {@link BenchReport}, nested by section) and report.md (the same as tables,
 * with the targets of issue 4 and notes on method). The Markdown reads the JSON's tree by key, so it shows exactly
 * what report.json holds.
 */
final class Report {

    private final BenchReport report;
    private final Map<String, Object> root;

    Report(BenchReport report) {
        this.report = report;
        this.root = report.toTree();
    }

    /** Whether a pipeline check failed: the run (and a smoke run) exits non-zero, whatever the speed. */
    boolean failed() {
        return !report.failures().isEmpty();
    }

    static Double round(double value, int decimals) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return null;
        }
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }

    void write(Path dir) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("report.json"), report.toJson() + "\n", StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("report.md"), markdown(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report to " + dir, e);
        }
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Freshet benchmark").append(root.containsKey("run") ? " — " + get("run", "started") : "").append("\n\n");
        md.append("- Command: `").append(get("run", "command")).append("`\n");
        md.append("- Machine: ").append(get("run", "machine", "cores")).append(" cores, ")
                .append(get("run", "machine", "memory_gib")).append(" GiB; load average at start ")
                .append(get("run", "machine", "load_average_start")).append(", at end ")
                .append(get("run", "machine", "load_average_end")).append("; Java ").append(get("run", "machine", "java"))
                .append("\n");
        md.append("- Checkout: ").append(get("run", "git")).append("\n");
        md.append("- Data: ").append(get("run", "corpus")).append(" (").append(get("ingestion", "documents"))
                .append(" documents), ").append(str(get("run", "evaluated_queries"))).append(" queries with judgments from ")
                .append(get("run", "qrels")).append("\n");
        md.append("- Service arguments: ").append(get("run", "service_arguments")).append("\n");
        md.append("- Duration: ").append(get("run", "seconds")).append(" s\n\n");

        List<?> failures = (List<?>) root.getOrDefault("failures", List.of());
        md.append(failures.isEmpty() ? "**Pipeline checks: passed.**\n\n" : "**Pipeline checks: FAILED**\n\n");
        for (Object failure : failures) {
            md.append("- ").append(failure).append("\n");
        }
        if (!failures.isEmpty()) {
            md.append("\n");
        }

        md.append("## Against the targets\n\n");
        table(md, List.of("measure", "result", "target"), List.of(
                List.of("nDCG@10 hybrid", str(get("quality", "hybrid", "ndcg@10")), "≥ 0.78 (peer 0.753)"),
                List.of("nDCG@10 vector / lexical", str(get("quality", "vector", "ndcg@10")) + " / " + str(get("quality", "lexical", "ndcg@10")),
                        "report (peer 0.745 / 0.694)"),
                List.of("ingestion, documents/s end to end", str(get("ingestion", "documents_per_s")), "≥ 24 (peer 19.9–20.6)"),
                List.of("pipeline ÷ bare model throughput", str(get("throughput", "ratio")), "≥ 0.9 (peer 0.78–0.85)"),
                List.of("Freshet ÷ peer documents/s, same documents, this run (peer phase)", str(get("throughput", "vs_peer")), "report"),
                List.of("freshness p99, idle", ms(get("freshness_ms", "p99")), "≤ 2000 ms"),
                List.of("/v1/search p99 at " + str(get("search_latency_ms", "chunks")) + " chunks, 1 client",
                        ms(get("search_latency_ms", "p99")), "≤ 50 ms (peer 37.7 ms at 13k chunks)"),
                List.of("k-NN recall@10 against exact (k = query-service's knn-k), corpus index / filled index",
                        recallFor("corpus") + " / " + recallFor("filled"), "≥ 0.95"),
                List.of("Freshet's overhead per generated answer (model excluded) p50 / p99, 1 client",
                        ms(get("generated_answer", "overhead_ms", "p50")) + " / " + ms(get("generated_answer", "overhead_ms", "p99")),
                        "report (issue 10)")));

        md.append("## Retrieval quality\n\n");
        List<List<String>> quality = new ArrayList<>();
        for (String mode : List.of("lexical", "vector", "hybrid")) {
            quality.add(List.of(mode, str(get("quality", mode, "ndcg@10")), str(get("quality", mode, "recall@100")),
                    str(get("quality", mode, "mrr@10")),
                    ms(get("quality", "search_latency_at_corpus_size_ms", mode, "p50"))));
        }
        if (get("throughput", "peer", "ndcg@10") != null) {
            quality.add(List.of("vector, peer (LangChain4j store search)", str(get("throughput", "peer", "ndcg@10")),
                    str(get("throughput", "peer", "recall@100")), "—", "—"));
        }
        table(md, List.of("mode", "nDCG@10", "recall@100", "MRR@10", "search p50 (corpus size, topK 100)"), quality);
        md.append("Document-level: chunk hits are reduced to their document at its best rank; graded gains from the qrels "
                + "(BEIR / pytrec_eval definitions). Per-query scores: quality-per-query.tsv; runs: run-<mode>.trec.\n\n");

        md.append("## Ingestion and throughput\n\n");
        table(md, List.of("", "documents", "chunks", "seconds", "documents/s", "chunks/s"), List.of(
                List.of("pipeline (first publish → last INDEXED)", str(get("ingestion", "indexed")), str(get("ingestion", "chunks")),
                        str(get("ingestion", "seconds")), str(get("throughput", "pipeline_documents_per_s")),
                        str(get("throughput", "pipeline_chunks_per_s"))),
                List.of("bare model, same chunk texts" + (java.util.Objects.equals(get("throughput", "bare", "chunks"),
                                get("throughput", "bare", "chunks_in_index")) ? "" : " (random sample)"), "",
                        str(get("throughput", "bare", "chunks")),
                        str(get("throughput", "bare", "seconds")), "", str(get("throughput", "bare_chunks_per_s"))),
                List.of("pipeline ÷ bare", "", "", "", "", str(get("throughput", "ratio"))),
                List.of("peer: LangChain4j in one process (first document read → last segment searchable)",
                        str(get("throughput", "peer", "documents")), str(get("throughput", "peer", "segments")),
                        str(get("throughput", "peer", "seconds")), str(get("throughput", "peer_docs_per_s")),
                        str(get("throughput", "peer_chunks_per_s")))));
        if (get("throughput", "peer") != null) {
            peer(md);
        }
        if (get("ingestion", "warmup_documents") != null) {
            md.append("Measured after a warm-up: ").append(get("ingestion", "warmup_documents"))
                    .append(" corpus documents under other ids went through the pipeline and were deleted first.\n\n");
        }
        md.append("Rejected: ").append(get("ingestion", "rejected")).append(", never settled: ").append(get("ingestion", "pending"))
                .append(", dead-lettered: ").append(get("ingestion", "dead_lettered")).append(". Bare model: ")
                .append(get("throughput", "bare", "threads")).append(" thread(s) × ").append(get("throughput", "bare", "intra_op_threads"))
                .append(" intra-op thread(s), batch ").append(get("throughput", "bare", "batch_size")).append(", mean input ")
                .append(get("throughput", "bare", "mean_input_tokens")).append(" tokens; its vectors against the indexed ones: min cosine ")
                .append(get("throughput", "bare", "cosine_to_indexed_min")).append(" (").append(get("throughput", "bare", "vectors_differing"))
                .append(" below 0.999).\n\n");

        if (get("embed_instances") != null) {
            embedInstances(md);
        }

        md.append("## Freshness (publish of an update → its new text returned by /v1/search)\n\n");
        List<List<String>> freshness = new ArrayList<>();
        for (String phase : List.of("idle", "loaded")) {
            if (get("freshness_ms", phase) == null) {
                continue;
            }
            freshness.add(List.of(phase + (phase.equals("loaded") ? " (" + get("freshness_ms", phase, "background_updates_per_s_sent") + " updates/s)" : ""),
                    str(get("freshness_ms", phase, "samples")), ms(get("freshness_ms", phase, "p50")),
                    ms(get("freshness_ms", phase, "p95")), ms(get("freshness_ms", phase, "p99")),
                    ms(get("freshness_ms", phase, "max")), str(get("freshness_ms", phase, "timed_out")),
                    ms(get("freshness_ms", phase, "pipeline_histogram", "p50")) + " / "
                            + ms(get("freshness_ms", phase, "pipeline_histogram", "p95")) + " / "
                            + ms(get("freshness_ms", phase, "pipeline_histogram", "p99")) + " ("
                            + get("freshness_ms", phase, "pipeline_histogram", "count") + ")"));
        }
        if (get("ingestion", "pipeline_freshness_histogram_ms") != null) {
            freshness.add(List.of("bulk ingestion (all documents published at once)", "", "", "", "", "", "",
                    ms(get("ingestion", "pipeline_freshness_histogram_ms", "p50")) + " / "
                            + ms(get("ingestion", "pipeline_freshness_histogram_ms", "p95")) + " / "
                            + ms(get("ingestion", "pipeline_freshness_histogram_ms", "p99")) + " ("
                            + get("ingestion", "pipeline_freshness_histogram_ms", "count") + ")"));
        }
        table(md, List.of("phase", "samples", "p50", "p95", "p99", "max", "timed out",
                "index-service histogram p50 / p95 / p99 (events)"), freshness);
        md.append("Each sample publishes a new version of one of 10 probe documents with a unique new word and polls a lexical "
                + "/v1/search for that word every 25 ms; 0.2-0.7 s pause between samples. The loaded phase adds updates of other "
                + "documents at the given rate. The histogram is index-service's freshet_index_freshness_seconds (event time → "
                + "write, before the index refresh makes it searchable), over that phase's events.\n\n");

        md.append("## Query latency at ").append(get("search_latency_ms", "chunks")).append(" chunks\n\n");
        List<List<String>> latency = new ArrayList<>();
        for (String endpoint : List.of("search_latency_ms", "answer_latency_ms")) {
            for (String clients : List.of("1", "8")) {
                String key = "clients_" + clients;
                if (get(endpoint, key) == null) {
                    continue;
                }
                latency.add(List.of(endpoint.startsWith("search") ? "/v1/search (hybrid, topK 10)" : "/v1/answer (topK 5)", clients,
                        ms(get(endpoint, key, "p50")), ms(get(endpoint, key, "p90")), ms(get(endpoint, key, "p99")),
                        str(get(endpoint, key, "requests_per_s")), str(get(endpoint, key, "errors"))));
            }
        }
        table(md, List.of("endpoint", "clients", "p50", "p90", "p99", "requests/s", "errors"), latency);
        if (get("search_authentication_ms") != null) {
            md.append("Authentication: /v1/search p50 ").append(ms(get("search_authentication_ms", "with_token", "p50")))
                    .append(" with a bearer token against ").append(ms(get("search_authentication_ms", "anonymous", "p50")))
                    .append(" anonymous (p99 ").append(ms(get("search_authentication_ms", "with_token", "p99"))).append(" / ")
                    .append(ms(get("search_authentication_ms", "anonymous", "p99"))).append("): overhead ")
                    .append(ms(get("search_authentication_ms", "p50_overhead_ms")))
                    .append(" at p50 (1 client, the two alternating on the same queries).\n\n");
        }
        md.append("The index was filled from ").append(get("fill", "chunks_before")).append(" to ").append(get("fill", "chunks_after"))
                .append(" chunks by publishing copies of the corpus chunks (their text and indexed vectors, ")
                .append(get("fill", "documents_bundled")).append(" corpus documents per fill document, new ids) straight to ")
                .append("freshet.documents.embedded: these extra chunks bypass ingest and embed, and exercise index-service and ")
                .append("queries only. Fill rate through index-service: ").append(get("fill", "index_only_chunks_per_s"))
                .append(" chunks/s; index after the fill: ").append(get("fill", "index")).append(".\n\n");

        md.append("## k-NN recall@10 against exact search\n\n");
        List<List<String>> recall = new ArrayList<>();
        for (String label : List.of("corpus", "filled")) {
            Map<?, ?> r = (Map<?, ?>) get("knn_recall@10", label);
            if (r == null) {
                continue;
            }
            List<String> ks = r.keySet().stream().map(String::valueOf).filter(k -> k.startsWith("k=")).toList();
            StringBuilder values = new StringBuilder();
            StringBuilder times = new StringBuilder();
            for (String k : ks) {
                values.append(values.isEmpty() ? "" : ", ").append(k).append(": ").append(r.get(k));
                times.append(times.isEmpty() ? "" : ", ").append(k).append(": ")
                        .append(ms(get("knn_recall@10", label, "approximate_ms_" + k, "p50")));
            }
            recall.add(List.of(label, str(r.get("chunks")), str(r.get("queries")), values.toString(), times.toString(),
                    ms(get("knn_recall@10", label, "exact_ms", "p50"))));
        }
        table(md, List.of("index", "chunks", "queries", "recall@10", "approximate p50", "exact p50"), recall);
        md.append("Approximate: the knn query with the public-ACL filter inside it, as query-service sends it (k = 10, and k = its "
                + "freshet.query.knn-k); exact: script_score with knn_score (cosinesimil), same filter. A hit counts if it is at least as "
                + "similar as the 10th exact one (the fill repeats vectors, so ids of equally near chunks are interchangeable).\n\n");

        if (get("generated_answer") != null) {
            generatedAnswer(md);
        }

        ScaleMarkdown.append(md, root);

        md.append("## Memory: peak RSS (MiB)\n\n");
        Map<?, ?> memory = (Map<?, ?>) root.getOrDefault("memory_peak_rss_mib", Map.of());
        table(md, List.of("process", "peak RSS"), memory.entrySet().stream()
                .map(e -> List.of(String.valueOf(e.getKey()), str(e.getValue()))).toList());

        md.append("## Where the time goes: CPU seconds by phase\n\n");
        Map<?, ?> cpu = (Map<?, ?>) root.getOrDefault("cpu_seconds_by_phase", Map.of());
        Map<?, ?> wall = (Map<?, ?>) root.getOrDefault("wall_seconds_by_phase", Map.of());
        Set<String> processes = new LinkedHashSet<>();
        cpu.values().forEach(v -> ((Map<?, ?>) v).keySet().forEach(k -> processes.add(String.valueOf(k))));
        List<String> header = new ArrayList<>(List.of("phase", "wall s"));
        header.addAll(processes);
        List<List<String>> rows = new ArrayList<>();
        cpu.forEach((phase, used) -> {
            List<String> row = new ArrayList<>(List.of(String.valueOf(phase), str(wall.get(phase))));
            processes.forEach(p -> row.add(str(((Map<?, ?>) used).get(p))));
            rows.add(row);
        });
        table(md, header, rows);
        md.append("The machine has ").append(get("run", "machine", "cores"))
                .append(" cores: a phase can use at most that many CPU seconds per wall second, across all processes.\n");
        return md.toString();
    }

    private void embedInstances(StringBuilder md) {
        md.append("## Throughput by embed-service instances\n\n");
        List<List<String>> rows = new ArrayList<>();
        for (Object load : (List<?>) get("embed_instances", "loads")) {
            Map<?, ?> l = (Map<?, ?>) load;
            rows.add(List.of(str(l.get("instances")), str(l.get("indexed")), str(l.get("chunks")), str(l.get("seconds")),
                    str(l.get("documents_per_s")), str(l.get("chunks_per_s")), str(l.get("cpu_seconds_embed"))));
        }
        table(md, List.of("embed-service instances", "documents", "chunks", "seconds", "documents/s", "chunks/s",
                "embed-service CPU s"), rows);
        md.append("Two instances ÷ one, documents/s: **").append(str(get("embed_instances", "two_over_one"))).append("**. ")
                .append("Each load publishes the ingestion phase's ").append(get("embed_instances", "documents"))
                .append(" documents again under new ids, timed as ingestion is (first publish → last INDEXED and searchable), ")
                .append("then deletes them; the second instance joins embed-service's consumer group before its load and ")
                .append("leaves after it. Both loads run after the other phases, on the index they left. On a machine with ")
                .append(get("run", "machine", "cores")).append(" cores the instances share them, so a second one can only ")
                .append("help where the first leaves CPU idle.\n\n");
    }

    private void peer(StringBuilder md) {
        md.append("Against the peer (").append(get("throughput", "peer", "peer")).append(", ingestor.ingest(...) in batches of ")
                .append(get("throughput", "peer", "batch_documents")).append(" documents, recursive splitter 256/32 tokens, lucene HNSW ")
                .append("index like Freshet's): Freshet ").append(str(get("throughput", "pipeline_documents_per_s")))
                .append(" documents/s ÷ peer ").append(str(get("throughput", "peer_docs_per_s"))).append(" = **")
                .append(str(get("throughput", "vs_peer"))).append("**. CPU seconds a document: Freshet's pipeline ")
                .append(str(get("throughput", "pipeline_cpu_seconds_per_document")))
                .append(" (every process but the bench's over the ingestion phase, warm-up included), peer ")
                .append(str(get("throughput", "peer_cpu_seconds_per_document")))
                .append(" (its process over its timed ingestion, plus OpenSearch's). Peer segments: mean ")
                .append(str(get("throughput", "peer", "mean_segment_tokens"))).append(" tokens by its splitter's count, ")
                .append(str(get("throughput", "peer", "model_tokens"))).append(" tokens embedded in all. Peer vector nDCG@10 ")
                .append(str(get("throughput", "peer_ndcg@10"))).append(" (Freshet vector ").append(str(get("quality", "vector", "ndcg@10")))
                .append("; the store searches exactly, script_score over every segment).\n\n");
    }

    private void generatedAnswer(StringBuilder md) {
        md.append("## What Freshet adds to a generated answer (model excluded) at ").append(get("generated_answer", "chunks"))
                .append(" chunks\n\n");
        if (!Boolean.TRUE.equals(get("generated_answer", "valid"))) {
            md.append("**INVALID measurement: not every answer was generated with the model (fallbacks: ")
                    .append(get("generated_answer", "fallbacks")).append(" ").append(get("generated_answer", "fallback_reasons"))
                    .append(", failed requests: ").append(get("generated_answer", "errors"))
                    .append("); the figures below mix in other paths.**\n\n");
        }
        List<List<String>> rows = new ArrayList<>();
        for (List<String> row : List.of(
                List.of("overhead_ms", "Freshet's overhead per answer: /v1/answer minus the model's handling time"),
                List.of("search_ms", "/v1/search hybrid topK 5, same questions (retrieval alone)"),
                List.of("answer_ms", "/v1/answer topK 5, model included"),
                List.of("model_ms", "the fake model's handling time per answer"),
                List.of("time_to_first_token_client_ms", "time to first token, client (/v1/answer/stream, first token event)"),
                List.of("time_to_first_token_server_ms", "time to first token, server (done event's timeToFirstTokenMs)"))) {
            String key = row.get(0);
            rows.add(List.of(row.get(1), ms(get("generated_answer", key, "p50")), ms(get("generated_answer", key, "p90")),
                    ms(get("generated_answer", key, "p99")), str(get("generated_answer", key, "samples"))));
        }
        table(md, List.of("measure", "p50", "p90", "p99", "samples"), rows);
        md.append("Overhead p50 minus search p50: ").append(ms(get("generated_answer", "p50_added_to_search_ms")))
                .append(" (prompt, the HTTP call to the model, reply check and the answer's JSON, on top of retrieval). ")
                .append(get("generated_answer", "questions")).append(" questions, 1 client, each asked in rotating order to ")
                .append("the three endpoints of a second query-service run with spring.ai.model.chat=openai against ")
                .append(get("generated_answer", "fake_model")).append(", in the bench's process; the shared query-service ")
                .append("stays extractive. Answers generated: ").append(get("generated_answer", "generated"))
                .append("; fallbacks: ").append(get("generated_answer", "fallbacks")).append("; generated without a model ")
                .append("call (nothing relevant, not timed): ").append(get("generated_answer", "model_not_called"))
                .append("; failed requests: ").append(get("generated_answer", "errors")).append(".\n\n");
    }

    private String recallFor(String label) {
        Map<?, ?> r = (Map<?, ?>) get("knn_recall@10", label);
        if (r == null) {
            return "—";
        }
        Object value = r.keySet().stream().map(String::valueOf).filter(k -> k.startsWith("k=") && !k.equals("k=10"))
                .findFirst().<Object>map(r::get).orElse(r.get("k=10"));
        return str(value);
    }

    private Object get(String... path) {
        Object node = root;
        for (String key : path) {
            if (!(node instanceof Map<?, ?> map)) {
                return null;
            }
            node = map.get(key);
        }
        return node;
    }

    private static String str(Object value) {
        return value == null ? "—" : String.valueOf(value);
    }

    private static String ms(Object value) {
        return value == null ? "—" : value + " ms";
    }

    static void table(StringBuilder md, List<String> header, List<List<String>> rows) {
        md.append("| ").append(String.join(" | ", header)).append(" |\n");
        md.append("|").append("---|".repeat(header.size())).append("\n");
        for (List<String> row : rows) {
            md.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        md.append("\n");
    }
}
