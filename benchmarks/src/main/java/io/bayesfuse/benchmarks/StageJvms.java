package io.bayesfuse.benchmarks;

import io.bayesfuse.app.BayesfuseCommand;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs each stage of a pipeline benchmark in a JVM of its own ({@code bench pipeline} with that
 * one stage, against this process's cluster), as a deployment runs each stage: the stage, its
 * Kafka clients and its JVM warm-up have the JIT compiler to themselves. In one JVM, each stage
 * recompiles the Kafka client code the previous stage's profile shaped, during its measurement.
 * The child JVMs get this JVM's options (but a flight recording or a debugger agent) and class path.
 */
final class StageJvms {

    private final BenchStack stack;
    private final PipelineOptions options;
    private final PrintWriter progress;

    StageJvms(BenchStack stack, PipelineOptions options, PrintWriter progress) {
        this.stack = stack;
        this.options = options;
        this.progress = progress;
    }

    List<StageResult> run(List<Stage> stages) throws InterruptedException {
        List<StageResult> results = new ArrayList<>();
        for (Stage stage : stages) {
            results.add(run(stage));
        }
        return results;
    }

    private StageResult run(Stage stage) throws InterruptedException {
        List<String> command = command(stage);
        progress.println(stage + ": in a JVM of its own");
        Process process;
        try {
            process = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a JVM for the stage " + stage + ": " + e.getMessage(), e);
        }
        AtomicReference<String> lastError = new AtomicReference<>("");
        Thread errors = new Thread(() -> forward(process.getErrorStream(), stage, lastError), "bench-" + stage + "-stderr");
        errors.start();
        String jsonLine = null;
        try (BufferedReader out = reader(process.getInputStream())) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("{")) {
                    jsonLine = line;
                }
            }
        } catch (IOException e) {
            process.destroyForcibly();
            throw new UncheckedIOException("cannot read the output of the stage " + stage + "'s JVM", e);
        } finally {
            int status = process.waitFor();
            errors.join();
            if (status != 0) {
                throw new IllegalStateException(stage + " (in a JVM of its own) exited with status " + status + ": "
                        + lastError.get());
            }
        }
        if (jsonLine == null) {
            throw new IllegalStateException(stage + " (in a JVM of its own) printed no result");
        }
        return BenchReport.stageResult(jsonLine, stage);
    }

    /** {@code java <this JVM's options> -cp <this class path> <bayesfuse> bench pipeline <the options> --stages <stage>}. */
    List<String> command(Stage stage) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!option.startsWith("-XX:StartFlightRecording") && !option.startsWith("-agentlib:jdwp")) {
                command.add(option);
            }
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), BayesfuseCommand.class.getName(), "bench",
                "pipeline"));
        command.addAll(options.arguments(stage));
        command.addAll(List.of("--bootstrap", stack.bootstrapServers(), "--registry", stack.registryUrl()));
        return command;
    }

    /** Copies the child's progress lines to ours, each line prefixed with the stage; keeps the last one for a failure. */
    private void forward(InputStream stream, Stage stage, AtomicReference<String> last) {
        try (BufferedReader err = reader(stream)) {
            for (String line = err.readLine(); line != null; line = err.readLine()) {
                last.set(line);
                synchronized (progress) {
                    progress.println("  [" + stage + " JVM] " + line);
                    progress.flush();
                }
            }
        } catch (IOException e) {
            last.set("its error output could not be read: " + e.getMessage());
        }
    }

    private static BufferedReader reader(InputStream stream) {
        return new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
    }
}
