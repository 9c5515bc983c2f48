package io.freshet.query.opensearch;

import io.freshet.contract.index.ModelCatalog;
import io.freshet.query.retrieval.Served;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch.generic.Body;
import org.opensearch.client.opensearch.generic.Requests;
import org.opensearch.client.opensearch.generic.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Which concrete index the readers' alias points at and the model of its vectors ({@code _meta} of its mapping),
 * looked up again at most every {@code maxAge}: a model change reaches queries within that time, and until then they
 * are served, consistently, from the index before. One request looks it up while the others use the last answer; when
 * OpenSearch cannot say, the last answer stands (at first: the configured name and model).
 */
public final class ServedIndex {

    private static final Logger log = LoggerFactory.getLogger(ServedIndex.class);

    private final OpenSearchClient client;
    private final String alias;
    private final Duration maxAge;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();
    private final ReentrantLock looking = new ReentrantLock();

    private volatile Served current = Served.CONFIGURED;
    private volatile Instant checkedAt = Instant.MIN;

    public ServedIndex(OpenSearchClient client, String alias, Duration maxAge, Clock clock) {
        this.client = client;
        this.alias = alias;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    public Served current() {
        if (checkedAt.plus(maxAge).isBefore(clock.instant()) && looking.tryLock()) {
            try {
                lookUp();
            } finally {
                looking.unlock();
            }
        }
        return current;
    }

    private void lookUp() {
        try (Response response = client.generic().execute(Requests.builder().method("GET")
                .endpoint("/" + alias + "/_mapping?filter_path=*.mappings._meta").build())) {
            checkedAt = clock.instant();
            if (response.getStatus() != 200) {
                return; // no such index yet: nothing to serve, the configured name answers empty
            }
            JsonNode root = json.readTree(response.getBody().map(Body::bodyAsString).orElse("{}"));
            if (root.size() != 1) {
                log.error("{} points at {} indices ({}): serving {} until it points at one", alias, root.size(),
                        root.propertyNames(), current.index() == null ? alias : current.index());
                return;
            }
            var entry = root.properties().iterator().next();
            String model = entry.getValue().path("mappings").path("_meta").path(ModelCatalog.META_MODEL).asString(null);
            Served found = new Served(entry.getKey(), model);
            if (!found.equals(current)) {
                log.info("{} serves {} (model {})", alias, found.index(), model == null ? "not recorded: the configured one" : model);
                current = found;
            }
        } catch (Exception e) {
            checkedAt = clock.instant();
            log.warn("could not look up what {} serves ({}); serving {} meanwhile", alias, e.getMessage(),
                    current.index() == null ? alias : current.index());
        }
    }
}
