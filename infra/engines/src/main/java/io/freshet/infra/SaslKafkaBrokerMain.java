package io.freshet.infra;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.apache.kafka.common.Uuid;

/**
 * Runs in the child JVM of {@link SaslKafkaFixture}: the local broker of {@link KafkaBrokerMain}, but its only client
 * listener is SASL_PLAINTEXT with SCRAM-SHA-512. Arguments: home directory, client port, controller port, then
 * {@code name=password} pairs; the first is the broker's own inter-broker user. The SCRAM credentials are written at
 * format time ({@code --add-scram}), so they exist before the broker first authenticates anyone, itself included.
 */
public final class SaslKafkaBrokerMain {

    static final String MECHANISM = SaslKafkaFixture.MECHANISM;

    private SaslKafkaBrokerMain() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]);
        int port = Integer.parseInt(args[1]);
        int controllerPort = Integer.parseInt(args[2]);
        List<String[]> users = new ArrayList<>();
        for (int i = 3; i < args.length; i++) {
            users.add(args[i].split("=", 2));
        }
        ParentWatch.exitWhenParentDies("kafka-sasl");

        Path data = home.resolve("data");
        Path config = home.resolve("server.properties");
        Files.createDirectories(data);
        Properties server = serverProperties(data, port, controllerPort, users.get(0)[0], users.get(0)[1]);
        try (var out = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
            server.store(out, "Written by freshet SaslKafkaBrokerMain");
        }
        if (!Files.exists(data.resolve("meta.properties"))) {
            List<String> format = new ArrayList<>(List.of("format", "-t", Uuid.randomUuid().toString(), "-c", config.toString()));
            for (String[] user : users) {
                format.add("--add-scram");
                format.add(MECHANISM + "=[name=" + user[0] + ",password=" + user[1] + "]");
            }
            int code = kafka.tools.StorageTool.execute(format.toArray(String[]::new), new PrintStream(System.out));
            if (code != 0) {
                System.err.println("[freshet] formatting Kafka storage in " + data + " failed with code " + code);
                System.exit(code);
            }
        }
        kafka.Kafka.main(new String[]{config.toString()});
    }

    static Properties serverProperties(Path data, int port, int controllerPort, String brokerUser, String brokerPassword) {
        Properties p = KafkaBrokerMain.serverProperties(data, port, controllerPort);
        String client = "SASL_PLAINTEXT://127.0.0.1:" + port;
        p.setProperty("listeners", client + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", client);
        // The controller listener stays plaintext on loopback: SCRAM needs the metadata log the controller serves.
        p.setProperty("listener.security.protocol.map", "SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("inter.broker.listener.name", "SASL_PLAINTEXT");
        p.setProperty("sasl.enabled.mechanisms", MECHANISM);
        p.setProperty("sasl.mechanism.inter.broker.protocol", MECHANISM);
        p.setProperty("listener.name.sasl_plaintext." + MECHANISM.toLowerCase() + ".sasl.jaas.config",
                SaslKafkaFixture.jaasConfig(brokerUser, brokerPassword));
        return p;
    }
}
