package io.freshet.query.mcp;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.freshet.contract.event.ChangeLimits;
import io.freshet.query.access.Caller;
import io.freshet.query.answer.Answer;
import io.freshet.query.answer.AnswerMode;
import io.freshet.query.answer.AnswerOutcome;
import io.freshet.query.answer.AnswerService;
import io.freshet.query.answer.feedback.RecentAnswers;
import io.freshet.query.audit.QueryAudit;
import io.freshet.query.retrieval.FusedHit;
import io.freshet.query.retrieval.Passage;
import io.freshet.query.retrieval.QueryLimits;
import io.freshet.query.retrieval.SearchMode;
import io.freshet.query.retrieval.SearchService;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * The MCP tools: search_documents, get_document_passages and answer_question. Each reads the caller from the MCP
 * transport context (see {@link McpServerConfiguration}) and goes through {@link SearchService}, the permission
 * point, so a tool returns only what that caller may read; each call is audited like its HTTP twin.
 */
@Component
class McpTools {

    private static final Logger log = LoggerFactory.getLogger(McpTools.class);

    private final SearchService search;
    private final AnswerService answers;
    private final RecentAnswers recentAnswers;
    private final QueryAudit audit;
    private final McpProperties properties;
    private final JsonMapper json;

    McpTools(SearchService search, AnswerService answers, RecentAnswers recentAnswers, QueryAudit audit,
             McpProperties properties, @Qualifier("mcpServerJsonMapper") JsonMapper json) {
        this.search = search;
        this.answers = answers;
        this.recentAnswers = recentAnswers;
        this.audit = audit;
        this.properties = properties;
        this.json = json;
    }

    List<SyncToolSpecification> specifications() {
        return List.of(
                tool("search_documents", "Search the organisation's documents the user may read (hybrid keyword and "
                                + "semantic search). Returns the best passages with document id, title, url, page and text.",
                        """
                        {"type":"object","properties":{
                          "query":{"type":"string","description":"What to search for","maxLength":2000},
                          "topK":{"type":"integer","minimum":1,"maximum":50,"default":10}},
                         "required":["query"]}""", this::searchDocuments),
                tool("get_document_passages", "The text of one document the user may read, passage by passage in "
                                + "reading order (by its document id, as search_documents returns it).",
                        """
                        {"type":"object","properties":{
                          "documentId":{"type":"string","maxLength":%d},
                          "maxPassages":{"type":"integer","minimum":1,"maximum":%d,"default":20}},
                         "required":["documentId"]}""".formatted(ChangeLimits.MAX_ID_CHARS, properties.maxPassages()),
                        this::documentPassages),
                tool("answer_question", "Answer a question from the documents the user may read. The answer cites its "
                                + "sources as [n], n-th of citations; grounded is false when the documents do not say.",
                        """
                        {"type":"object","properties":{
                          "question":{"type":"string","maxLength":2000},
                          "topK":{"type":"integer","minimum":1,"maximum":20,"default":5}},
                         "required":["question"]}""", this::answerQuestion));
    }

    private Object searchDocuments(Caller caller, ToolArguments arguments) {
        String query = arguments.requiredText("query", QueryLimits.MAX_QUERY_CHARS);
        int topK = arguments.optionalInt("topK", 1, 50, 10);
        List<FoundPassage> hits = search.search(query, topK, SearchMode.HYBRID, caller).hits().stream()
                .map(FoundPassage::of).toList();
        audit.record("mcp.search", caller, query, hits.stream().map(FoundPassage::documentId).toList());
        return Map.of("hits", hits);
    }

    private Object documentPassages(Caller caller, ToolArguments arguments) {
        String documentId = arguments.requiredText("documentId", ChangeLimits.MAX_ID_CHARS);
        int limit = arguments.optionalInt("maxPassages", 1, properties.maxPassages(), 20);
        List<Passage> passages = search.passagesOf(documentId, limit, caller);
        audit.record("mcp.passages", caller, null, passages.isEmpty() ? List.of() : List.of(documentId));
        if (passages.isEmpty()) {
            // The same words for "not there" and "not yours": a tool must not confirm that a document exists.
            throw new IllegalArgumentException("no document with id '" + documentId + "' is known");
        }
        Passage first = passages.get(0);
        return Map.of("documentId", documentId, "title", String.valueOf(first.title()), "url", String.valueOf(first.url()),
                "passages", passages.stream().map(DocumentPassage::of).toList());
    }

    private Object answerQuestion(Caller caller, ToolArguments arguments) {
        String question = arguments.requiredText("question", QueryLimits.MAX_QUERY_CHARS);
        int topK = arguments.optionalInt("topK", 1, 20, 5);
        AnswerOutcome outcome = answers.answer(question, topK, caller);
        audit.record("mcp.answer", caller, question, outcome.answer().citations().stream()
                .map(Answer.Citation::documentId).toList());
        // The agent's user can judge the answer later (POST /v1/feedback with the same token).
        String answerId = UUID.randomUUID().toString();
        recentAnswers.remember(answerId, caller, outcome);
        return new ToolAnswer(answerId, outcome.answer().answer(), outcome.answer().grounded(), outcome.mode(),
                outcome.answer().citations(), outcome.uncitedSentences());
    }

    private SyncToolSpecification tool(String name, String description, String schema,
                                       BiFunction<Caller, ToolArguments, Object> work) {
        McpSchema.Tool tool = McpSchema.Tool.builder().name(name).description(description)
                .inputSchema(new io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper(json), schema).build();
        return SyncToolSpecification.builder().tool(tool).callHandler((exchange, request) -> {
            Caller caller = caller(exchange);
            try {
                String result = json.writeValueAsString(work.apply(caller, new ToolArguments(request.arguments())));
                return McpSchema.CallToolResult.builder().addTextContent(result).isError(false).build();
            } catch (IllegalArgumentException invalid) {
                return McpSchema.CallToolResult.builder().addTextContent(invalid.getMessage()).isError(true).build();
            } catch (RuntimeException failed) {
                log.warn("MCP tool {} failed: {}", name, failed.toString());
                return McpSchema.CallToolResult.builder().addTextContent("the search backend is unavailable; retry shortly")
                        .isError(true).build();
            }
        }).build();
    }

    private static Caller caller(McpSyncServerExchange exchange) {
        Object caller = exchange.transportContext().get(McpServerConfiguration.CALLER);
        return caller instanceof Caller known ? known : Caller.anonymous();
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record FoundPassage(String documentId, String title, String url, Integer page, String origin, String text, double score) {

        static FoundPassage of(FusedHit hit) {
            Passage p = hit.passage();
            return new FoundPassage(p.documentId(), p.title(), p.url(), p.page(), p.origin(), p.text(), hit.score());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record DocumentPassage(String chunkId, Integer page, String origin, String text) {

        static DocumentPassage of(Passage p) {
            return new DocumentPassage(p.chunkId(), p.page(), p.origin(), p.text());
        }
    }

    record ToolAnswer(String answerId, String answer, boolean grounded, AnswerMode mode, List<Answer.Citation> citations,
                      List<String> uncitedSentences) {
    }
}
