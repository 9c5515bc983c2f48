package io.freshet.infra;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./freshet kafka TOOL [ARGS]}: Kafka's own command-line tools (what {@code kafka-topics.sh} and its siblings
 * run), from the jars the engines already use, against {@code ./freshet up}'s broker unless {@code --bootstrap-server}
 * says otherwise. The tool runs in a JVM of its own with the engines' classpath, its input and output the terminal's.
 * JDK-only: the script starts it with the engines jar alone. Exit code: the tool's, or 2 for an unknown tool.
 */
public final class KafkaToolCommand {

    /** Kafka's script names without "kafka-" and ".sh", and the class each runs (kafka-run-class.sh). */
    static final Map<String, String> TOOLS = tools();

    private KafkaToolCommand() {
    }

    private static Map<String, String> tools() {
        Map<String, String> tools = new LinkedHashMap<>();
        tools.put("topics", "org.apache.kafka.tools.TopicCommand");
        tools.put("consumer-groups", "org.apache.kafka.tools.consumer.group.ConsumerGroupCommand");
        tools.put("console-consumer", "org.apache.kafka.tools.consumer.ConsoleConsumer");
        tools.put("console-producer", "org.apache.kafka.tools.ConsoleProducer");
        tools.put("get-offsets", "org.apache.kafka.tools.GetOffsetShell");
        tools.put("delete-records", "org.apache.kafka.tools.DeleteRecordsCommand");
        tools.put("configs", "kafka.admin.ConfigCommand");
        tools.put("groups", "org.apache.kafka.tools.GroupsCommand");
        tools.put("log-dirs", "org.apache.kafka.tools.LogDirsCommand");
        tools.put("acls", "org.apache.kafka.tools.AclCommand");
        tools.put("transactions", "org.apache.kafka.tools.TransactionsCommand");
        tools.put("broker-api-versions", "org.apache.kafka.tools.BrokerApiVersionsCommand");
        tools.put("metadata-quorum", "org.apache.kafka.tools.MetadataQuorumCommand");
        return java.util.Collections.unmodifiableMap(tools);
    }

    static String usage() {
        return "Usage: freshet kafka TOOL [ARGS...]   (TOOL's own help: ./freshet kafka TOOL --help)\n"
                + "Tools (Kafka's kafka-TOOL.sh): " + String.join(", ", TOOLS.keySet()) + "\n"
                + "--bootstrap-server " + LocalEngines.KAFKA + " (./freshet up's broker) is added unless given, e.g.\n"
                + "  ./freshet kafka topics --list\n"
                + "  ./freshet kafka consumer-groups --describe --group index-service";
    }

    public static void main(String[] args) throws InterruptedException {
        System.exit(run(List.of(args), System.out, System.err));
    }

    static int run(List<String> args, PrintStream out, PrintStream err) throws InterruptedException {
        if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("-h") || args.get(0).equals("help")) {
            (args.isEmpty() ? err : out).println(usage());
            return args.isEmpty() ? 2 : 0;
        }
        if (!TOOLS.containsKey(args.get(0))) {
            err.println("freshet kafka: no tool '" + args.get(0) + "'.");
            err.println(usage());
            return 2;
        }
        try {
            Process tool = new ProcessBuilder(command(args, javaExecutable(), EngineClasspath.forKafka())).inheritIO().start();
            // Ctrl-C reaches the tool too (same process group); a signal to this JVM alone is passed on. Either way the
            // tool gets a moment to finish its own way (a console consumer closes cleanly).
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                tool.destroy();
                try {
                    tool.waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            return tool.waitFor();
        } catch (IOException e) {
            err.println("freshet kafka: cannot start the tool: " + e.getMessage());
            return 1;
        }
    }

    /** The tool's command line: its class on the engines' classpath, then its arguments, then the broker if unsaid. */
    static List<String> command(List<String> args, String java, String classpath) {
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dlog4j2.configurationFile=io/freshet/infra/ops-log4j2.properties", "-cp", classpath,
                TOOLS.get(args.get(0))));
        List<String> rest = args.subList(1, args.size());
        boolean help = rest.contains("--help") || rest.contains("-h");
        if (!help && !rest.contains("--bootstrap-server") && !rest.contains("--bootstrap-controller")) {
            // First: the tools with sub-commands (transactions, metadata-quorum) take it before the sub-command.
            command.addAll(List.of("--bootstrap-server", LocalEngines.KAFKA));
        }
        command.addAll(rest);
        return command;
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
