package io.bayesfuse.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@code bayesfuse stack} as a child JVM (the command's main class on this test's class path), the
 * way a user runs it: its {@code key=value} address lines are read from standard output, its
 * standard error goes to a file.
 */
final class StackProcess implements AutoCloseable {

    private final Process process;
    private final Path stderr;
    private final Map<String, String> addresses = new HashMap<>();

    private StackProcess(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
    }

    static StackProcess start(Path workDirectory, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // a short-lived JVM: quick JIT and a small heap start faster on a busy 2-core machine
                "-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"),
                "io.bayesfuse.app.BayesfuseCommand", "stack"));
        command.addAll(List.of(arguments));
        Path stderr = Files.createTempFile(workDirectory, "stack-", ".stderr");
        Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        return new StackProcess(process, stderr);
    }

    /** Waits for the two address lines; fails with the process's error output if they do not come. */
    StackProcess awaitAddresses(Duration timeout) throws Exception {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "stack-stdout");
        reader.setDaemon(true);
        reader.start();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!(addresses.containsKey("bootstrap.servers") && addresses.containsKey("schema.registry.url"))) {
            String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new AssertionError("bayesfuse stack printed no addresses within " + timeout + "; alive="
                        + process.isAlive() + ", stderr:\n" + errorOutput());
            }
            int eq = line.indexOf('=');
            if (eq > 0) {
                addresses.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return this;
    }

    String bootstrapServers() {
        return addresses.get("bootstrap.servers");
    }

    String registryUrl() {
        return addresses.get("schema.registry.url");
    }

    /** Sends a signal (TERM, INT) and returns the exit status. */
    int stopWith(String signal, Duration timeout) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new AssertionError("kill -" + signal + " " + process.pid() + " failed");
        }
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError("bayesfuse stack did not stop within " + timeout + " of SIG" + signal
                    + "; stderr:\n" + errorOutput());
        }
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
