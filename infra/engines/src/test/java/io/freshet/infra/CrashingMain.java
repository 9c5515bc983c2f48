package io.freshet.infra;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A process for {@link ProcessSupervisorTest}: counts its runs in a file, exits with code 3 on its first
 * {@code crashes} runs, and stays up after that until it is stopped. JDK-only, so its child JVM starts quickly.
 */
public final class CrashingMain {

    static final int EXIT_CODE = 3;

    private CrashingMain() {
    }

    /** Arguments: the run counter file, how many runs crash. */
    public static void main(String[] args) throws Exception {
        Path runs = Path.of(args[0]);
        int crashes = Integer.parseInt(args[1]);
        Files.writeString(runs, "run\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        int run = Files.readAllLines(runs, StandardCharsets.UTF_8).size();
        if (run <= crashes) {
            System.out.println("run " + run + ": exiting with " + EXIT_CODE + " on purpose");
            System.exit(EXIT_CODE);
        }
        System.out.println("run " + run + ": staying up");
        Thread.sleep(Long.MAX_VALUE);
    }
}
