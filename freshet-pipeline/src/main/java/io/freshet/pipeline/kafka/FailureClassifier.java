package io.freshet.pipeline.kafka;

import io.freshet.contract.failure.PoisonEventException;
import io.freshet.contract.failure.TransientFailureException;

import java.util.Optional;

/** Finds the pipeline's own failure type in an exception chain (listener exceptions arrive wrapped). */
final class FailureClassifier {

    private FailureClassifier() {
    }

    static boolean isTransient(Throwable failure) {
        return find(failure, TransientFailureException.class).isPresent();
    }

    /** The most specific explanation in the chain: the poison reason if there is one, else the root cause. */
    static Throwable explanation(Throwable failure) {
        Optional<PoisonEventException> poison = find(failure, PoisonEventException.class);
        if (poison.isPresent()) {
            return poison.get();
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    static <T extends Throwable> Optional<T> find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return Optional.of(type.cast(t));
            }
        }
        return Optional.empty();
    }
}
