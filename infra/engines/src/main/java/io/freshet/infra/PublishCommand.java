package io.freshet.infra;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code ./freshet publish DIR}: publishes every file of a directory to a running {@code ./freshet up} as {@code up}
 * publishes {@code samples/} ({@link DirectoryPublisher}, a connector token minted with the issuer's key under
 * {@code work/issuer/}), showing its progress. Exit codes: 0 every file accepted, 1 not (or nothing running), 2 wrong
 * arguments.
 */
public final class PublishCommand {

    static final String USAGE = """
            Usage: freshet publish DIR [--wait] [--settle-timeout SECONDS]
            Publishes every file under DIR (recursively) to the running ./freshet up, as source "%s": a file's id is its
            path under DIR, so publishing a file again (changed or not) makes a new version of the same document.
            --wait: then wait until they are searchable (up to --settle-timeout, default 120 s).""".formatted(DirectoryPublisher.SOURCE);
    static final String INGEST_HEALTH = "http://127.0.0.1:8181/actuator/health";

    private PublishCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(List.of(args), Path.of(System.getProperty("user.dir")), System.out, System.err));
    }

    static int run(List<String> args, Path workingDirectory, PrintStream out, PrintStream err) {
        if (args.contains("--help") || args.contains("-h")) {
            out.println(USAGE);
            return 0;
        }
        CommandArguments parsed;
        Path directory;
        Duration settle;
        try {
            parsed = CommandArguments.parse(args, Set.of("--settle-timeout"), Set.of("--wait"), workingDirectory);
            if (parsed.words().size() != 1) {
                throw new CommandArguments.UsageException("publish takes one directory" + (parsed.words().isEmpty() ? ""
                        : ", not " + parsed.words()));
            }
            directory = workingDirectory.resolve(parsed.words().get(0)).toAbsolutePath().normalize();
            settle = Duration.ofSeconds(parsed.number("--settle-timeout", 120, 1, 86_400));
        } catch (CommandArguments.UsageException e) {
            err.println("freshet publish: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        if (!Files.isDirectory(directory)) {
            err.println("freshet publish: " + directory + " is not a directory");
            return 2;
        }
        String problem = stackProblem();
        if (problem != null) {
            err.println("freshet publish: " + problem);
            return 1;
        }
        LocalTokenIssuer issuer;
        try {
            issuer = LocalTokenIssuer.offline(new RunFiles(parsed.repo()).issuerKeys(), FreshetUp.ISSUER);
        } catch (IllegalStateException e) {
            err.println("freshet publish: " + e.getMessage());
            return 1;
        }
        List<Path> files = DirectoryPublisher.files(directory);
        if (files.isEmpty()) {
            out.println("No files under " + directory + ": nothing to publish.");
            return 0;
        }
        out.println("Publishing " + files.size() + " files of " + directory + " to " + SamplePublishing.INGEST
                + "/v1/documents ...");
        List<DirectoryPublisher.Published> results = publish(directory, files.size(), issuer, out);
        List<DirectoryPublisher.Published> accepted = new ArrayList<>();
        for (DirectoryPublisher.Published result : results) {
            if (result.accepted()) {
                accepted.add(result);
            } else {
                out.println("  NOT accepted: " + result.id() + " — " + result.problem());
            }
        }
        out.println(accepted.size() + " of " + results.size() + " files accepted (202).");
        if (parsed.flag("--wait") && !accepted.isEmpty()) {
            QueryClient query = new QueryClient(RenewingToken.user(issuer, "freshet-publish", List.of()));
            new SettleWait(query, settle).await(accepted);
        } else if (!accepted.isEmpty()) {
            out.println("The pipeline processes them now: ./freshet status shows the backlog and the documents by state.");
        }
        return accepted.size() == results.size() ? 0 : 1;
    }

    private static List<DirectoryPublisher.Published> publish(Path directory, int total, LocalTokenIssuer issuer,
                                                              PrintStream out) {
        ProgressBar bar = new ProgressBar(total, 30);
        // On a terminal the line is redrawn in place; a file or pipe gets a line every tenth.
        boolean terminal = System.console() != null;
        long start = System.nanoTime();
        int[] notAccepted = {0};
        RenewingToken token = RenewingToken.connector(issuer, "freshet-publish", List.of(DirectoryPublisher.SOURCE));
        List<DirectoryPublisher.Published> results = new DirectoryPublisher(SamplePublishing.INGEST, token)
                .publishAll(directory, (done, of, last) -> {
                    if (!last.accepted()) {
                        notAccepted[0]++;
                    }
                    String line = bar.line(done, Duration.ofNanos(System.nanoTime() - start), notAccepted[0]);
                    if (terminal) {
                        out.print("\r" + line + "\u001B[K" + (done == of ? "\n" : "")); // [K: clear what a longer line left
                        out.flush();
                    } else if (bar.worthALine(done)) {
                        out.println(line);
                    }
                });
        return results;
    }

    /** Why publishing cannot work now, or null: ingest-service must be UP. */
    static String stackProblem() {
        try {
            HttpResponse<String> health = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build().send(
                    HttpRequest.newBuilder(URI.create(INGEST_HEALTH)).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            String status = HealthDocument.overallStatus(health.body()).orElse("HTTP " + health.statusCode());
            return status.equals("UP") ? null : "ingest-service is not UP (its health is " + status
                    + "); ./freshet status says more";
        } catch (IOException e) {
            return "no Freshet is running here: nothing answers at " + INGEST_HEALTH + " (ingest-service). Start it with "
                    + "./freshet up";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
