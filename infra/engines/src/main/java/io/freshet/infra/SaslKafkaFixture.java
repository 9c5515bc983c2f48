package io.freshet.infra;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real single-node Kafka whose only client listener demands SASL/SCRAM-SHA-512, for tests that show the services
 * reach a secured broker by configuration alone. Its own child JVM on free 127.0.0.1 ports, like
 * {@link EngineFixture}'s broker (which stays unauthenticated, as the local run does).
 *
 * <p>JDK-only, so a service's test classpath needs nothing but the engines jar. Users and their random passwords are
 * fixed when the fixture is created; the broker's own inter-broker user is {@link #BROKER_USER}.
 */
public final class SaslKafkaFixture implements AutoCloseable {

    public static final String MECHANISM = "SCRAM-SHA-512";
    // A name, not a class literal: this JVM must not load Kafka types (see EngineProcess).
    private static final String MAIN = "io.freshet.infra.SaslKafkaBrokerMain";
    public static final String BROKER_USER = "freshet-broker";

    private final ChildProcess child;
    private final int port;
    private final Map<String, String> passwords;

    private SaslKafkaFixture(Path home, List<String> users) {
        this.passwords = new LinkedHashMap<>();
        passwords.put(BROKER_USER, randomPassword());
        users.forEach(user -> passwords.put(user, randomPassword()));
        this.port = EngineProcess.freePort();
        int controllerPort;
        do {
            controllerPort = EngineProcess.freePort();
        } while (controllerPort == port);

        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + System.getProperty("freshet.engines.kafka.heap", "384m"),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Djava.awt.headless=true",
                "-Dlog4j2.configurationFile=" + EngineProcess.LOG_CONFIG,
                "-D" + EngineProcess.PARENT_PID_PROPERTY + "=" + ProcessHandle.current().pid(),
                "-cp", EngineClasspath.forKafka(),
                MAIN,
                home.toAbsolutePath().toString(), Integer.toString(port), Integer.toString(controllerPort)));
        passwords.forEach((user, password) -> command.add(user + "=" + password));
        this.child = new ChildProcess("kafka-sasl", command, home.resolve("kafka.log"), Map.of(),
                Duration.ofSeconds(30), false);
    }

    /**
     * Starts the broker in {@code home} (a fresh directory) with SCRAM credentials for each of {@code users}, and
     * waits until it answers. Stopped by {@link #close()} or, at the latest, when this JVM exits.
     */
    public static SaslKafkaFixture start(Path home, String... users) {
        SaslKafkaFixture fixture = new SaslKafkaFixture(home, List.of(users));
        Runtime.getRuntime().addShutdownHook(new Thread(fixture::close, "freshet-stop-kafka-sasl"));
        long started = System.nanoTime();
        // ApiVersions is answered before authentication, so the plain probe also tells when this broker is ready.
        fixture.child.start(() -> EngineProcess.kafkaAnswers(fixture.port),
                Duration.ofSeconds(Long.getLong("freshet.engines.startTimeoutSeconds", 120)));
        System.err.printf("[freshet] kafka (SASL/%s) ready at %s in %.1f s (log: %s)%n", MECHANISM,
                fixture.bootstrapServers(), (System.nanoTime() - started) / 1e9, fixture.child.logFile());
        return fixture;
    }

    /** "127.0.0.1:&lt;port&gt;", a SASL_PLAINTEXT listener. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public String password(String user) {
        String password = passwords.get(user);
        if (password == null) {
            throw new IllegalArgumentException("no such user in this broker: " + user);
        }
        return password;
    }

    /** Kafka client properties for {@code user} (plain client configuration names). */
    public Map<String, String> clientProperties(String user, String password) {
        return Map.of("bootstrap.servers", bootstrapServers(),
                "security.protocol", "SASL_PLAINTEXT",
                "sasl.mechanism", MECHANISM,
                "sasl.jaas.config", jaasConfig(user, password));
    }

    /** The same as Spring Boot properties: exactly what an operator sets for a service. */
    public Map<String, String> springProperties(String user) {
        return Map.of("spring.kafka.bootstrap-servers", bootstrapServers(),
                "spring.kafka.security.protocol", "SASL_PLAINTEXT",
                "spring.kafka.properties.sasl.mechanism", MECHANISM,
                "spring.kafka.properties.sasl.jaas.config", jaasConfig(user, password(user)));
    }

    static String jaasConfig(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }

    public Path logFile() {
        return child.logFile();
    }

    @Override
    public void close() {
        child.stop();
    }

    private static String randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
