package io.freshet.query.audit;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What the audit log keeps of each question.
 *
 * @param question {@code hash} (default: the SHA-256, enough to match a known question without storing what people
 *                 ask), {@code text}, or {@code none}
 */
@Validated
@ConfigurationProperties("freshet.audit")
public record AuditProperties(@NotNull @DefaultValue("hash") Question question) {

    public enum Question { HASH, TEXT, NONE }
}
