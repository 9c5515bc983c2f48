package io.freshet.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Watches the pipeline's processes through /proc (Linux): the peak resident set of each (the kernel's VmHWM, sampled
 * every second so the figure survives the process), and CPU seconds used per phase of the run, which shows where the
 * time goes.
 */
public final class ProcessMonitor implements AutoCloseable {

    /** Linux reports CPU time in clock ticks; 100 per second on every common kernel configuration. */
    private static final double TICKS_PER_SECOND = 100.0;

    private final Map<String, Long> pids = new ConcurrentHashMap<>();
    private final Map<String, Long> peakRssKib = new ConcurrentHashMap<>();
    private final Map<String, Long> lastCpuTicks = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Long>> phaseStartTicks = new LinkedHashMap<>();
    private final Map<String, Map<String, Double>> cpuSecondsByPhase = new LinkedHashMap<>();
    private final Map<String, Double> wallSecondsByPhase = new LinkedHashMap<>();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "bench-process-monitor");
        thread.setDaemon(true);
        return thread;
    });
    private String currentPhase;
    private long phaseStartNanos;

    public ProcessMonitor() {
        sampler.scheduleAtFixedRate(this::sample, 0, 1, TimeUnit.SECONDS);
    }

    public void watch(String name, long pid) {
        pids.put(name, pid);
        sampleOne(name, pid);
    }

    /** Ends the current phase (if any) and starts {@code phase}: CPU used in between is charged to the old one. */
    public synchronized void phase(String phase) {
        sample();
        long now = System.nanoTime();
        if (currentPhase != null) {
            Map<String, Double> used = new LinkedHashMap<>();
            Map<String, Long> start = phaseStartTicks.get(currentPhase);
            lastCpuTicks.forEach((name, ticks) -> used.put(name,
                    Report.round((ticks - start.getOrDefault(name, 0L)) / TICKS_PER_SECOND, 1)));
            cpuSecondsByPhase.put(currentPhase, used);
            wallSecondsByPhase.put(currentPhase, Report.round((now - phaseStartNanos) / 1e9, 1));
        }
        currentPhase = phase;
        phaseStartNanos = now;
        if (phase != null) {
            phaseStartTicks.put(phase, new LinkedHashMap<>(lastCpuTicks));
        }
    }

    /** Peak resident set in MiB by process name. */
    public Map<String, Double> peakRssMib() {
        sample();
        Map<String, Double> peaks = new LinkedHashMap<>();
        pids.keySet().forEach(name -> peaks.put(name, Report.round(peakRssKib.getOrDefault(name, 0L) / 1024.0, 0)));
        return peaks;
    }

    /** CPU seconds the watched process {@code name} has used so far (sampled now); 0 for a name never watched. */
    public double cpuSeconds(String name) {
        Long pid = pids.get(name);
        if (pid != null) {
            sampleOne(name, pid);
        }
        return lastCpuTicks.getOrDefault(name, 0L) / TICKS_PER_SECOND;
    }

    public synchronized Map<String, Map<String, Double>> cpuSecondsByPhase() {
        return new LinkedHashMap<>(cpuSecondsByPhase);
    }

    public synchronized Map<String, Double> wallSecondsByPhase() {
        return new LinkedHashMap<>(wallSecondsByPhase);
    }

    private void sample() {
        pids.forEach(this::sampleOne);
    }

    private void sampleOne(String name, long pid) {
        Path proc = Path.of("/proc", Long.toString(pid));
        try {
            for (String line : Files.readAllLines(proc.resolve("status"))) {
                if (line.startsWith("VmHWM:") || line.startsWith("VmRSS:")) {
                    long kib = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    peakRssKib.merge(name, kib, Math::max);
                }
            }
            String stat = Files.readString(proc.resolve("stat"));
            // Fields after the command name (which may hold spaces, hence the last ')'): utime is the 12th, stime the 13th.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            lastCpuTicks.merge(name, ticks, Math::max);
        } catch (IOException | RuntimeException e) {
            // the process has exited (or this is not Linux): keep the last figures
        }
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
