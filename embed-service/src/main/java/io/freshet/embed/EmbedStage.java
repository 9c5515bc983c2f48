package io.freshet.embed;

import io.freshet.contract.event.DocumentHeader;
import io.freshet.contract.event.DocumentStatus;
import io.freshet.contract.event.EmbeddedDocument;
import io.freshet.contract.event.ExtractedDocument;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.concurrent.TimeUnit;

/**
 * embed-service's stage: asks the decider what to do with an extracted document, carries it out (embed, or say
 * the text is unchanged, or pass a delete on), publishes through {@link EmbedOutput}, remembers what it published,
 * and reports. A document this stage rejects is reported REJECTED, then the exception goes on so the record is
 * dead-lettered; a transient failure goes on untouched so the record is retried.
 */
public class EmbedStage {

    private static final Logger log = LoggerFactory.getLogger(EmbedStage.class);

    private final EmbedDecider decider;
    private final IndexedStatusView view;
    private final PublishedTexts published;
    private final DocumentEmbedder embedder;
    private final EmbedOutput output;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Counter chunksEmbedded;
    private final Timer embeddingTime;

    EmbedStage(EmbedDecider decider, IndexedStatusView view, PublishedTexts published, DocumentEmbedder embedder,
               EmbedOutput output, Clock clock, MeterRegistry meters) {
        this.decider = decider;
        this.view = view;
        this.published = published;
        this.embedder = embedder;
        this.output = output;
        this.clock = clock;
        this.meters = meters;
        this.chunksEmbedded = Counter.builder("freshet.embed.chunks")
                .description("Chunks embedded and published")
                .register(meters);
        this.embeddingTime = Timer.builder("freshet.embed.document.duration")
                .description("Time to chunk and embed one document (upserts only)")
                .publishPercentileHistogram()
                .register(meters);
    }

    public EmbedDecision handle(ExtractedDocument extracted) {
        DocumentHeader header = extracted.document();
        String model = embedder.modelId();
        EmbedDecision decision = decider.decide(extracted, view.find(model, header.id()), view.caughtUp(),
                published.last(header.id()));
        if (decision instanceof EmbedDecision.PassDelete) {
            output.embedded(EmbeddedDocument.deletion(header, model));
            published.remember(header, null);
            count("deleted");
            log.info("document {} v{}: delete passed on for {}", header.id(), header.version(), model);
        } else if (decision instanceof EmbedDecision.Stale) {
            count("stale");
            log.info("document {} v{}: not embedded, {}", header.id(), header.version(), decision.reason());
        } else if (decision instanceof EmbedDecision.Unchanged) {
            output.embedded(EmbeddedDocument.unchanged(header, extracted.contentHash(), model));
            published.remember(header, extracted.contentHash());
            count("unchanged");
            log.info("document {} v{}: text unchanged, not embedded again: {}", header.id(), header.version(),
                    decision.reason());
        } else {
            embed(extracted, decision);
        }
        return decision;
    }

    private void embed(ExtractedDocument extracted, EmbedDecision decision) {
        DocumentHeader header = extracted.document();
        try {
            long started = System.nanoTime();
            EmbeddedDocument embedded = embedder.apply(extracted);
            long elapsed = System.nanoTime() - started;
            embeddingTime.record(elapsed, TimeUnit.NANOSECONDS);
            output.embedded(embedded);
            published.remember(header, extracted.contentHash());
            chunksEmbedded.increment(embedded.chunks().size());
            count("embedded");
            log.info("document {} v{}: embedded {} chunks in {} ms with {} ({})", header.id(), header.version(),
                    embedded.chunks().size(), elapsed / 1_000_000, embedded.model(), decision.reason());
        } catch (DocumentRejectedException e) {
            // The user finds the reason in GET /v1/documents/{id}; the record itself goes to the dead-letter topic.
            output.rejected(DocumentStatus.rejected(header, e.getMessage(), clock.instant()));
            published.remember(header, null);
            count("rejected");
            log.warn("document {} v{}: rejected, {}", header.id(), header.version(), e.getMessage());
            throw e;
        }
    }

    /** The model this stage embeds with. */
    public String model() {
        return embedder.modelId();
    }

    private void count(String outcome) {
        Counter.builder("freshet.embed.documents")
                .description("Extracted documents handled, by outcome and model")
                .tag("outcome", outcome)
                .tag("model", embedder.modelId())
                .register(meters)
                .increment();
    }
}
