package io.freshet.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * report.md's sections on the cost curve (figures linked, and the same numbers as a table) and the soak (a row per
 * bucket of time), read from report.json's tree as {@link Report} reads the rest.
 */
final class ScaleMarkdown {

    private ScaleMarkdown() {
    }

    static void append(StringBuilder md, Map<String, Object> root) {
        if (root.get("cost_curve") instanceof Map<?, ?> curve) {
            costCurve(md, curve);
        }
        if (root.get("soak") instanceof Map<?, ?> soak) {
            soak(md, soak);
        }
    }

    private static void costCurve(StringBuilder md, Map<?, ?> curve) {
        md.append("## Cost curve: ingestion and search against index size\n\n");
        List<?> plots = (List<?>) curve.get("plots");
        for (Object plot : plots == null ? List.of() : plots) {
            md.append("![").append(String.valueOf(plot).replace(".png", "").replace('-', ' ')).append("](").append(plot).append(")\n\n");
        }
        List<List<String>> rows = new ArrayList<>();
        for (Object o : (List<?>) curve.get("sizes")) {
            Map<?, ?> point = (Map<?, ?>) o;
            List<String> row = new ArrayList<>(List.of(str(point.get("chunks")),
                    str(get(point, "ingestion", "documents_per_s")) + " (" + str(get(point, "ingestion", "chunks_per_s")) + ")"));
            for (int clients : ScaleOptions.CLIENTS) {
                String key = "clients_" + clients;
                row.add(str(get(point, "search_ms", key, "p50")) + " / " + str(get(point, "search_ms", key, "p99")) + " ("
                        + str(get(point, "search_ms", key, "requests_per_s")) + "/s, " + str(get(point, "search_ms", key, "errors"))
                        + " errors)");
            }
            row.add(get(point, "fill", "seconds") == null ? "—"
                    : str(get(point, "fill", "seconds")) + " s (" + str(get(point, "fill", "chunks_per_s")) + " chunks/s)");
            rows.add(row);
        }
        Report.table(md, List.of("chunks", "ingestion documents/s (chunks/s)", "search p50 / p99 ms, 1 client",
                "8 clients", "32 clients", "fill to this size"), rows);
        md.append("At each size: the index is filled with copies of the corpus chunks and their vectors (published to the "
                + "embedded topic, so only index-service works; refresh off during the fill), then ")
                .append(curve.get("ingestion_documents")).append(" corpus documents under new ids go through the whole pipeline "
                        + "(ingestion: first publish → last INDEXED), then ").append(curve.get("search_request"))
                .append(" by 1, 8 and 32 concurrent clients (p50 / p99 of the successful requests, requests per second).\n\n");
    }

    private static void soak(StringBuilder md, Map<?, ?> soak) {
        md.append("## Soak: updates and searches at a fixed rate\n\n");
        md.append(Boolean.TRUE.equals(soak.get("passed")) ? "**Soak checks: passed.** " : "**Soak checks: FAILED.** ");
        md.append(str(soak.get("seconds"))).append(" s at ").append(str(soak.get("target_updates_per_s")))
                .append(" updates/s (").append(soak.get("rate_basis")).append("; sent ").append(str(soak.get("sent_updates_per_s")))
                .append("/s) and ").append(str(soak.get("target_queries_per_s"))).append(" hybrid searches/s, on an index of ")
                .append(str(soak.get("chunks"))).append(" chunks: ").append(str(soak.get("published"))).append(" updates of ")
                .append(str(soak.get("documents_updated"))).append(" documents (").append(str(soak.get("publish_failures")))
                .append(" failed), ").append(str(soak.get("queries"))).append(" searches (").append(str(soak.get("query_errors")))
                .append(" failed; p50 / p99 ").append(str(get(soak, "query_latency_ms", "p50"))).append(" / ")
                .append(str(get(soak, "query_latency_ms", "p99"))).append(" ms).\n\n");
        md.append("- Consumer lag: ").append(get(soak, "lag", "judgement")).append(" (allowance: ")
                .append(LagTrend.ALLOWANCE_SECONDS).append(" s of updates, at least ").append(LagTrend.MIN_ALLOWANCE)
                .append(" records); growing: ").append(get(soak, "lag", "growing")).append("\n");
        md.append("- Drained ").append(str(soak.get("drain_seconds"))).append(" s after the last update; dead-lettered during the soak: ")
                .append(soak.get("dead_lettered")).append("\n");
        md.append("- Every updated document checked after the drain: ").append(str(get(soak, "verification", "verified")))
                .append(" of ").append(str(get(soak, "verification", "documents"))).append(" at their last published version with "
                        + "exactly its chunks; lost ").append(str(get(soak, "verification", "lost"))).append(", duplicated or stale ")
                .append(str(get(soak, "verification", "duplicated"))).append(" (stale chunks ")
                .append(str(get(soak, "verification", "stale_chunks"))).append(")\n\n");
        List<List<String>> rows = new ArrayList<>();
        for (Object o : (List<?>) soak.get("buckets")) {
            Map<?, ?> b = (Map<?, ?>) o;
            rows.add(List.of(str(b.get("from_s")) + "–" + str(b.get("to_s")), str(b.get("published")), str(b.get("publish_failures")),
                    str(b.get("queries")), str(b.get("query_errors")), str(b.get("query_p50_ms")) + " / " + str(b.get("query_p99_ms")),
                    str(b.get("max_lag")), str(b.get("freshness_p50_ms")) + " / " + str(b.get("freshness_p99_ms")) + " ("
                            + str(b.get("freshness_events")) + ")"));
        }
        Report.table(md, List.of("seconds", "updates", "failed", "searches", "failed", "search p50 / p99 ms", "max consumer lag",
                "freshness p50 / p99 ms (events)"), rows);
        md.append("Freshness per bucket: index-service's freshet_index_freshness_seconds (event time → written, before the "
                + "≤ 1 s index refresh makes it searchable) over the bucket's events. Consumer lag: every consumer group's "
                + "unconsumed records together, sampled each second.\n\n");
    }

    private static Object get(Map<?, ?> node, String... path) {
        Object at = node;
        for (String key : path) {
            if (!(at instanceof Map<?, ?> map)) {
                return null;
            }
            at = map.get(key);
        }
        return at;
    }

    private static String str(Object value) {
        return value == null ? "—" : String.valueOf(value);
    }
}
