package io.freshet.ingest;

import io.freshet.ingest.IngestProperties.OcrSwitch;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** freshet.ingest.* binds with its defaults and refuses inconsistent settings at start-up. */
class IngestPropertiesTest {

    @EnableConfigurationProperties(IngestProperties.class)
    static class PropertiesOnly {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(PropertiesOnly.class);

    @Test
    void defaultsNeedNoConfiguration() {
        runner.run(context -> {
            IngestProperties properties = context.getBean(IngestProperties.class);
            assertThat(properties.ocr().enabled()).isEqualTo(OcrSwitch.AUTO);
            assertThat(properties.ocrSettings().enabled()).isTrue();
            assertThat(properties.ocrSettings().language()).isEqualTo("eng");
            assertThat(properties.ocrSettings().timeout()).isEqualTo(Duration.ofSeconds(30));
            // Nothing is fetched until hosts are allowed; a fetched body may be as large as a document.
            assertThat(properties.fetchPolicy().allowedHosts()).isEmpty();
            assertThat(properties.fetchPolicy().allowedPrivateHosts()).isEmpty();
            assertThat(properties.fetchLimits().maxBytes()).isEqualTo(50L * 1024 * 1024);
            assertThat(properties.fetchLimits().connectTimeout()).isEqualTo(Duration.ofSeconds(5));
            assertThat(properties.fetchLimits().timeout()).isEqualTo(Duration.ofSeconds(30));
            assertThat(properties.fetchLimits().maxRedirects()).isEqualTo(5);
        });
    }

    @Test
    void ocrIsSwitchedWithTrueOrFalse() {
        runner.withPropertyValues("freshet.ingest.ocr.enabled=false").run(context -> {
            IngestProperties properties = context.getBean(IngestProperties.class);
            assertThat(properties.ocr().enabled()).isEqualTo(OcrSwitch.OFF);
            assertThat(properties.ocrSettings().enabled()).isFalse();
        });
        runner.withPropertyValues("freshet.ingest.ocr.enabled=true").run(context ->
                assertThat(context.getBean(IngestProperties.class).ocr().enabled()).isEqualTo(OcrSwitch.ON));
    }

    @Test
    void fetchSettingsBind() {
        runner.withPropertyValues("freshet.ingest.fetch.allowed-hosts=files.example.com,*.cdn.example.net",
                "freshet.ingest.fetch.allowed-private-hosts[0]=intranet.local", "freshet.ingest.fetch.max-size=5MB",
                "freshet.ingest.fetch.timeout=10s").run(context -> {
                    IngestProperties properties = context.getBean(IngestProperties.class);
                    assertThat(properties.fetchPolicy().allowedHosts()).containsExactly("files.example.com", "*.cdn.example.net");
                    assertThat(properties.fetchPolicy().allowedPrivateHosts()).containsExactly("intranet.local");
                    assertThat(properties.fetchLimits().maxBytes()).isEqualTo(5L * 1024 * 1024);
                    assertThat(properties.fetchLimits().timeout()).isEqualTo(Duration.ofSeconds(10));
                });
    }

    @Test
    void anOcrTimeoutBeyondTheParseTimeoutIsRefused() {
        runner.withPropertyValues("freshet.ingest.ocr.timeout=90s").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().isNotNull();
            assertThat(stackMessages(context.getStartupFailure()))
                    .contains("freshet.ingest.ocr.timeout must be shorter than freshet.ingest.parse-timeout");
        });
        runner.withPropertyValues("freshet.ingest.fetch.attempts=0").run(context -> assertThat(context).hasFailed());
    }

    private static String stackMessages(Throwable failure) {
        StringBuilder messages = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        return messages.toString();
    }
}
