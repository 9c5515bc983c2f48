package io.freshet.infra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Publishes the {@code --docs} directory to ingest-service and says which files were not accepted. */
final class SamplePublishing {

    static final String INGEST = "http://127.0.0.1:8081";

    private SamplePublishing() {
    }

    /**
     * The accepted (202) files; none when the directory does not exist, which is not an error.
     *
     * @param connectorToken a connector token granted {@link DirectoryPublisher#SOURCE}
     */
    static List<DirectoryPublisher.Published> publish(Path docs, Supplier<String> connectorToken) {
        if (!Files.isDirectory(docs)) {
            Console.say("No documents published: " + docs + " is not a directory (use --docs DIR).");
            return List.of();
        }
        Console.say("Publishing the files of " + docs + " to " + INGEST + "/v1/documents ...");
        List<DirectoryPublisher.Published> results = new DirectoryPublisher(INGEST, connectorToken).publishAll(docs);
        List<DirectoryPublisher.Published> accepted = new ArrayList<>();
        for (DirectoryPublisher.Published result : results) {
            if (result.accepted()) {
                accepted.add(result);
            } else {
                Console.say("  NOT accepted: " + result.id() + " — " + result.problem());
            }
        }
        Console.say("  " + accepted.size() + " of " + results.size() + " files accepted (202)");
        return accepted;
    }
}
