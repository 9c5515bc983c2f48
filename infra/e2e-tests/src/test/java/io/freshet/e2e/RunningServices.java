package io.freshet.e2e;

import io.freshet.infra.LocalTokenIssuer;
import io.freshet.infra.ServiceStack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The four services from their packaged jars, on free ports, pointed at the engines and the token issuer under test. */
final class RunningServices implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(300);
    /** JSON log lines, as the images write them (deploy/): the tests read them back by document and trace id. */
    static final String JSON_LOGS = "--logging.structured.format.console=ecs";

    private final ServiceStack stack;

    private RunningServices(ServiceStack stack) {
        this.stack = stack;
    }

    /** The checkout whose service jars run. */
    static Path repo() {
        return Path.of(System.getProperty("freshet.root", "../..")).toAbsolutePath().normalize();
    }

    static RunningServices start(EngineAddresses engines, LocalTokenIssuer tokens) {
        Path repo = repo();
        Path logs = logFile(ServiceStack.QUERY).getParent();
        try {
            Files.createDirectories(logs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ServiceStack stack = ServiceStack.spawn(repo, ServiceStack.freePorts(), engines.kafkaBootstrapServers(),
                engines.openSearchUrl(), name -> logs.resolve(name + ".log"), List.of(JSON_LOGS), arguments(tokens),
                (service, pid) -> System.out.printf("[e2e] %s started (pid %d, %s)%n", service.name(), pid, service.url()));
        try {
            stack.awaitHealthy(START_TIMEOUT, line -> System.out.println("[e2e]" + line));
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
        return new RunningServices(stack);
    }

    private static java.util.Map<String, List<String>> arguments(LocalTokenIssuer tokens) {
        var arguments = new java.util.HashMap<>(ServiceStack.tokenArguments(tokens));
        arguments.putAll(ServiceStack.operatorArguments());
        return arguments;
    }

    URI ingestUrl() {
        return stack.url(ServiceStack.INGEST);
    }

    URI queryUrl() {
        return stack.url(ServiceStack.QUERY);
    }

    URI indexUrl() {
        return stack.url(ServiceStack.INDEX);
    }

    /** The log file of a service: one JSON object a line ({@link #JSON_LOGS}). */
    static Path logFile(String service) {
        return repo().resolve("infra/e2e-tests/target/service-logs").resolve(service + ".log");
    }

    ServiceStack stack() {
        return stack;
    }

    @Override
    public void close() {
        stack.close();
    }
}
