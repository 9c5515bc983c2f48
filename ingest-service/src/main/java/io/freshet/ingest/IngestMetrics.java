package io.freshet.ingest;

import io.freshet.ingest.extraction.RejectionKind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

import java.time.Duration;

/** The service's own meters: what was extracted, what was rejected and why, and how long extraction took. */
@Component
public class IngestMetrics {

    private final MeterRegistry registry;
    private final Counter extracted;
    private final Counter deleted;
    private final Counter truncated;
    private final Timer extractedTime;

    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.extracted = Counter.builder("freshet.ingest.documents.extracted")
                .description("Document versions extracted and published").register(registry);
        this.deleted = Counter.builder("freshet.ingest.documents.deleted")
                .description("Deletions passed on").register(registry);
        this.truncated = Counter.builder("freshet.ingest.documents.truncated")
                .description("Documents whose text was cut at the character limit").register(registry);
        this.extractedTime = extractionTimer("extracted");
        for (RejectionKind kind : RejectionKind.values()) {
            rejectedCounter(kind); // registered up front so dashboards show zeros, not gaps
        }
    }

    public void extracted(Duration took, boolean wasTruncated) {
        extracted.increment();
        extractedTime.record(took);
        if (wasTruncated) {
            truncated.increment();
        }
    }

    public void deleted() {
        deleted.increment();
    }

    public void rejected(RejectionKind kind, Duration took) {
        rejectedCounter(kind).increment();
        extractionTimer("rejected").record(took);
    }

    private Counter rejectedCounter(RejectionKind kind) {
        return Counter.builder("freshet.ingest.documents.rejected")
                .description("Document versions rejected, by reason")
                .tag("reason", kind.tag())
                .register(registry);
    }

    private Timer extractionTimer(String outcome) {
        return Timer.builder("freshet.ingest.extraction.time")
                .description("Time to turn a document into text")
                .tag("outcome", outcome)
                .register(registry);
    }
}
