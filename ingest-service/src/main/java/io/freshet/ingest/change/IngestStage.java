package io.freshet.ingest.change;

import io.freshet.contract.event.DocumentChange;
import io.freshet.contract.event.DocumentHeader;
import io.freshet.contract.event.DocumentStatus;
import io.freshet.contract.failure.PoisonEventException;
import io.freshet.ingest.IngestMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;

/**
 * The ingest stage: a change becomes an extracted document. An upsert is first announced PENDING, so a user can
 * see it is on its way while it is parsed (or fetched, or OCRed); then {@link ChangeProcessor} decides the
 * outcome, and this class publishes it. A document that cannot be extracted is reported REJECTED, then a
 * {@link PoisonEventException} with the same reason sends the change to the dead-letter topic. A transient
 * failure goes on untouched, so the change is retried.
 */
public class IngestStage {

    private static final Logger log = LoggerFactory.getLogger(IngestStage.class);

    private final ChangeProcessor processor;
    private final IngestOutput output;
    private final IngestMetrics metrics;
    private final Clock clock;

    public IngestStage(ChangeProcessor processor, IngestOutput output, IngestMetrics metrics, Clock clock) {
        this.processor = processor;
        this.output = output;
        this.metrics = metrics;
        this.clock = clock;
    }

    public IngestOutcome handle(DocumentChange change) {
        return handle(change, null);
    }

    /**
     * @param forModel the embedding model the change is replayed for (its extraction is for that model's indices
     *                 alone), or null for a change every model's indices take
     */
    public IngestOutcome handle(DocumentChange change, String forModel) {
        DocumentHeader header = change.header();
        if (!change.isDelete()) {
            // index-service keeps it only when the version is newer than what it holds: a replay cannot regress.
            output.status(DocumentStatus.pending(header, clock.instant()));
        }
        long started = System.nanoTime();
        IngestOutcome outcome = processor.process(change);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        if (outcome instanceof IngestOutcome.Rejected rejected) {
            metrics.rejected(rejected.reason().kind(), took);
            log.warn("Rejected document {} v{} from {}: {}", header.id(), header.version(), header.source(),
                    rejected.reason().getMessage());
            output.status(DocumentStatus.rejected(header, rejected.reason().getMessage(), clock.instant()));
            throw new PoisonEventException(rejected.reason().getMessage(), rejected.reason());
        }
        if (outcome instanceof IngestOutcome.Deletion deletion) {
            output.extracted(deletion.extracted().forModel(forModel));
            metrics.deleted();
            log.info("Deletion of {} v{} passed on", header.id(), header.version());
        } else if (outcome instanceof IngestOutcome.Extracted extracted) {
            output.extracted(extracted.extracted().forModel(forModel));
            metrics.extracted(took, extracted.truncated());
            log.info("Extracted {} v{}: {} sections, {} characters in {} ms", header.id(), header.version(),
                    extracted.extracted().sections().size(),
                    extracted.extracted().sections().stream().mapToInt(s -> s.text().length()).sum(), took.toMillis());
        }
        return outcome;
    }
}
