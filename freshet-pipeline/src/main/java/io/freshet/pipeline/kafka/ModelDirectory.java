package io.freshet.pipeline.kafka;

import io.freshet.contract.event.EventCodec;
import io.freshet.contract.event.ModelState;
import io.freshet.contract.event.Topics;
import io.freshet.contract.failure.PoisonEventException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.ConsumerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The embedding models whose indices the pipeline keeps, as {@link Topics#MODELS} says: the serving one, one being
 * built, the one kept for a rollback. Until the topic names any (a pipeline that never changed its model), the
 * configured model is the only one. Every instance reads the whole topic and follows it.
 */
public class ModelDirectory implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ModelDirectory.class);

    private final String configuredModel;
    private final EventCodec codec;
    private final CompactedTopicReader reader;
    private final Map<String, ModelState> states = new LinkedHashMap<>();

    public ModelDirectory(ConsumerFactory<String, String> consumers, EventCodec codec, String configuredModel,
                          String clientId) {
        this.configuredModel = configuredModel;
        this.codec = codec;
        this.reader = new CompactedTopicReader(consumers, Topics.MODELS, clientId, this::read);
    }

    /** The models to embed and index with, the serving one first. */
    public List<String> maintained() {
        synchronized (states) {
            if (states.isEmpty()) {
                return List.of(configuredModel);
            }
            var models = new ArrayList<String>();
            states.values().stream().filter(s -> s.state() == ModelState.State.SERVING).forEach(s -> models.add(s.model()));
            states.values().stream().filter(s -> s.state() != ModelState.State.SERVING).forEach(s -> models.add(s.model()));
            return models;
        }
    }

    /** The model that serves (the configured one until a model change says otherwise). */
    public String serving() {
        synchronized (states) {
            return states.values().stream().filter(s -> s.state() == ModelState.State.SERVING).map(ModelState::model)
                    .findFirst().orElse(states.isEmpty() ? configuredModel : null);
        }
    }

    public Optional<ModelState> state(String model) {
        synchronized (states) {
            return Optional.ofNullable(states.get(model));
        }
    }

    /** The configured model, which is also what a record without a model is about (from before model changes). */
    public String configuredModel() {
        return configuredModel;
    }

    public boolean caughtUp() {
        return reader.caughtUp();
    }

    /** Waits until the topic is read up to where it was at start: before that, the models may not all be known. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return reader.awaitCaughtUp(timeout);
    }

    void read(ConsumerRecord<String, String> record) {
        synchronized (states) {
            if (record.value() == null) {
                states.remove(record.key());
                log.info("embedding model {} retired", record.key());
                return;
            }
            try {
                ModelState state = codec.readModelState(record.value());
                ModelState before = states.put(state.model(), state);
                if (before == null || before.state() != state.state()) {
                    log.info("embedding model {} is {}", state.model(), state.state());
                }
            } catch (PoisonEventException e) {
                log.warn("ignoring an unreadable record at {}-{}@{}: {}", record.topic(), record.partition(),
                        record.offset(), e.getMessage());
            }
        }
    }

    @Override
    public void start() {
        reader.start();
    }

    @Override
    public void stop() {
        reader.stop();
    }

    @Override
    public boolean isRunning() {
        return reader.isRunning();
    }

    /** Before the listener containers: the first record is handled with the models known. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 1000;
    }
}
