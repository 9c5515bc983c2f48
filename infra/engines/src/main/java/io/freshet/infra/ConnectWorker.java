package io.freshet.infra;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A standalone Connect worker as a child process ({@link ConnectWorkerSetup}), for tests and the launcher: started and
 * awaited until its connector and every task run, stopped cleanly (SIGTERM: the worker commits its offsets) or killed.
 */
public final class ConnectWorker implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private static final Pattern STATE = Pattern.compile("\"state\"\\s*:\\s*\"([A-Z_]+)\"");

    private final ConnectWorkerSetup setup;
    private final ChildProcess process;

    private ConnectWorker(ConnectWorkerSetup setup, Path logFile) {
        this.setup = setup;
        this.process = new ChildProcess("connect-" + setup.name(), setup.prepare(javaExecutable()), logFile, Map.of(),
                Duration.ofSeconds(30), false);
    }

    /** Starts a worker and waits until its connector and tasks are RUNNING. */
    public static ConnectWorker start(ConnectWorkerSetup setup, Path logFile, Duration timeout) {
        ConnectWorker worker = new ConnectWorker(setup, logFile);
        worker.startAgain(timeout);
        return worker;
    }

    /** Standalone: until the connector and its tasks run. Distributed: until the worker's REST API answers. */
    public void startAgain(Duration timeout) {
        process.start(setup.distributed() ? this::answers : this::running, timeout);
    }

    /**
     * Creates (or reconfigures) the connector through the REST API ({@code PUT /connectors/NAME/config}), as on a
     * Connect cluster; any worker of the cluster takes the request.
     *
     * @throws IllegalStateException when the worker refuses it (the answer says why, e.g. a setting's validation)
     */
    public void createConnector() {
        StringBuilder json = new StringBuilder("{");
        setup.connector().forEach((key, value) -> json.append(json.length() > 1 ? "," : "")
                .append(DirectoryPublisher.json(key)).append(':').append(DirectoryPublisher.json(value)));
        json.append('}');
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                            URI.create(setup.restUrl() + "/connectors/" + setup.name() + "/config"))
                    .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(json.toString())).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200 && response.statusCode() != 201) {
                throw new IllegalStateException("creating connector " + setup.name() + " answered "
                        + response.statusCode() + ": " + response.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException("creating connector " + setup.name() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The worker id Connect reports for this worker's tasks ({@code host:port} of its REST listener). */
    public String workerId() {
        return URI.create(setup.restUrl()).getAuthority();
    }

    private boolean answers() {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(setup.restUrl() + "/")).timeout(Duration.ofSeconds(2))
                    .GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Stops on SIGTERM, as an operator would: the worker stops the task and commits its offsets first. */
    public void stop() {
        process.stop();
    }

    /** SIGKILL: the offsets committed until then are all that is kept. */
    public int kill() {
        return process.kill();
    }

    public boolean isRunning() {
        return process.isRunning();
    }

    public ConnectWorkerSetup setup() {
        return setup;
    }

    public Path logFile() {
        return process.logFile();
    }

    public String logTail() {
        return process.logTail();
    }

    /** The connector's status as the worker's REST API gives it ({@code GET /connectors/NAME/status}), or null. */
    public String status() {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                            URI.create(setup.restUrl() + "/connectors/" + setup.name() + "/status"))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? response.body() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /**
     * True when the connector and at least one task run; a FAILED one is an error with its trace (waiting on would only
     * time out).
     */
    boolean running() {
        String status = status();
        if (status == null) {
            return false;
        }
        if (status.contains("\"FAILED\"")) {
            throw process.failure("connector " + setup.name() + " failed: " + status);
        }
        Matcher states = STATE.matcher(status);
        int running = 0;
        int others = 0;
        while (states.find()) {
            if (states.group(1).equals("RUNNING")) {
                running++;
            } else {
                others++;
            }
        }
        return running >= 2 && others == 0;
    }

    @Override
    public void close() {
        stop();
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
