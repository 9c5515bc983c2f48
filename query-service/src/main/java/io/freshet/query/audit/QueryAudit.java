package io.freshet.query.audit;

import io.freshet.query.access.Caller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One JSON line per search, answer or status lookup on the logger {@value #LOGGER}: who asked (the user, never the token), what
 * (the question's SHA-256, its text, or nothing, by {@link AuditProperties}), and which documents the caller was
 * shown, so a compliance team can answer "who saw document X". Route the logger to its own file or sink.
 */
public class QueryAudit {

    public static final String LOGGER = "freshet.audit";
    private static final Logger audit = LoggerFactory.getLogger(LOGGER);

    private final AuditProperties properties;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();

    public QueryAudit(AuditProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    /** @param question what was asked; null for a lookup by id (a status) */
    public void record(String action, Caller caller, String question, List<String> documentIds) {
        if (!audit.isInfoEnabled()) {
            return;
        }
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("at", clock.instant().toString());
        entry.put("action", action);
        entry.put("user", caller.authenticated() ? caller.user() : null);
        entry.put("anonymous", !caller.authenticated());
        if (question != null) {
            switch (properties.question()) {
                case HASH -> entry.put(properties.hashKey() == null ? "questionSha256" : "questionHmac", hash(question));
                case TEXT -> entry.put("question", question);
                case NONE -> { }
            }
        }
        entry.put("documents", documentIds.stream().distinct().toList());
        audit.info(json.writeValueAsString(entry));
    }

    private String hash(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        try {
            if (properties.hashKey() == null) {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            }
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(properties.hashKey().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(bytes));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
