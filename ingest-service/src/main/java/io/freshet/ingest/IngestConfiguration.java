package io.freshet.ingest;

import io.freshet.ingest.change.ChangeProcessor;
import io.freshet.ingest.change.ContentFetcher;
import io.freshet.ingest.change.IngestStage;
import io.freshet.ingest.extraction.OcrSettings;
import io.freshet.ingest.extraction.TextExtractor;
import io.freshet.ingest.fetch.FetchLimits;
import io.freshet.ingest.fetch.FetchPolicy;
import io.freshet.ingest.fetch.HttpContentFetcher;
import io.freshet.ingest.kafka.KafkaIngestOutput;
import io.freshet.pipeline.kafka.EventPublisher;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/** Wires the pure core (extractor, fetcher, processor) into the application. */
@Configuration(proxyBeanMethods = false)
class IngestConfiguration {

    private static final Logger log = LoggerFactory.getLogger(IngestConfiguration.class);
    private static final String INSTALL_TESSERACT = "apt-get install tesseract-ocr tesseract-ocr-eng";

    @Bean(destroyMethod = "close")
    TextExtractor textExtractor(IngestProperties properties, MeterRegistry meters) {
        OcrSettings ocr = properties.ocrSettings();
        TextExtractor extractor = new TextExtractor(properties.extractionLimits(), ocr);
        reportOcr(properties.ocr().enabled(), extractor);
        // A value stuck at parser-threads means parsers that ignored their timeout: the service is saturated.
        Gauge.builder("freshet.ingest.parsers.busy", extractor, TextExtractor::busyParsers)
                .description("Parser threads inside a parse, including abandoned (timed-out) ones")
                .register(meters);
        Gauge.builder("freshet.ingest.ocr.active", extractor, e -> e.ocrActive() ? 1 : 0)
                .description("1 when images and scanned pages are OCRed")
                .register(meters);
        return extractor;
    }

    private static void reportOcr(IngestProperties.OcrSwitch requested, TextExtractor extractor) {
        OcrSettings ocr = extractor.ocrSettings();
        if (requested == IngestProperties.OcrSwitch.OFF) {
            log.info("OCR is off (freshet.ingest.ocr.enabled=false): images and scanned pages are rejected as 'no text layer'");
            return;
        }
        if (!extractor.tesseractInstalled()) {
            if (requested == IngestProperties.OcrSwitch.ON) {
                extractor.close();
                throw new IllegalStateException("freshet.ingest.ocr.enabled=true but no tesseract binary was found on the PATH ("
                        + INSTALL_TESSERACT + ", or set it to auto)");
            }
            log.warn("OCR is off: no tesseract binary found on the PATH ({}); images and scanned pages are rejected as 'no text layer'",
                    INSTALL_TESSERACT);
            return;
        }
        log.info("OCR is on: Tesseract found; language {}, at most {} s per image or page, scanned PDF pages at {} dpi",
                ocr.language(), ocr.timeout().toSeconds(), ocr.pdfDpi());
        if (System.getenv("OMP_THREAD_LIMIT") == null) {
            // Tesseract's OpenMP threads fight the parser threads for cores: several times slower on a busy host.
            log.info("OMP_THREAD_LIMIT is not set: set OMP_THREAD_LIMIT=1 in this service's environment for faster OCR under load");
        }
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(ContentFetcher.class)
    HttpContentFetcher contentFetcher(IngestProperties properties, ObjectProvider<RetryRegistry> retryRegistries) {
        FetchPolicy policy = properties.fetchPolicy();
        FetchLimits limits = properties.fetchLimits();
        // From the registry when resilience4j's auto-configuration made one: its retries then show in the metrics.
        Retry retry = retryRegistries.getIfAvailable(RetryRegistry::ofDefaults).retry("content-fetch", limits.retryConfig());
        if (policy.allowedHosts().isEmpty() && policy.allowedPrivateHosts().isEmpty()) {
            log.info("Content by reference (content.uri) is refused: freshet.ingest.fetch.allowed-hosts is empty");
        } else {
            log.info("Content by reference from {} (private addresses allowed for {}), at most {} bytes, {} s per attempt, {} attempt(s)",
                    policy.allowedHosts(), policy.allowedPrivateHosts(), limits.maxBytes(), limits.timeout().toSeconds(),
                    limits.attempts());
        }
        return new HttpContentFetcher(policy, limits, retry);
    }

    @Bean
    ChangeProcessor changeProcessor(TextExtractor extractor, ContentFetcher fetcher) {
        return new ChangeProcessor(extractor, fetcher);
    }

    @Bean
    IngestStage ingestStage(ChangeProcessor processor, EventPublisher publisher, IngestMetrics metrics) {
        return new IngestStage(processor, new KafkaIngestOutput(publisher), metrics, Clock.systemUTC());
    }
}
