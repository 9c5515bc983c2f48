package io.freshet.pipeline.opensearch;

import io.freshet.contract.failure.TransientFailureException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch._types.ErrorCause;
import org.opensearch.client.opensearch._types.ErrorResponse;
import org.opensearch.client.opensearch._types.OpenSearchException;

import java.io.IOException;
import java.net.ConnectException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One transient rule for the writer and the reader; the real engine's failures are in the services' tests. */
class OpenSearchCallsTest {

    private final OpenSearchCalls calls = new OpenSearchCalls(CircuitBreaker.of("test", CircuitBreakerConfig.custom()
            .minimumNumberOfCalls(2).slidingWindowSize(2)
            .recordExceptions(TransientFailureException.class).build()));

    @Test
    void unreachableOverloadedFailingOrBlockedIsTransientAndABadRequestIsNot() {
        assertThat(OpenSearchCalls.isTransient(429, null)).isTrue();
        assertThat(OpenSearchCalls.isTransient(503, null)).isTrue();
        assertThat(OpenSearchCalls.isTransient(403, error("cluster_block_exception"))).isTrue();
        assertThat(OpenSearchCalls.isTransient(404, error("index_not_found_exception"))).isTrue();
        assertThat(OpenSearchCalls.isTransient(400, error("mapper_parsing_exception"))).isFalse();

        assertThatThrownBy(() -> calls.call("reading x", () -> {
            throw new ConnectException("refused");
        })).isInstanceOf(TransientFailureException.class).hasMessageContaining("reading x");
        assertThatThrownBy(() -> calls.call("writing x", () -> {
            throw exception(400, "mapper_parsing_exception");
        })).isInstanceOf(OpenSearchException.class);
    }

    @Test
    void repeatedTransientFailuresOpenTheBreakerAndCallsFailFast() {
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> calls.call("reading", () -> {
                throw new IOException("down");
            })).isInstanceOf(TransientFailureException.class);
        }

        assertThatThrownBy(() -> calls.call("reading", () -> "never run"))
                .isInstanceOf(TransientFailureException.class).hasMessageContaining("circuit breaker is open");
    }

    @Test
    void aReaderSeesAMissingIndexAsNothingWrittenYet() {
        assertThat(calls.callUnlessIndexMissing("reading", () -> {
            throw exception(404, "index_not_found_exception");
        })).isEmpty();
        assertThat(calls.callUnlessIndexMissing("reading", () -> "found")).contains("found");
    }

    @Test
    void readersAskingBeforeAnythingWasWrittenDoNotOpenTheBreaker() {
        for (int i = 0; i < 5; i++) {
            assertThat(calls.callUnlessIndexMissing("reading", () -> {
                throw exception(404, "index_not_found_exception");
            })).isEmpty();
        }

        assertThat(calls.call("reading", () -> "found")).isEqualTo("found");
    }

    private static ErrorCause error(String type) {
        return ErrorCause.of(e -> e.type(type).reason("test"));
    }

    private static OpenSearchException exception(int status, String type) {
        return new OpenSearchException(ErrorResponse.of(r -> r.status(status).error(error(type))));
    }
}
