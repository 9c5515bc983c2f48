package io.freshet.query.audit;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What the audit log keeps of each question.
 *
 * @param question {@code hash} (default: enough to match a known question without storing what people ask),
 *                 {@code text}, or {@code none}
 * @param hashKey  a secret that makes the hash an HMAC-SHA-256 ({@code questionHmac}): questions are short and
 *                 guessable, so a plain SHA-256 ({@code questionSha256}, without a key) can be reversed by trying
 *                 likely questions. Set it in production (from a secret), keep it to match questions later
 */
@Validated
@ConfigurationProperties("freshet.audit")
public record AuditProperties(@NotNull @DefaultValue("hash") Question question, String hashKey) {

    @Override
    public String toString() {
        return "AuditProperties[question=" + question + ", hashKey=" + (hashKey == null ? "none" : "******") + "]";
    }

    public enum Question { HASH, TEXT, NONE }
}
