package io.freshet.infra;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.apache.kafka.common.Uuid;

/**
 * Runs in the Kafka child JVM: a single-node KRaft broker+controller on 127.0.0.1.
 * Arguments: home directory, client port, controller port. Formats the storage on first start only, so a restart
 * keeps the topics and offsets.
 */
public final class KafkaBrokerMain {

    private KafkaBrokerMain() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]);
        int port = Integer.parseInt(args[1]);
        int controllerPort = Integer.parseInt(args[2]);
        ParentWatch.exitWhenParentDies("kafka");

        Path data = home.resolve("data");
        Path config = home.resolve("server.properties");
        Files.createDirectories(data);
        Properties server = serverProperties(data, port, controllerPort);
        try (var out = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
            server.store(out, "Written by freshet KafkaBrokerMain");
        }

        if (!Files.exists(data.resolve("meta.properties"))) {
            String clusterId = Uuid.randomUuid().toString();
            // execute(), not main(): main() calls exit when done.
            int code = kafka.tools.StorageTool.execute(
                    new String[]{"format", "-t", clusterId, "-c", config.toString()}, new PrintStream(System.out));
            if (code != 0) {
                System.err.println("[freshet] formatting Kafka storage in " + data + " failed with code " + code);
                System.exit(code);
            }
        }
        // Blocks until SIGTERM; Kafka's own shutdown hook shuts the broker down cleanly.
        kafka.Kafka.main(new String[]{config.toString()});
    }

    static Properties serverProperties(Path data, int port, int controllerPort) {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("log.dirs", data.toAbsolutePath().toString());
        p.setProperty("num.partitions", "6");
        p.setProperty("auto.create.topics.enable", "true");
        // One broker: every internal topic has one replica.
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        // Fewer internal partitions than the default 50: creating them is most of a first consumer's wait.
        p.setProperty("offsets.topic.num.partitions", "5");
        p.setProperty("transaction.state.log.num.partitions", "5");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        // The pipeline's topics carry their own limit (freshet.kafka.max-message-bytes, default
        // io.freshet.contract.event.Topics.MAX_EVENT_BYTES); this is the default for any other topic a test creates.
        String sixteenMebibytes = String.valueOf(16 * 1024 * 1024);
        p.setProperty("message.max.bytes", sixteenMebibytes);
        p.setProperty("replica.fetch.max.bytes", sixteenMebibytes);
        // A single node sharing a laptop-sized machine with the services: threads sized for it, and the controller
        // appends its keep-alive record to the metadata log every 5 s instead of every 500 ms (each one written and
        // synced while nothing else happens).
        p.setProperty("num.network.threads", "2");
        p.setProperty("num.io.threads", "2");
        p.setProperty("background.threads", "2");
        p.setProperty("metadata.max.idle.interval.ms", "5000");
        return p;
    }
}
