package io.freshet.infra;

import java.util.Optional;

/**
 * Lets an engine child JVM follow its launcher: if the launcher dies without running its shutdown hook (kill -9,
 * a Surefire fork killed on timeout), the engine exits too instead of holding ports and memory forever.
 */
final class ParentWatch {

    private ParentWatch() {
    }

    static void exitWhenParentDies(String engine) {
        String pid = System.getProperty(EngineProcess.PARENT_PID_PROPERTY);
        if (pid == null || pid.isBlank()) {
            return;
        }
        Optional<ProcessHandle> parent = ProcessHandle.of(Long.parseLong(pid.trim()));
        if (parent.isEmpty()) {
            System.err.println("[freshet] launcher " + pid + " is already gone; " + engine + " exits");
            System.exit(1);
        }
        parent.get().onExit().thenRun(() -> {
            System.err.println("[freshet] launcher " + pid + " exited; stopping " + engine);
            // System.exit runs the engine's own shutdown hooks, so it still closes cleanly.
            System.exit(0);
        });
    }
}
