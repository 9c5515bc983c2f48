package io.freshet.infra;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConnectCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void theFolderShortcutIsTheFolderConnectorWithTheGivenReaders() throws IOException {
        Path docs = Files.createDirectories(dir.resolve("docs"));
        Map<String, String> config = ConnectCommand.connectorConfig(ConnectCommand.parse(List.of("folder", "--path", "docs",
                "--source", "hr share", "--readers", "group:hr,alice"), dir), dir, new PrintStream(err));

        assertEquals(ConnectCommand.FOLDER_CONNECTOR, config.get("connector.class"));
        assertEquals("folder-hr_share", config.get("name"));
        assertEquals(docs.toString(), config.get("folder.path"));
        assertEquals("hr share", config.get("source.name"));
        assertEquals("false", config.get("acl.public"));
        assertEquals("group:hr,alice", config.get("acl.principals"));
        assertFalse(err.toString().contains("private"), err.toString());
    }

    @Test
    void aFolderWithoutReadersIsPrivateAndTheCommandSaysSo() throws IOException {
        Files.createDirectories(dir.resolve("docs"));
        ConnectCommand.connectorConfig(ConnectCommand.parse(List.of("folder", "--path", "docs"), dir), dir,
                new PrintStream(err));

        assertTrue(err.toString().contains("private, readable by nobody"), err.toString());
    }

    @Test
    void readsConnectorsAsPropertiesAndAsTheRestApisJson() throws IOException {
        Path properties = dir.resolve("c.properties");
        Files.writeString(properties, "name=wp\nconnector.class=x.Y\nwordpress.url=https://cms.example.com\n");
        Path json = dir.resolve("c.json");
        Files.writeString(json, "{\"name\":\"sp\",\"config\":{\"connector.class\":\"x.Z\",\"tasks.max\":2}}");

        Map<String, String> fromProperties = ConnectCommand.readConfig(properties);
        assertEquals("wp", fromProperties.get("name"));
        assertEquals("https://cms.example.com", fromProperties.get("wordpress.url"));
        Map<String, String> fromJson = ConnectCommand.readConfig(json);
        assertEquals("sp", fromJson.get("name"));
        assertEquals("x.Z", fromJson.get("connector.class"));
        assertEquals("2", fromJson.get("tasks.max"));
    }

    @Test
    void wrongArgumentsExitWithTwoAndTheUsage() {
        assertEquals(2, run("folder"));
        assertTrue(err.toString().contains("needs --path"), err.toString());
        assertEquals(2, run("folder", "--path", "nowhere"));
        assertEquals(2, run("one.properties", "two.properties"));
        assertEquals(2, run("folder", "--path", ".", "--rest-port", "70000"));
    }

    @Test
    void aConnectorNameThatWouldLeaveItsDirectoryIsRefused() throws IOException {
        Path file = dir.resolve("evil.properties");
        Files.writeString(file, "name=../../etc\nconnector.class=x.Y\n");

        assertEquals(2, run(file.toString()));
        assertTrue(err.toString().contains("letters, digits"), err.toString());
    }

    @Test
    void noBrokerIsAClearErrorNotAHang() throws IOException {
        int port = EngineProcess.freePort();
        Files.createDirectories(dir.resolve("docs"));

        assertEquals(1, run("folder", "--path", "docs", "--bootstrap-servers", "127.0.0.1:" + port));
        assertTrue(err.toString().contains("No Kafka at 127.0.0.1:" + port) && err.toString().contains("./freshet up"),
                err.toString());
    }

    @Test
    void theWorkersFilesTakeTheConnectorAndTheWorkerSettings() throws IOException {
        ConnectWorkerSetup setup = new ConnectWorkerSetup(dir, dir.resolve("work"), "127.0.0.1:9092", 8084,
                Map.of("name", "f", "connector.class", "x.Y"));
        Files.createDirectories(dir.resolve("freshet-connectors/target/plugin/freshet-connectors/lib"));
        Files.writeString(dir.resolve("freshet-connectors/target/plugin/freshet-connectors/lib/a.jar"), "");
        Files.createDirectories(dir.resolve("infra/connect-worker/target/lib"));
        Files.writeString(dir.resolve("infra/connect-worker/target/lib/b.jar"), "");

        List<String> command = setup.prepare("java");

        assertTrue(command.contains("org.apache.kafka.connect.cli.ConnectStandalone"), command.toString());
        Properties worker = new Properties();
        worker.load(Files.newBufferedReader(dir.resolve("work/worker.properties"), StandardCharsets.UTF_8));
        assertEquals("http://127.0.0.1:8084", worker.getProperty("listeners"));
        assertEquals("org.apache.kafka.connect.storage.StringConverter", worker.getProperty("value.converter"));
        assertEquals(dir.resolve("work/offsets").toString(), worker.getProperty("offset.storage.file.filename"));
        assertTrue(Integer.parseInt(worker.getProperty("producer.max.request.size")) > 16 * 1024 * 1024);
        assertEquals("env,file", worker.getProperty("config.providers"));
    }

    private int run(String... args) {
        return ConnectCommand.run(List.of(args), dir, new PrintStream(out), new PrintStream(err));
    }
}
