package io.freshet.connectors.folder;

import io.freshet.connectors.ChangeRecords;
import io.freshet.connectors.RetryPause;
import io.freshet.connectors.folder.FolderPlanner.FileChange;
import io.freshet.connectors.folder.FolderPlanner.Remove;
import io.freshet.connectors.folder.FolderPlanner.ScanPlan;
import io.freshet.connectors.folder.FolderPlanner.Write;
import io.freshet.contract.event.DocumentChange;
import io.freshet.contract.failure.PoisonEventException;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The folder connector's loop: scan when the last scan's changes are all published, plan, then publish the planned
 * changes a poll at a time, reading each file only when its turn comes (a poll holds at most
 * {@code folder.batch.max.bytes} of files). Every record carries its shard of the manifest as it stands after the
 * record's change, so whatever Connect has committed is exactly what was published.
 */
final class FolderSync {

    private static final Logger log = LoggerFactory.getLogger(FolderSync.class);

    private final FolderConfig config;
    private final FolderScanner scanner;
    private final FolderDocuments documents;
    private final ChangeRecords records;
    private final FolderManifest manifest;
    private final Clock clock;
    private final RetryPause pause;
    private final Deque<FileChange> pending = new ArrayDeque<>();
    /** The current scan's removals by content (FolderPlanner.contentKey): a new file with the same bytes was moved. */
    private Map<String, Remove> removedByContent = new HashMap<>();
    /** Files already reported as not publishable (too large, unreadable, refused), with the mtime they had then. */
    private final Set<String> reported = new HashSet<>();
    private long nextScanAt;
    private String lastWithheld;
    private long skipped;

    FolderSync(FolderConfig config, FolderScanner scanner, FolderDocuments documents, ChangeRecords records,
               FolderManifest manifest, Clock clock) {
        this.config = config;
        this.scanner = scanner;
        this.documents = documents;
        this.records = records;
        this.manifest = manifest;
        this.clock = clock;
        this.pause = new RetryPause(Duration.ofSeconds(1), Duration.ofMinutes(1), () -> clock.millis() * 1_000_000L);
    }

    /** The records to publish now; empty when nothing changed or a pause is under way. */
    List<SourceRecord> poll() {
        if (!pause.remaining().isZero()) {
            return List.of();
        }
        if (pending.isEmpty()) {
            if (clock.millis() < nextScanAt) {
                return List.of();
            }
            if (!scan()) {
                return List.of();
            }
        }
        return publishSome();
    }

    /** How long the caller may wait before asking again, at most {@code max}. */
    Duration idleFor(Duration max) {
        Duration paused = pause.remaining();
        if (!paused.isZero()) {
            return paused.compareTo(max) < 0 ? paused : max;
        }
        if (!pending.isEmpty()) {
            return Duration.ZERO;
        }
        Duration untilScan = Duration.ofMillis(Math.max(0, nextScanAt - clock.millis()));
        return untilScan.compareTo(max) < 0 ? untilScan : max;
    }

    long skipped() {
        return skipped;
    }

    private boolean scan() {
        FolderPlanner.Snapshot snapshot;
        try {
            snapshot = scanner.scan();
        } catch (FolderUnavailableException e) {
            Duration wait = pause.failed(Optional.empty());
            log.warn("Folder connector: {}; nothing is removed; scanning again in {} s", e.getMessage(), wait.toSeconds());
            return false;
        }
        pause.succeeded();
        nextScanAt = clock.millis() + config.pollInterval().toMillis();
        if (!snapshot.files().isEmpty() && snapshot.device() != null) {
            manifest.deviceWithFiles(snapshot.device()); // rides on the next record, kept across restarts
        }
        ScanPlan plan = FolderPlanner.plan(manifest.files(), snapshot, clock.millis(), config.quietPeriod().toMillis(),
                manifest.deviceWithFiles());
        if (plan.removalsWithheld() != null && !plan.removalsWithheld().equals(lastWithheld)) {
            log.warn("Folder connector: no file of {} is removed from the index: {}", config.root(), plan.removalsWithheld());
        }
        lastWithheld = plan.removalsWithheld();
        pending.addAll(plan.changes());
        removedByContent = FolderPlanner.removalsByContent(plan.changes());
        if (!plan.changes().isEmpty()) {
            log.info("Folder connector: scanned {}: {} to check or publish, {} unchanged, {} still being written",
                    config.root(), plan.changes().size(), plan.unchanged(), plan.settling());
        }
        return !pending.isEmpty();
    }

    /**
     * Publishes the next planned changes. A shard's offset is written twice per poll at most, not once per record: the
     * last change of each shard carries the shard as it stands after the poll, the ones before it the shard as the
     * poll found it. Connect commits an offset only once every record before it is written, so a restart resumes
     * either exactly or from the poll's start (its changes published again, nothing lost).
     */
    private List<SourceRecord> publishSome() {
        List<SourceRecord> out = new ArrayList<>();
        Map<Integer, Map<String, Object>> offsetBefore = new HashMap<>();
        Map<Integer, int[]> lastChange = new HashMap<>();
        long bytes = 0;
        while (!pending.isEmpty() && (out.isEmpty() || bytes < config.batchMaxBytes())) {
            FileChange change = pending.peekFirst();
            if (change instanceof Write write && !out.isEmpty() && bytes + write.stat().size() > config.batchMaxBytes()) {
                break; // the next poll takes it
            }
            pending.removeFirst();
            int shard = FolderManifest.shardOf(change.path());
            Map<String, Object> before = offsetBefore.computeIfAbsent(shard, manifest::offset);
            List<SourceRecord> produced = List.of();
            if (change instanceof Write write) {
                bytes += write.stat().size();
                produced = write(write, before);
            } else if (change instanceof Remove remove) {
                removedByContent.remove(FolderPlanner.contentKey(remove.known().sha256(), remove.known().size()));
                produced = remove(remove, before);
            }
            if (!produced.isEmpty()) {
                lastChange.put(shard, new int[] {out.size(), out.size() + produced.size()});
                out.addAll(produced);
            }
        }
        lastChange.forEach((shard, range) -> {
            Map<String, Object> after = manifest.offset(shard);
            for (int i = range[0]; i < range[1]; i++) {
                SourceRecord r = out.get(i);
                out.set(i, new SourceRecord(r.sourcePartition(), after, r.topic(), r.kafkaPartition(), r.keySchema(),
                        r.key(), r.valueSchema(), r.value(), r.timestamp()));
            }
        });
        return out;
    }

    private List<SourceRecord> write(Write write, Map<String, Object> offset) {
        FileStat stat = write.stat();
        String path = stat.path();
        if (stat.size() > config.maxFileBytes()) {
            report(path + "@" + stat.modifiedMillis(), "Folder connector: " + path + " is " + stat.size()
                    + " bytes, over folder.max.file.bytes (" + config.maxFileBytes() + "): not published");
            return List.of();
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(scanner.resolve(path));
        } catch (NoSuchFileException e) {
            return List.of(); // gone since the scan: the next scan removes it
        } catch (AccessDeniedException e) {
            report(path + "@" + stat.modifiedMillis(), "Folder connector: " + path
                    + " cannot be read (permission denied): not published");
            return List.of();
        } catch (IOException e) {
            log.warn("Folder connector: reading {} failed ({}); trying again at the next scan", path, e.toString());
            return List.of();
        }
        FileStat after = scanner.restat(path);
        if (after == null || after.size() != stat.size() || after.modifiedMillis() != stat.modifiedMillis()
                || bytes.length != stat.size()) {
            return List.of(); // changed while it was read: the next scan reads it again
        }
        String sha256 = FolderDocuments.sha256(bytes);
        KnownFile previous = manifest.get(path);
        if (previous != null && previous.sha256().equals(sha256)) {
            // Touched, not changed: remember the new time (it rides on the shard's next record), publish nothing.
            manifest.put(path, new KnownFile(previous.version(), sha256, stat.size(), stat.modifiedMillis()));
            return List.of();
        }
        Optional<Remove> renamed = previous == null
                ? FolderPlanner.renamedFrom(sha256, stat.size(), removedByContent) : Optional.empty();
        long version = FolderPlanner.nextVersion(previous, clock.millis());
        DocumentChange change = documents.upsert(stat, bytes, version, renamed.map(Remove::path).orElse(null));
        manifest.put(path, new KnownFile(version, sha256, stat.size(), stat.modifiedMillis()));
        renamed.ifPresent(r -> log.info("Folder connector: {} was renamed or moved to {}", r.path(), path));
        return recordsOf(change, path, previous, offset);
    }

    private List<SourceRecord> remove(Remove remove, Map<String, Object> offset) {
        long version = FolderPlanner.nextVersion(remove.known(), clock.millis());
        manifest.remove(remove.path());
        return recordsOf(documents.delete(remove.path(), version, clock.instant()), remove.path(), remove.known(),
                offset);
    }

    private List<SourceRecord> recordsOf(DocumentChange change, String path, KnownFile previous,
                                         Map<String, Object> offset) {
        try {
            return records.of(change, manifest.partition(FolderManifest.shardOf(path)), offset);
        } catch (PoisonEventException e) {
            // Not publishable as it stands (the contract's reason): forget it again, so it is tried after a change.
            if (previous == null) {
                manifest.remove(path);
            } else {
                manifest.put(path, previous);
            }
            skipped++;
            log.warn("Folder connector: {} is not published: {}", path, e.getMessage());
            return List.of();
        }
    }

    /** Says once per file version why it is not published. */
    private void report(String key, String message) {
        skipped++;
        if (reported.add(key)) {
            log.warn(message);
        }
    }
}
