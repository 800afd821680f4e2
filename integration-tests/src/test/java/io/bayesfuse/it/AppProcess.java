package io.bayesfuse.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A {@code bayesfuse} command in a child JVM (the test's class path), as a user runs it: its
 * standard output is collected line by line, its error output goes to a file, and it is stopped
 * with a signal.
 */
final class AppProcess implements AutoCloseable {

    private final Process process;
    private final Path stderr;
    private final List<String> lines = new ArrayList<>();

    private AppProcess(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    synchronized (lines) {
                        lines.add(line);
                        lines.notifyAll();
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "app-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    static AppProcess start(Path workDirectory, Map<String, String> environment, String... arguments) throws IOException {
        return start(workDirectory, environment, List.of(), arguments);
    }

    /**
     * With the logging a user gets: the application's own {@code logback.xml}, not the tests'
     * {@code logback-test.xml} that the test class path would otherwise choose.
     */
    static AppProcess startAsShipped(Path workDirectory, String... arguments) throws IOException {
        return start(workDirectory, Map.of(), List.of("-Dlogback.configurationFile=logback.xml"), arguments);
    }

    private static AppProcess start(Path workDirectory, Map<String, String> environment, List<String> jvmOptions,
                                    String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        command.addAll(jvmOptions);
        command.addAll(List.of(
                "-cp", System.getProperty("java.class.path"),
                "io.bayesfuse.app.BayesfuseCommand"));
        command.addAll(List.of(arguments));
        Path stderr = Files.createTempFile(workDirectory, arguments[0] + "-", ".stderr");
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr.toFile());
        builder.environment().putAll(environment);
        return new AppProcess(builder.start(), stderr);
    }

    /** The first output line starting with {@code prefix} (the rest of it), waiting up to {@code timeout}. */
    String awaitLine(String prefix, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lines) {
            while (true) {
                for (String line : lines) {
                    if (line.startsWith(prefix)) {
                        return line.substring(prefix.length());
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || (!process.isAlive() && lines.stream().noneMatch(l -> l.startsWith(prefix)))) {
                    if (!process.isAlive()) {
                        Thread.sleep(200);   // let the reader drain the last lines
                        for (String line : lines) {
                            if (line.startsWith(prefix)) {
                                return line.substring(prefix.length());
                            }
                        }
                    }
                    throw new AssertionError("no output line starting with '" + prefix + "' within " + timeout
                            + "; alive=" + process.isAlive() + ", stdout=" + lines + ", stderr:\n" + errorOutput());
                }
                lines.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        }
    }

    List<String> output() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** Sends a signal (TERM, INT) and returns the exit status. */
    int stopWith(String signal, Duration timeout) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new AssertionError("kill -" + signal + " " + process.pid() + " failed");
        }
        return awaitExit(timeout);
    }

    int awaitExit(Duration timeout) throws Exception {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the process did not end within " + timeout + "; stderr:\n" + errorOutput());
        }
        Thread.sleep(100);
        return process.exitValue();
    }

    String errorOutput() throws IOException {
        return Files.readString(stderr);
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            try {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
