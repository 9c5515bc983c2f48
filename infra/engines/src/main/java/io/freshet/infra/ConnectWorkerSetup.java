package io.freshet.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * A Kafka Connect worker (Connect 4.1.2 from Maven Central, the broker's release) for one connector: the files it needs
 * under its own directory and the command that runs it. {@code ./freshet connect} and the connector tests start
 * workers the same way.
 *
 * <p>Standalone ({@code cluster} null): the directory holds {@code worker.properties}, {@code connector.properties},
 * {@code log4j2.properties} and the source offsets ({@code offsets}); a worker started again in the same directory
 * resumes where the last one stopped. Distributed ({@code cluster} names the group): workers of one cluster share the
 * connector's tasks and keep configuration, offsets and status in Kafka topics named after the cluster; the connector
 * is created through the REST API ({@link ConnectWorker#createConnector()}).
 * Records are written exactly as the connectors make them (StringConverter: the contract's JSON, keyed by document id).
 */
public record ConnectWorkerSetup(Path repo, Path directory, String bootstrapServers, int restPort,
                                 Map<String, String> connector, String cluster) {

    /** What a connector may be named: it names the directory and the log. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    /** The contract's largest event (Topics.MAX_EVENT_BYTES, 16 MiB) plus room for the key and headers. */
    static final int MAX_REQUEST_BYTES = 16 * 1024 * 1024 + 64 * 1024;

    public ConnectWorkerSetup {
        connector = Map.copyOf(connector);
        String name = connector.get("name");
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a connector needs a 'name' of letters, digits, '.', '_' or '-' (at most "
                    + "100), got " + name);
        }
        if (connector.get("connector.class") == null) {
            throw new IllegalArgumentException("connector '" + name + "' has no 'connector.class'");
        }
    }

    /** A standalone worker. */
    public ConnectWorkerSetup(Path repo, Path directory, String bootstrapServers, int restPort,
                              Map<String, String> connector) {
        this(repo, directory, bootstrapServers, restPort, connector, null);
    }

    public boolean distributed() {
        return cluster != null;
    }

    public String name() {
        return connector.get("name");
    }

    public String restUrl() {
        return "http://127.0.0.1:" + restPort;
    }

    public Path offsetsFile() {
        return directory.resolve("offsets");
    }

    /** The Freshet connectors' plugin directory ({@code freshet-connectors/target/plugin}), checked. */
    public Path pluginPath() {
        Path plugin = repo.resolve("freshet-connectors/target/plugin");
        requireJars(plugin.resolve("freshet-connectors/lib"), "the Freshet connectors plugin",
                "./mvnw -B -q install -DskipTests -pl freshet-connectors -am");
        return plugin;
    }

    /** The worker's classpath directory ({@code infra/connect-worker/target/lib}), checked. */
    public Path workerLib() {
        Path lib = repo.resolve("infra/connect-worker/target/lib");
        requireJars(lib, "the Connect worker", "./mvnw -B -q install -DskipTests -pl infra/connect-worker");
        return lib;
    }

    /** Writes the worker's files and returns the command that runs it. */
    public List<String> prepare(String java) {
        Path plugin = pluginPath();
        Path lib = workerLib();
        try {
            Files.createDirectories(directory);
            Properties worker = new Properties();
            if (distributed()) {
                worker.putAll(Map.of(
                        "group.id", cluster,
                        "config.storage.topic", cluster + ".configs",
                        "offset.storage.topic", cluster + ".offsets",
                        "status.storage.topic", cluster + ".status",
                        // One broker here; a production cluster keeps Connect's defaults (3).
                        "config.storage.replication.factor", "1",
                        "offset.storage.replication.factor", "1",
                        "status.storage.replication.factor", "1",
                        // A worker that is gone has its tasks moved after 5 s, not Connect's default 5 minutes.
                        "scheduled.rebalance.max.delay.ms", "5000"));
            } else {
                worker.put("offset.storage.file.filename", offsetsFile().toString());
            }
            worker.putAll(Map.ofEntries(
                    Map.entry("bootstrap.servers", bootstrapServers),
                    Map.entry("key.converter", "org.apache.kafka.connect.storage.StringConverter"),
                    Map.entry("value.converter", "org.apache.kafka.connect.storage.StringConverter"),
                    // Committed offsets are what a restart resumes from: flush them often.
                    Map.entry("offset.flush.interval.ms", "1000"),
                    Map.entry("plugin.path", plugin.toString()),
                    // Plugins declare themselves (META-INF/services): no scan of every class, seconds off each start.
                    Map.entry("plugin.discovery", "service_load"),
                    Map.entry("listeners", restUrl()),
                    Map.entry("producer.max.request.size", Integer.toString(MAX_REQUEST_BYTES)),
                    Map.entry("producer.acks", "all"),
                    // Secrets stay out of the connector's file: ${env:NAME} and ${file:/path/secrets.properties:key}.
                    Map.entry("config.providers", "env,file"),
                    Map.entry("config.providers.env.class", "org.apache.kafka.common.config.provider.EnvVarConfigProvider"),
                    Map.entry("config.providers.file.class", "org.apache.kafka.common.config.provider.FileConfigProvider"),
                    Map.entry("task.shutdown.graceful.timeout.ms", "10000")));
            store(worker, directory.resolve("worker.properties"), "Connect worker of ./freshet connect");
            Properties props = new Properties();
            props.putAll(connector);
            store(props, directory.resolve("connector.properties"), "connector " + name());
            Files.writeString(directory.resolve("log4j2.properties"), LOG_CONFIG, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the worker's files under " + directory, e);
        }
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-XX:+UseSerialGC",
                "-Dlog4j2.configurationFile=" + directory.resolve("log4j2.properties"),
                "-cp", lib + "/*"));
        if (distributed()) {
            command.addAll(List.of("org.apache.kafka.connect.cli.ConnectDistributed",
                    directory.resolve("worker.properties").toString()));
        } else {
            command.addAll(List.of("org.apache.kafka.connect.cli.ConnectStandalone",
                    directory.resolve("worker.properties").toString(),
                    directory.resolve("connector.properties").toString()));
        }
        return command;
    }

    private static void store(Properties properties, Path file, String comment) throws IOException {
        try (var out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            properties.store(out, comment);
        }
    }

    private static void requireJars(Path dir, String what, String build) {
        try (var files = Files.list(dir)) {
            if (files.anyMatch(f -> f.getFileName().toString().endsWith(".jar"))) {
                return;
            }
        } catch (IOException e) {
            // reported below
        }
        throw new IllegalStateException("No jars of " + what + " in " + dir + ": build it first (" + build + ")");
    }

    /** The worker's log: what the connectors say, Connect's warnings, one line each. */
    private static final String LOG_CONFIG = """
            status = error
            appender.console.type = Console
            appender.console.name = console
            appender.console.layout.type = PatternLayout
            appender.console.layout.pattern = %d{HH:mm:ss.SSS} %-5p [%c{1}] %m%n
            rootLogger.level = warn
            rootLogger.appenderRef.console.ref = console
            logger.freshet.name = io.freshet
            logger.freshet.level = info
            logger.connect.name = org.apache.kafka.connect.runtime.Worker
            logger.connect.level = info
            logger.standalone.name = org.apache.kafka.connect.cli
            logger.standalone.level = info
            """;
}
