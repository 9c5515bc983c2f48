package io.freshet.query.answer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Answers a question by quoting the retrieved sentences that support it best, each followed by its
 * citation number; without an LLM it never writes anything the documents do not say. Pure: no I/O.
 *
 * <p>What it quotes are {@link QuotableUnits}: sentences, an FAQ answer together with the question line above
 * it, a lead-in with the list that follows it. A unit's lexical support is the share of the question's content
 * words it contains, each weighted by its IDF across all retrieved sentences (a rare word like "parental"
 * counts more than "policy"), plus a small bonus for coming from a higher-ranked passage. The best units by
 * that measure are then scored by meaning ({@link SentenceSimilarity}: the embedding model's cosine), so the
 * sentence that answers wins over one that only repeats the question's words. When the best unit shares too
 * few words with the question and is not close in meaning either, or the best passage is too far from it in
 * vector space, the answer says it does not know: a confident answer from an off-topic passage would be worse
 * than none.
 *
 * <p>An answer reads as the documents do and says only what bears on the question: a table row is quoted as
 * "column: value" phrases, a heading is never run into the sentence under it, the items of a list are quoted
 * after their lead-in only as far as they bear on the question, a further sentence is added only when it goes
 * on with the section that answers or answers a part the others leave open ({@link Bearing}), and a sentence
 * that sends the reader elsewhere ("see the Pricing page") is no answer at all.
 */
public final class ExtractiveAnswerer implements Answerer {

    public static final String DONT_KNOW = "I don't know: the documents available to you don't cover this.";

    private final AnswerPolicy policy;
    private final SentenceSimilarity similarity;

    public ExtractiveAnswerer(AnswerPolicy policy) {
        this(policy, SentenceSimilarity.NONE);
    }

    public ExtractiveAnswerer(AnswerPolicy policy, SentenceSimilarity similarity) {
        this.policy = policy;
        this.similarity = similarity;
    }

    /** A quotable unit with its scores; {@code words} are those of its {@link QuotableUnits.Unit#matchText()}. */
    private record Candidate(QuotableUnits.Unit unit, Set<String> words, int passage, int position, int matched,
                             double coverage, double support, double cosine) {

        String text() {
            return unit.quoted();
        }

        /** What the unit answers: its words, with the heading or lead-in above it. */
        String context() {
            return unit.matchText();
        }

        Candidate withMeaning(double cosine, double weight) {
            // bge cosines of unrelated text sit around 0.4-0.5: only what lies above counts as closeness
            double closeness = Math.max(0, Math.min(1, (cosine - 0.45) / 0.45));
            return new Candidate(unit, words, passage, position, matched, coverage,
                    (1 - weight) * support + weight * closeness, cosine);
        }
    }

    /** Without a question vector from retrieval (the similarity embeds the question if it needs to). */
    public Answer answer(String question, List<Evidence> evidence) {
        return answer(question, null, evidence);
    }

    @Override
    public Answer answer(String question, float[] questionVector, List<Evidence> evidence) {
        Set<String> asked = new LinkedHashSet<>(ContentWords.of(question));
        if (asked.isEmpty() || evidence.isEmpty() || !Relevance.anyRelevant(evidence, policy.minCosine())) {
            return dontKnow();
        }

        List<List<QuotableUnits.Unit>> unitsPerPassage = new ArrayList<>();
        List<List<String>> sentencesPerPassage = new ArrayList<>();
        List<Set<String>> titleWords = new ArrayList<>();
        for (Evidence e : evidence) {
            List<String> sentences = Sentences.of(e.text(), policy.maxSentenceChars());
            sentencesPerPassage.add(sentences);
            unitsPerPassage.add(QuotableUnits.of(sentences, policy.maxSentenceChars()));
            titleWords.add(new HashSet<>(ContentWords.of(e.title())));
        }
        Map<String, Double> idf = inverseDocumentFrequency(sentencesPerPassage, asked);
        double askedWeight = asked.stream().mapToDouble(idf::get).sum();
        boolean wordsMissing = uncoveredWeight(asked, idf, sentencesPerPassage, titleWords) > policy.maxUncoveredShare() * askedWeight;

        var candidates = new ArrayList<Candidate>();
        for (int p = 0; p < unitsPerPassage.size(); p++) {
            List<QuotableUnits.Unit> units = unitsPerPassage.get(p);
            for (int s = 0; s < units.size(); s++) {
                Set<String> words = new HashSet<>(ContentWords.of(units.get(s).matchText()));
                int matched = 0;
                double covered = 0;
                for (String word : asked) {
                    if (words.contains(word)) {
                        matched++;
                        covered += idf.get(word);
                    } else if (titleWords.get(p).contains(word)) {
                        covered += policy.titleWeight() * idf.get(word); // "Leave policy": "You get 25 days."
                    }
                }
                double coverage = askedWeight > 0 ? covered / askedWeight : 0;
                double support = coverage + policy.rankWeight() / (1 + p);
                candidates.add(new Candidate(units.get(s), words, p, s, matched, coverage, support, Double.NaN));
            }
        }
        candidates.sort(BY_SUPPORT);
        candidates = rerankByMeaning(question, questionVector, candidates);

        int required = Math.min(policy.minMatchedWords(), asked.size());
        if (candidates.isEmpty() || !supports(candidates.get(0), required)
                || (wordsMissing && !closeInMeaning(candidates.get(0)))) {
            return dontKnow();
        }
        double best = candidates.get(0).support();
        var chosen = new ArrayList<Candidate>();
        var bearing = new Bearing(asked, idf);
        for (Candidate c : candidates) {
            if (chosen.size() == policy.maxSentences()) {
                break;
            }
            // the next sentence of the section that answers needs no full support of its own: it goes on with the answer
            boolean supported = supports(c, required) || (bearing.continuesSection(c.unit(), c.passage()) && c.matched() >= 1);
            if (supported && c.support() >= policy.relativeSupport() * best
                    && chosen.stream().noneMatch(other -> sameThing(c, other))
                    && bearing.accepts(c.unit(), c.passage(), c.words())) {
                chosen.add(c);
                bearing.choose(c.unit(), c.passage(), c.words());
            }
        }
        return cite(inReadingOrder(chosen), evidence);
    }

    /** Passages in the order the answer first uses them; within a passage, its sentences in their own order. */
    private static List<Candidate> inReadingOrder(List<Candidate> chosen) {
        List<Integer> passages = chosen.stream().map(Candidate::passage).distinct().toList();
        return chosen.stream().sorted(Comparator.comparingInt((Candidate c) -> passages.indexOf(c.passage()))
                .thenComparingInt(Candidate::position)).toList();
    }

    /** The question must be near at least one passage in meaning, not merely share a word with it. */
    /** The IDF weight of question words that appear in no retrieved sentence and no title. */
    private static double uncoveredWeight(Set<String> asked, Map<String, Double> idf, List<List<String>> sentencesPerPassage,
                                          List<Set<String>> titleWords) {
        Set<String> seen = new HashSet<>();
        sentencesPerPassage.forEach(sentences -> sentences.forEach(s -> seen.addAll(ContentWords.of(s))));
        titleWords.forEach(seen::addAll);
        return asked.stream().filter(word -> !seen.contains(word)).mapToDouble(idf::get).sum();
    }

    /** Enough of the question's words, or (with at least one of them) clearly the same meaning. */
    private boolean supports(Candidate c, int required) {
        boolean byWords = c.matched() >= required && c.coverage() >= policy.minCoverage();
        return byWords || (c.matched() >= 1 && closeInMeaning(c));
    }

    private boolean closeInMeaning(Candidate c) {
        return !Double.isNaN(c.cosine()) && c.cosine() >= policy.answerCosine();
    }

    private static final Comparator<Candidate> BY_SUPPORT = Comparator.comparingDouble((Candidate c) -> -c.support())
            .thenComparingInt(Candidate::passage).thenComparingInt(Candidate::position);

    /** The lexically best units, re-scored with their closeness in meaning to the question; the rest dropped. */
    private ArrayList<Candidate> rerankByMeaning(String question, float[] questionVector, List<Candidate> candidates) {
        List<Candidate> head = candidates.subList(0, Math.min(policy.semanticCandidates(), candidates.size()));
        double[] cosines = head.isEmpty() ? null : similarity.of(question, questionVector, head.stream().map(Candidate::context).toList());
        if (cosines == null) {
            return new ArrayList<>(candidates);
        }
        var reranked = new ArrayList<Candidate>();
        for (int i = 0; i < head.size(); i++) {
            reranked.add(head.get(i).withMeaning(cosines[i], policy.semanticWeight()));
        }
        reranked.sort(BY_SUPPORT);
        return reranked;
    }

    private boolean sameThing(Candidate a, Candidate b) {
        if (!a.unit().leadIn().isEmpty() && a.passage() == b.passage() && a.unit().leadIn().equals(b.unit().leadIn())) {
            return a.unit().text().equalsIgnoreCase(b.unit().text()); // items of one list share their lead-in's words
        }
        if (a.words().isEmpty() || b.words().isEmpty()) {
            return a.text().equalsIgnoreCase(b.text());
        }
        Set<String> union = new HashSet<>(a.words());
        union.addAll(b.words());
        Set<String> common = new HashSet<>(a.words());
        common.retainAll(b.words());
        return (double) common.size() / union.size() >= policy.duplicateOverlap();
    }

    /**
     * IDF over the retrieved sentences: ln((N + 1) / (df + 0.5)). A question word no sentence contains gets
     * the highest weight, so a question about something the passages never mention cannot be covered.
     */
    private static Map<String, Double> inverseDocumentFrequency(List<List<String>> sentencesPerPassage, Set<String> asked) {
        Map<String, Integer> df = new HashMap<>();
        int n = 0;
        for (List<String> sentences : sentencesPerPassage) {
            for (String sentence : sentences) {
                n++;
                for (String word : new HashSet<>(ContentWords.of(sentence))) {
                    if (asked.contains(word)) {
                        df.merge(word, 1, Integer::sum);
                    }
                }
            }
        }
        Map<String, Double> idf = new HashMap<>();
        for (String word : asked) {
            idf.put(word, Math.log((n + 1.0) / (df.getOrDefault(word, 0) + 0.5)));
        }
        return idf;
    }

    /**
     * Numbers the quoted places in the order the answer uses them. A place is a document, page and origin:
     * two sentences from one page share a number, sentences from two pages of one document get two, so each
     * marker leads the reader to the page that says it.
     */
    private static Answer cite(List<Candidate> chosen, List<Evidence> evidence) {
        Map<Place, Integer> numbers = new LinkedHashMap<>();
        Map<Place, List<String>> quoted = new HashMap<>();
        Map<Place, Evidence> best = new HashMap<>();
        var text = new StringBuilder();
        for (Quote quote : quotes(chosen)) {
            Evidence source = evidence.get(quote.passage());
            Place place = new Place(source.documentId(), source.page(), source.origin());
            int number = numbers.computeIfAbsent(place, p -> numbers.size() + 1);
            quoted.computeIfAbsent(place, p -> new ArrayList<>()).add(quote.text());
            best.merge(place, source, (a, b) -> a.score() >= b.score() ? a : b);
            if (!text.isEmpty()) {
                text.append(' ');
            }
            text.append(withMarker(quote.text(), number));
        }
        var citations = new ArrayList<Answer.Citation>();
        for (Place place : numbers.keySet()) {
            Evidence source = best.get(place);
            citations.add(new Answer.Citation(source.documentId(), source.title(), source.url(), source.page(),
                    source.origin(), String.join(" ", quoted.get(place)), source.score()));
        }
        return new Answer(text.toString(), true, citations);
    }

    /** One quoted text of the answer, from one passage. */
    private record Quote(int passage, String leadIn, List<String> items) {

        String text() {
            if (leadIn.isEmpty()) {
                return items.get(0);
            }
            var joined = new ArrayList<String>();
            for (int i = 0; i < items.size(); i++) {
                String item = items.get(i);
                joined.add(i + 1 < items.size() && item.endsWith(".") ? item.substring(0, item.length() - 1) : item);
            }
            return leadIn + " " + String.join("; ", joined);
        }
    }

    /** The chosen units in answer order, items of one lead-in quoted together after it, where the first stands. */
    private static List<Quote> quotes(List<Candidate> chosen) {
        var quotes = new ArrayList<Quote>();
        for (Candidate c : chosen) {
            String leadIn = c.unit().leadIn();
            Quote sibling = leadIn.isEmpty() ? null : quotes.stream()
                    .filter(q -> q.passage() == c.passage() && q.leadIn().equals(leadIn)).findFirst().orElse(null);
            if (sibling != null) {
                sibling.items().add(c.unit().text());
            } else {
                quotes.add(new Quote(c.passage(), leadIn, new ArrayList<>(List.of(c.unit().text()))));
            }
        }
        return quotes;
    }

    /** Where a quoted sentence is: the document, and within it the page and embedded part (null when none). */
    private record Place(String documentId, Integer page, String origin) {
    }

    /** "Leave is 25 days." + 1 -> "Leave is 25 days [1]." */
    private static String withMarker(String sentence, int number) {
        String marker = " [" + number + "]";
        char last = sentence.charAt(sentence.length() - 1);
        if (last == '.' || last == '!' || last == '?' || last == '…') {
            return sentence.substring(0, sentence.length() - 1) + marker + last;
        }
        return sentence + marker + ".";
    }

    private static Answer dontKnow() {
        return new Answer(DONT_KNOW, false, List.of());
    }
}
