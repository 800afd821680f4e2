package io.bayesfuse.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time this JVM spent, and the part of it its JIT compiler threads spent. In the pipeline
 * benchmark the compilers never fall quiet within a run: the broker, the clients and Kafka Streams
 * are one large body of code whose rarely called methods (per request, per commit) keep reaching
 * their compile thresholds for minutes, and a compilation of one of them costs tenths of a second
 * (seen: the compiler threads at 0.5 to 0.6 of a core through measured windows, after 400,000
 * warm-up records). The CPU time without the compilers, per record, compares two stages' work
 * without that noise.
 *
 * @param processSeconds  CPU time of the whole process (all threads, user and system)
 * @param compilerSeconds CPU time of the JIT compiler threads, or 0 where it cannot be read (not Linux)
 */
public record CpuTime(double processSeconds, double compilerSeconds) {

    /** Linux's clock ticks per second for /proc times (USER_HZ, 100 on every Linux ABI). */
    private static final double TICKS_PER_SECOND = 100;

    /** The CPU time this process has spent so far. */
    public static CpuTime now() {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return new CpuTime(os.getProcessCpuTime() / 1e9, compilerTicks() / TICKS_PER_SECOND);
    }

    /** This minus an earlier reading: the CPU time spent in between. */
    public CpuTime since(CpuTime earlier) {
        return new CpuTime(processSeconds - earlier.processSeconds, compilerSeconds - earlier.compilerSeconds);
    }

    /** CPU time without the JIT compilers'. */
    public double workSeconds() {
        return processSeconds - compilerSeconds;
    }

    /**
     * User and system ticks of the threads HotSpot names "C1 CompilerThread…" and "C2 CompilerThread…"
     * (fields 14 and 15 of /proc/self/task/<tid>/stat, after the parenthesised name); 0 where /proc is missing.
     * A compiler thread that exits between two readings takes its ticks with it (HotSpot starts and stops
     * them with the compile queue), so the figure can be low, never high.
     */
    static long compilerTicks() {
        long ticks = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                ticks += compilerTicks(task.resolve("stat"));
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return ticks;
    }

    private static long compilerTicks(Path stat) {
        String line;
        try {
            line = Files.readString(stat);
        } catch (IOException e) {
            return 0;   // the thread ended while we listed the others
        }
        return compilerTicks(line);
    }

    /** A stat line's user plus system ticks when its thread is a compiler thread, else 0. */
    static long compilerTicks(String statLine) {
        int open = statLine.indexOf('(');
        int close = statLine.lastIndexOf(')');
        String name = statLine.substring(open + 1, close);
        if (!name.startsWith("C1 CompilerThre") && !name.startsWith("C2 CompilerThre")) {
            return 0;
        }
        String[] fields = statLine.substring(close + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);   // utime, stime: fields 14 and 15 of the line
    }
}
