package io.freshet.ingest;

import io.freshet.contract.event.EventCodec;
import io.freshet.ingest.change.ChangeProcessor;
import io.freshet.ingest.change.ContentFetcher;
import io.freshet.ingest.extraction.TextExtractor;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the pure core (extractor, processor) into the application. */
@Configuration(proxyBeanMethods = false)
class IngestConfiguration {

    @Bean(destroyMethod = "close")
    TextExtractor textExtractor(IngestProperties properties, MeterRegistry meters) {
        TextExtractor extractor = new TextExtractor(properties.extractionLimits());
        // A value stuck at parser-threads means parsers that ignored their timeout: the service is saturated.
        Gauge.builder("freshet.ingest.parsers.busy", extractor, TextExtractor::busyParsers)
                .description("Parser threads inside a parse, including abandoned (timed-out) ones")
                .register(meters);
        return extractor;
    }

    @Bean
    @ConditionalOnMissingBean
    ContentFetcher contentFetcher() {
        return ContentFetcher.notSupported();
    }

    @Bean
    ChangeProcessor changeProcessor(TextExtractor extractor, ContentFetcher fetcher) {
        return new ChangeProcessor(extractor, fetcher);
    }

    @Bean
    @ConditionalOnMissingBean
    EventCodec eventCodec() {
        return new EventCodec();
    }
}
