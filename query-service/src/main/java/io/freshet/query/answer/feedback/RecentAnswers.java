package io.freshet.query.answer.feedback;

import io.freshet.query.access.Caller;
import io.freshet.query.answer.AnswerOutcome;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The answers recently given, so that feedback on one can carry what it was written from; bounded (least recently
 * given forgotten first) and kept {@code retention} at most. An answer belongs to whoever was given it: nobody else
 * can give feedback on it, and an anonymous caller's answers are not kept.
 */
public final class RecentAnswers {

    record Given(String owner, AnswerOutcome outcome, Instant at) {
    }

    private final Duration retention;
    private final Clock clock;
    private final Map<String, Given> answers;

    public RecentAnswers(int capacity, Duration retention, Clock clock) {
        this.retention = retention;
        this.clock = clock;
        this.answers = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Given> eldest) {
                return size() > capacity;
            }
        };
    }

    public synchronized void remember(String answerId, Caller caller, AnswerOutcome outcome) {
        String owner = owner(caller);
        if (owner != null) {
            answers.put(answerId, new Given(owner, outcome, clock.instant()));
        }
    }

    /** The answer if {@code caller} was given it within the retention; empty otherwise, whoever else it was given. */
    public synchronized Optional<AnswerOutcome> givenTo(Caller caller, String answerId) {
        Given given = answers.get(answerId);
        String owner = owner(caller);
        if (given == null || owner == null || !given.owner().equals(owner)
                || given.at().plus(retention).isBefore(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(given.outcome());
    }

    private static String owner(Caller caller) {
        return caller.authenticated() && caller.user() != null ? caller.user() : null;
    }
}
