package io.freshet.query.retrieval;

/**
 * The bounds of one query's work, stated once for every path (API, MCP, chat facade); each path turns a violation
 * into its own client error, and {@link SearchService} refuses one that slipped through. A query's embedding is
 * bounded as well by the model's token limit (it truncates).
 */
public final class QueryLimits {

    /** Longest query or question: bounds the BM25 query's terms and the model's input. */
    public static final int MAX_QUERY_CHARS = 2000;
    /** Most hits one search returns (each is a passage read from the index and sent back). */
    public static final int MAX_TOP_K = 100;

    private QueryLimits() {
    }

    static void check(String query, int topK) {
        if (query == null || query.isBlank() || query.length() > MAX_QUERY_CHARS) {
            throw new IllegalArgumentException("a query must be 1 to " + MAX_QUERY_CHARS + " characters");
        }
        if (topK < 1 || topK > MAX_TOP_K) {
            throw new IllegalArgumentException("topK must be 1 to " + MAX_TOP_K + ", got " + topK);
        }
    }
}
