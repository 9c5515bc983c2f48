package io.freshet.connectors.sharepoint;

import io.freshet.connectors.ChangeRecords;
import io.freshet.connectors.http.ContentTooLargeException;
import io.freshet.connectors.http.SourceRefusedException;
import io.freshet.connectors.sharepoint.SharePointConfig.ContentMode;
import io.freshet.contract.event.Content;
import io.freshet.contract.event.DocumentChange;
import io.freshet.contract.failure.PoisonEventException;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One delta item as Connect records: decides with the {@link ItemPlanner}, reads the file's permissions and content
 * from Graph, maps them, and hands the change to {@link ChangeRecords}. Graph being unavailable propagates (the page
 * is read again later); an item gone meanwhile (404) or one that breaks the contract is skipped with a log line.
 */
final class ItemPublisher {

    private static final Logger log = LoggerFactory.getLogger(ItemPublisher.class);

    private final GraphClient graph;
    private final ItemPlanner planner = new ItemPlanner();
    private final AclMapper aclMapper;
    private final ChangeMapper mapper;
    private final ChangeRecords records;
    private final VersionClock clock;
    private final Clock wallClock;
    private final ContentMode contentMode;
    private final long inlineMaxBytes;
    private final Set<String> siteGroupsLogged = ConcurrentHashMap.newKeySet();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong poisoned = new AtomicLong();

    ItemPublisher(GraphClient graph, AclMapper aclMapper, ChangeMapper mapper, ChangeRecords records,
                  VersionClock clock, Clock wallClock, ContentMode contentMode, long inlineMaxBytes) {
        this.graph = graph;
        this.aclMapper = aclMapper;
        this.mapper = mapper;
        this.records = records;
        this.clock = clock;
        this.wallClock = wallClock;
        this.contentMode = contentMode;
        this.inlineMaxBytes = inlineMaxBytes;
    }

    /** The records of one item, each carrying {@code offsetLink} as its source position. */
    List<SourceRecord> publish(String driveId, DriveItem item, String offsetLink) {
        ItemPlanner.Decision decision = planner.decide(item);
        DocumentChange change = null;
        if (decision instanceof ItemPlanner.Skip skip) {
            log.trace("Drive {}: skipped item {}: {}", driveId, item.id(), skip.reason());
        } else if (decision instanceof ItemPlanner.Remove remove) {
            change = mapper.delete(driveId, remove.itemId(), clock.next(null), wallClock.instant());
        } else if (decision instanceof ItemPlanner.Publish publish) {
            change = upsert(driveId, publish.item());
        }
        if (change == null) {
            return List.of();
        }
        try {
            return records.of(change, OffsetRule.partition(driveId), OffsetRule.offset(offsetLink));
        } catch (PoisonEventException e) {
            poisoned.incrementAndGet();
            log.warn("Drive {}: item {} not published, it breaks the event contract: {} ({} such items so far)",
                    driveId, item.id(), e.getMessage(), poisoned.get());
            return List.of();
        }
    }

    private DocumentChange upsert(String driveId, DriveItem item) {
        List<Permission> permissions;
        Content content;
        try {
            permissions = graph.permissions(driveId, item.id());
            content = content(driveId, item);
        } catch (SourceRefusedException e) {
            if (e.status() != 404) {
                throw e;
            }
            // Deleted since the delta was read: the next delta reports the delete.
            skipped.incrementAndGet();
            log.info("Drive {}: item {} is gone since the delta listed it; its delete will follow", driveId, item.id());
            return null;
        }
        if (content == null) {
            skipped.incrementAndGet();
            return null;
        }
        AclMapper.Mapping acl = aclMapper.map(permissions);
        for (String siteGroup : acl.siteGroups()) {
            if (siteGroupsLogged.add(siteGroup)) {
                log.info("SharePoint site group '{}' is granted access to files of drive {}; site groups are not "
                        + "expanded into users (they have no Entra id). Grant an Entra group instead, or set acl.principals "
                        + "for files without other readers", siteGroup, driveId);
            }
        }
        if (acl.dropped() > 0) {
            log.warn("Drive {}: item {}: {} readers left out of its ACL (too long, or over the limit of principals)",
                    driveId, item.id(), acl.dropped());
        }
        return mapper.upsert(driveId, item, acl.acl(), content, clock.next(item.lastModified()), wallClock.instant());
    }

    /** The file's content per the configured mode; null when it cannot be carried (logged). */
    private Content content(String driveId, DriveItem item) {
        ContentPlan.Way way = ContentPlan.decide(contentMode, item.size(), inlineMaxBytes);
        if (way == ContentPlan.Way.INLINE) {
            try {
                return Content.ofBytes(graph.download(driveId, item, inlineMaxBytes));
            } catch (ContentTooLargeException e) {
                way = ContentPlan.whenLarger(contentMode);
            }
        }
        if (way == ContentPlan.Way.REFERENCE) {
            String url = item.downloadUrl() != null ? item.downloadUrl() : graph.downloadUrl(driveId, item.id());
            if (url == null) {
                log.warn("Drive {}: item {} has no download URL; not published", driveId, item.id());
                return null;
            }
            return Content.ofUri(url);
        }
        log.warn("Drive {}: item {} ({} bytes) is over {} = {} and {} is 'bytes': not published",
                driveId, item.id(), item.size(), SharePointConfig.CONTENT_INLINE_MAX_BYTES, inlineMaxBytes,
                SharePointConfig.CONTENT_MODE);
        return null;
    }

    long skipped() {
        return skipped.get();
    }

    long poisoned() {
        return poisoned.get();
    }
}
