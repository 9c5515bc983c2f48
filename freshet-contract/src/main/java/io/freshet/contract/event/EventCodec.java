package io.freshet.contract.event;

import io.freshet.contract.failure.PoisonEventException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Reads and writes the pipeline's events as JSON. Reading validates the contract, so a record that
 * breaks it fails here with a {@link PoisonEventException} that says what is wrong.
 */
public final class EventCodec {

    private final JsonMapper mapper = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public String write(Object event) {
        return mapper.writeValueAsString(event);
    }

    public DocumentChange readChange(String json) {
        JsonNode node = parse(json);
        for (String required : new String[] {"id", "version", "op"}) {
            if (!node.hasNonNull(required)) {
                throw new PoisonEventException("contract violation: '" + required + "' is required");
            }
        }
        if (!node.get("version").isIntegralNumber()) {
            throw new PoisonEventException("contract violation: 'version' must be an integer, got " + node.get("version"));
        }
        DocumentChange change = convert(node, DocumentChange.class);
        validate(change);
        return change;
    }

    public ExtractedDocument readExtracted(String json) {
        ExtractedDocument event = convert(parse(json), ExtractedDocument.class);
        requireHeader(event.document());
        return event;
    }

    public EmbeddedDocument readEmbedded(String json) {
        EmbeddedDocument event = convert(parse(json), EmbeddedDocument.class);
        requireHeader(event.document());
        return event;
    }

    public AnswerFeedback readFeedback(String json) {
        AnswerFeedback feedback = convert(parse(json), AnswerFeedback.class);
        if (feedback.answerId() == null || feedback.answerId().isBlank()) {
            throw new PoisonEventException("contract violation: feedback needs 'answerId'");
        }
        return feedback;
    }

    public ModelState readModelState(String json) {
        ModelState state = convert(parse(json), ModelState.class);
        if (state.model().isBlank()) {
            throw new PoisonEventException("contract violation: a model state needs 'model'");
        }
        return state;
    }

    public DocumentStatus readStatus(String json) {
        DocumentStatus status = convert(parse(json), DocumentStatus.class);
        if (status.id() == null || status.id().isBlank() || status.state() == null) {
            throw new PoisonEventException("contract violation: a status needs 'id' and 'state'");
        }
        return status;
    }

    private static void validate(DocumentChange change) {
        if (change.header().id().isBlank()) {
            throw new PoisonEventException("contract violation: 'id' must not be blank");
        }
        checkBounds(change.header());
        if (change.header().version() < 0) {
            throw new PoisonEventException("contract violation: 'version' must not be negative");
        }
        if (change.header().version() > ChangeLimits.MAX_VERSION) {
            throw new PoisonEventException("contract violation: 'version' must be at most " + ChangeLimits.MAX_VERSION
                    + " (2^53 - 1)");
        }
        if (change.header().op() == Operation.UPSERT) {
            Content content = change.content();
            if (content == null || content.alternativesSet() != 1) {
                throw new PoisonEventException(
                        "contract violation: an UPSERT needs exactly one of content.text, content.base64, content.uri");
            }
            if (content.base64() != null) {
                try {
                    Base64.getMimeDecoder().decode(content.base64());
                } catch (IllegalArgumentException e) {
                    throw new PoisonEventException("contract violation: content.base64 is not valid base64", e);
                }
            }
        }
    }

    private static void checkBounds(DocumentHeader header) {
        List<String> problems = new ArrayList<>();
        add(problems, ChangeLimits.check("id", header.id(), ChangeLimits.MAX_ID_CHARS, true));
        add(problems, ChangeLimits.check("source", header.source(), ChangeLimits.MAX_SOURCE_CHARS, true));
        add(problems, ChangeLimits.check("title", header.title(), ChangeLimits.MAX_TITLE_CHARS, false));
        add(problems, ChangeLimits.check("url", header.url(), ChangeLimits.MAX_URL_CHARS, true));
        add(problems, ChangeLimits.check("contentType", header.contentType(), ChangeLimits.MAX_CONTENT_TYPE_CHARS, true));
        if (header.metadata().size() > ChangeLimits.MAX_METADATA_ENTRIES) {
            problems.add("'metadata' has " + header.metadata().size() + " entries, over the limit of "
                    + ChangeLimits.MAX_METADATA_ENTRIES);
        }
        header.metadata().forEach((key, value) -> {
            add(problems, ChangeLimits.check("metadata key", key, ChangeLimits.MAX_METADATA_KEY_CHARS, true));
            add(problems, ChangeLimits.check("metadata." + key, value, ChangeLimits.MAX_METADATA_VALUE_CHARS, false));
        });
        if (header.acl().principals().size() > ChangeLimits.MAX_PRINCIPALS) {
            problems.add("'acl.principals' has " + header.acl().principals().size() + " entries, over the limit of "
                    + ChangeLimits.MAX_PRINCIPALS);
        }
        for (String principal : header.acl().principals()) {
            if (principal == null || principal.isBlank()) {
                problems.add("'acl.principals' must not hold an empty principal");
            } else {
                add(problems, ChangeLimits.check("acl principal", principal, ChangeLimits.MAX_PRINCIPAL_CHARS, true));
            }
        }
        if (!problems.isEmpty()) {
            // The first problem is enough to act on; an attacker's input is not echoed back whole.
            throw new PoisonEventException("contract violation: " + problems.get(0));
        }
    }

    private static void add(List<String> problems, String problem) {
        if (problem != null) {
            problems.add(problem);
        }
    }

    private static void requireHeader(DocumentHeader header) {
        if (header == null || header.id() == null || header.id().isBlank() || header.op() == null) {
            throw new PoisonEventException("contract violation: 'document' with 'id' and 'op' is required");
        }
    }

    private JsonNode parse(String json) {
        if (json == null || json.isBlank()) {
            throw new PoisonEventException("not an event: the value is empty");
        }
        try {
            JsonNode node = mapper.readTree(json);
            if (!node.isObject()) {
                throw new PoisonEventException("not an event: expected a JSON object");
            }
            return node;
        } catch (JacksonException e) {
            throw new PoisonEventException("not an event: malformed JSON (" + e.getOriginalMessage() + ")", e);
        }
    }

    private <T> T convert(JsonNode node, Class<T> type) {
        try {
            return mapper.treeToValue(node, type);
        } catch (JacksonException e) {
            throw new PoisonEventException("contract violation: " + e.getOriginalMessage(), e);
        }
    }
}
