package io.freshet.infra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.opensearch.common.settings.Settings;
import org.opensearch.env.Environment;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.plugins.Plugin;

/**
 * Runs in the OpenSearch child JVM: a single node with the k-NN plugin on 127.0.0.1.
 * Arguments: home directory, HTTP port, transport port. Stays up until SIGTERM, then closes the node cleanly.
 *
 * <p>An embedded {@link Node} rather than OpenSearch's standalone bootstrap: it takes plugin classes from the
 * classpath (no plugin installation) and, unlike the bootstrap, runs as root.
 */
public final class OpenSearchNodeMain {

    private static final String NODE_NAME = "freshet-node";

    private OpenSearchNodeMain() {
    }

    /** Node's plugin-taking constructor is protected. */
    private static final class PluginNode extends Node {
        PluginNode(Environment environment, Collection<Class<? extends Plugin>> plugins) {
            super(environment, plugins, true);
        }
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]).toAbsolutePath();
        int httpPort = Integer.parseInt(args[1]);
        int transportPort = Integer.parseInt(args[2]);
        ParentWatch.exitWhenParentDies("opensearch");
        Files.createDirectories(home.resolve("data"));
        Files.createDirectories(home.resolve("logs"));

        Settings settings = Settings.builder()
                .put("cluster.name", "freshet")
                .put("node.name", NODE_NAME)
                .put("path.home", home.toString())
                .put("path.data", home.resolve("data").toString())
                .put("path.logs", home.resolve("logs").toString())
                .put("discovery.type", "single-node")
                .put("network.host", "127.0.0.1")
                .put("http.port", httpPort)
                .put("transport.port", transportPort)
                // Dev machines often have nearly full disks; the watermarks would make every index read-only.
                .put("cluster.routing.allocation.disk.threshold_enabled", false)
                .build();
        Environment environment = InternalSettingsPreparer.prepareEnvironment(settings, Map.of(), null, () -> NODE_NAME);
        List<Class<? extends Plugin>> plugins = List.of(
                org.opensearch.transport.Netty4Plugin.class,
                org.opensearch.painless.PainlessPlugin.class,
                org.opensearch.index.reindex.ReindexPlugin.class,
                org.opensearch.analysis.common.CommonAnalysisPlugin.class,
                org.opensearch.index.mapper.MapperExtrasPlugin.class,
                // By name: the k-NN jars come from the unpacked plugin zip, which is not a compile dependency.
                Class.forName("org.opensearch.knn.plugin.KNNPlugin").asSubclass(Plugin.class));
        Node node = new PluginNode(environment, plugins);

        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
                if (!node.awaitClose(20, TimeUnit.SECONDS)) {
                    System.err.println("[freshet] OpenSearch did not close within 20 s");
                }
            } catch (Exception e) {
                System.err.println("[freshet] closing OpenSearch failed: " + e);
            } finally {
                closed.countDown();
            }
        }, "freshet-opensearch-close"));
        node.start();
        System.out.println("[freshet] OpenSearch node started on http://127.0.0.1:" + httpPort);
        // The node's threads are daemons: keep the JVM alive until the shutdown hook has closed the node.
        closed.await();
    }
}
