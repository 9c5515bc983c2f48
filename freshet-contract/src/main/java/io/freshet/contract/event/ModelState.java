package io.freshet.contract.event;

import java.time.Instant;
import java.util.Objects;

/**
 * One embedding model's place in the pipeline, on {@link Topics#MODELS}: index-service's model change publishes it,
 * the stages follow it.
 *
 * @param model     the model id (io.freshet.contract.index.ModelCatalog)
 * @param state     what the pipeline does with it
 * @param changedAt when it took this state
 */
public record ModelState(String model, State state, Instant changedAt) {

    public enum State {
        /** Its indices are what queries read (the aliases point at them). */
        SERVING,
        /** Its indices are being filled from the changes topic; new changes are embedded with it too. */
        BUILDING,
        /** Served before; kept up to date for a rollback. */
        RETAINED
    }

    public ModelState {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(state, "state");
    }
}
