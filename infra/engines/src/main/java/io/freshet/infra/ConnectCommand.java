package io.freshet.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.admin.Admin;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./freshet connect}: runs a standalone Kafka Connect worker with one connector against the broker of a running
 * {@code ./freshet up}, in the foreground until Ctrl-C (the worker then stops its task and commits its offsets). Its
 * state lives in {@code work/connect/<name>/}: started again with the same connector name, it resumes where it stopped.
 * Exit codes: the worker's, 1 when it cannot start, 2 for wrong arguments.
 */
public final class ConnectCommand {

    static final String USAGE = """
            Usage: freshet connect CONNECTOR.properties|CONNECTOR.json [--bootstrap-servers HOST:PORT] [--rest-port PORT]
                   freshet connect folder --path DIR [--source NAME] [--public] [--readers P1,P2] [--posix-acl]
                                          [--name NAME] [--bootstrap-servers HOST:PORT] [--rest-port PORT]
            Runs a Kafka Connect worker (standalone) with the connector against the broker of a running ./freshet up
            (default 127.0.0.1:9092) until Ctrl-C. The connector's configuration: a .properties file as Connect's
            standalone mode takes it, or JSON as its REST API takes it ({"name": ..., "config": {...}}) or flat.
            Examples: freshet-connectors/src/main/connect/*.properties; docs/connectors/.
            Offsets (where each source stands) and the worker's files: work/connect/<name>/; the same name resumes.
            folder: publishes the files under DIR as source NAME (default "folder"); added, changed, renamed and removed
            files reach the index within seconds while it runs. Readers: --public (every caller), --readers (users,
            group:<name>, org:everyone), --posix-acl (each file's owner, group and others read bits); without any of
            them the documents are private (nobody may read them until an ACL grants it).
            --rest-port: the worker's REST API (default 8084; GET /connectors/<name>/status).""";

    static final String FOLDER_CONNECTOR = "io.freshet.connectors.folder.FolderSourceConnector";
    static final int DEFAULT_REST_PORT = 8084;

    private ConnectCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(List.of(args), Path.of(System.getProperty("user.dir")), System.out, System.err));
    }

    static int run(List<String> args, Path workingDirectory, PrintStream out, PrintStream err) {
        if (args.isEmpty() || args.contains("--help") || args.contains("-h")) {
            out.println(USAGE);
            return args.isEmpty() ? 2 : 0;
        }
        ConnectWorkerSetup setup;
        try {
            CommandArguments parsed = parse(args, workingDirectory);
            Map<String, String> connector = connectorConfig(parsed, workingDirectory, err);
            int restPort = Integer.parseInt(parsed.option("--rest-port", Integer.toString(DEFAULT_REST_PORT)));
            if (restPort < 1 || restPort > 65535) {
                throw new CommandArguments.UsageException("--rest-port must be a port number (1-65535)");
            }
            setup = new ConnectWorkerSetup(parsed.repo(), parsed.repo().resolve("work/connect/" + connector.get("name")),
                    parsed.option("--bootstrap-servers", BrokerClients.LOCAL), restPort, connector);
        } catch (CommandArguments.UsageException | IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return 2;
        } catch (IOException e) {
            err.println("Cannot read the connector's configuration: " + e.getMessage());
            return 2;
        }
        String problem = brokerProblem(setup.bootstrapServers());
        if (problem != null) {
            err.println("No Kafka at " + setup.bootstrapServers() + " (" + problem + "): start Freshet first (./freshet up), "
                    + "or name the broker with --bootstrap-servers.");
            return 1;
        }
        List<String> command;
        try {
            command = setup.prepare(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        } catch (IllegalStateException e) {
            err.println(e.getMessage());
            return 1;
        }
        out.printf("Connector %s (%s) -> %s on %s%n", setup.name(), setup.connector().get("connector.class"),
                setup.connector().getOrDefault("topic", "freshet.documents.changes"), setup.bootstrapServers());
        out.printf("Worker REST API %s/connectors/%s/status; offsets and configuration in %s. Ctrl-C stops it.%n",
                setup.restUrl(), setup.name(), setup.directory());
        return runInForeground(command, err);
    }

    static CommandArguments parse(List<String> args, Path workingDirectory) {
        return CommandArguments.parse(args,
                Set.of("--path", "--source", "--readers", "--name", "--bootstrap-servers", "--rest-port"),
                Set.of("--public", "--posix-acl"), workingDirectory);
    }

    /** The worker in the foreground: its log on this terminal; Ctrl-C reaches both, the worker shuts down cleanly. */
    private static int runInForeground(List<String> command, PrintStream err) {
        Process worker;
        try {
            worker = new ProcessBuilder(command).inheritIO().start();
        } catch (IOException e) {
            err.println("Cannot start the Connect worker: " + e.getMessage());
            return 1;
        }
        Thread stopWorker = new Thread(() -> {
            worker.destroy();
            try {
                if (!worker.waitFor(30, TimeUnit.SECONDS)) {
                    worker.destroyForcibly();
                }
            } catch (InterruptedException e) {
                worker.destroyForcibly();
            }
        }, "connect-worker-stop");
        Runtime.getRuntime().addShutdownHook(stopWorker);
        try {
            return worker.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    static Map<String, String> connectorConfig(CommandArguments parsed, Path workingDirectory, PrintStream err)
            throws IOException {
        if (parsed.words().size() != 1) {
            throw new CommandArguments.UsageException("connect takes one connector file, or 'folder'");
        }
        String what = parsed.words().get(0);
        Map<String, String> config = what.equals("folder") ? folder(parsed, workingDirectory, err)
                : readConfig(workingDirectory.resolve(what));
        if (parsed.options().containsKey("--name")) {
            config.put("name", parsed.option("--name", null));
        }
        return config;
    }

    private static Map<String, String> folder(CommandArguments parsed, Path workingDirectory, PrintStream err) {
        String path = parsed.option("--path", null);
        if (path == null) {
            throw new CommandArguments.UsageException("connect folder needs --path DIR");
        }
        Path dir = workingDirectory.resolve(path).toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new CommandArguments.UsageException("--path " + path + " is not a directory");
        }
        String source = parsed.option("--source", "folder");
        Map<String, String> config = new LinkedHashMap<>();
        config.put("name", "folder-" + source.replaceAll("[^A-Za-z0-9._-]", "_"));
        config.put("connector.class", FOLDER_CONNECTOR);
        config.put("tasks.max", "1");
        config.put("folder.path", dir.toString());
        config.put("source.name", source);
        config.put("acl.public", Boolean.toString(parsed.flag("--public")));
        config.put("acl.principals", parsed.option("--readers", ""));
        config.put("folder.acl.posix", Boolean.toString(parsed.flag("--posix-acl")));
        if (!parsed.flag("--public") && !parsed.flag("--posix-acl") && parsed.option("--readers", "").isBlank()) {
            err.println("NOTE: no --public, --readers or --posix-acl: the documents are private, readable by nobody.");
        }
        return config;
    }

    /** A connector's configuration from a .properties file or JSON (Connect REST's {"name", "config"} or flat). */
    static Map<String, String> readConfig(Path file) throws IOException {
        Map<String, String> config = new LinkedHashMap<>();
        if (file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".json")) {
            JsonNode root = new ObjectMapper().readTree(file.toFile());
            if (root == null || !root.isObject()) {
                throw new IOException(file + " is not a JSON object");
            }
            JsonNode values = root.has("config") && root.get("config").isObject() ? root.get("config") : root;
            values.properties().forEach(e -> config.put(e.getKey(), e.getValue().isValueNode()
                    ? e.getValue().asText() : e.getValue().toString()));
            if (root.has("name") && root.get("name").isTextual()) {
                config.putIfAbsent("name", root.get("name").asText());
            }
        } else {
            Properties properties = new Properties();
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(in);
            }
            properties.stringPropertyNames().forEach(key -> config.put(key, properties.getProperty(key)));
        }
        return config;
    }

    /** Null when the broker answers within a few seconds, else why not. */
    private static String brokerProblem(String bootstrapServers) {
        try (Admin admin = new BrokerClients(bootstrapServers, Duration.ofSeconds(5)).admin()) {
            admin.describeCluster().nodes().get(6, TimeUnit.SECONDS);
            return null;
        } catch (Exception e) {
            return e.getCause() != null ? e.getCause().getMessage() : e.toString();
        }
    }
}
