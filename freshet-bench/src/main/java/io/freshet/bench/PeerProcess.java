package io.freshet.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The peer program (module infra/peer) as a child process: {@code java -cp freshet-peer-<v>.jar:lib/* PeerIngest},
 * its own classpath, so its LangChain4j and OpenSearch client never meet the bench's. Its stdout lines go to
 * {@code onLine} as they come, and with its stderr to its log.
 */
final class PeerProcess {

    static final String MAIN_CLASS = "io.freshet.peer.PeerIngest";

    private PeerProcess() {
    }

    /** The peer's jar and library folder in a built checkout; an error saying how to build them when missing. */
    static String classpath(Path repo) {
        Path target = repo.resolve("infra/peer/target");
        Path lib = target.resolve("lib");
        Path jar = null;
        try (var files = Files.list(target)) {
            jar = files.filter(p -> p.getFileName().toString().matches("freshet-peer-[^-]+(-SNAPSHOT)?\\.jar"))
                    .findFirst().orElse(null);
        } catch (IOException e) {
            // no target folder: reported below
        }
        if (jar == null || !Files.isDirectory(lib)) {
            throw new IllegalStateException("the peer is not built (" + target + "/freshet-peer-<version>.jar and lib/); "
                    + "build it: ./mvnw -B -q install -DskipTests -pl infra/peer");
        }
        return jar + java.io.File.pathSeparator + lib + "/*";
    }

    /**
     * Runs the peer to its end and returns its stdout lines; kills it after {@code timeout}.
     *
     * @param started hears the process id as soon as it runs (for the process monitor)
     */
    static Result run(List<String> command, Path log, Duration timeout, Consumer<Long> started, Consumer<String> onLine) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("OPT_OUT_TRACKING", "true"); // DJL would probe a cloud metadata address
        Process process;
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(log, String.join(" ", command) + "\n", StandardCharsets.UTF_8);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the peer: " + e.getMessage(), e);
        }
        started.accept(process.pid());
        AtomicBoolean killed = new AtomicBoolean();
        Thread killer = new Thread(() -> {
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    killed.set(true);
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
            }
        }, "bench-peer-timeout");
        killer.setDaemon(true);
        killer.start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             Writer logWriter = Files.newBufferedWriter(log, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND)) {
            String line;
            while ((line = out.readLine()) != null) {
                lines.add(line);
                logWriter.write(line + "\n");
                logWriter.flush();
                onLine.accept(line);
            }
            int exit = process.waitFor();
            return new Result(exit, killed.get(), lines);
        } catch (IOException e) {
            process.destroyForcibly();
            throw new UncheckedIOException("cannot read the peer's output: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the peer ran", e);
        }
    }

    /** How the peer ended: its exit code, whether it was killed for taking too long, its stdout lines. */
    record Result(int exitCode, boolean killed, List<String> stdout) {
    }
}
