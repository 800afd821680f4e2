package io.bayesfuse.app.jsonl;

import io.bayesfuse.kernels.InvalidInputException;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The loop of the offline commands ({@code replay}, {@code fuse}): every line of the input is handed
 * to a handler that writes its output lines. A bad line does not stop the run, as a bad record does not
 * stop the stream: it is reported on standard error as {@code line N: problem (skipped)} and the other
 * lines are processed.
 */
public final class JsonLinesJob {

    /** Exit status: every line processed. */
    public static final int OK = 0;
    /** Exit status: some lines skipped as bad. */
    public static final int SKIPPED_LINES = 1;
    /** Exit status: the configuration or the files cannot be used. */
    public static final int UNUSABLE = 2;

    /** Handles one non-blank input line. */
    @FunctionalInterface
    public interface LineHandler {
        void handle(int lineNumber, String text, BufferedWriter out) throws BadLineException, IOException;
    }

    private JsonLinesJob() {
    }

    /** Runs {@code handler} over every line of {@code input}, writing {@code output}; returns the exit status. */
    public static int run(String command, Path input, Path output, PrintWriter err, LineHandler handler) {
        int lines = 0;
        int skipped = 0;
        if (!Files.isRegularFile(input)) {
            err.println("bayesfuse " + command + ": the input file '" + input + "' "
                    + (Files.exists(input) ? "is not a file" : "does not exist"));
            return UNUSABLE;
        }
        Path outputDirectory = output.toAbsolutePath().getParent();
        if (outputDirectory != null && !Files.isDirectory(outputDirectory)) {
            err.println("bayesfuse " + command + ": the output file '" + output + "' cannot be written: the directory '"
                    + outputDirectory + "' does not exist");
            return UNUSABLE;
        }
        try (BufferedReader in = Files.newBufferedReader(input, StandardCharsets.UTF_8);
             BufferedWriter out = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
            String text;
            while ((text = in.readLine()) != null) {
                lines++;
                if (text.isBlank()) {
                    continue;
                }
                try {
                    handler.handle(lines, text, out);
                } catch (BadLineException | InvalidInputException e) {
                    skipped++;
                    err.println("line " + lines + ": " + e.getMessage() + " (skipped)");
                }
            }
        } catch (IOException e) {
            err.println("bayesfuse " + command + ": reading '" + input + "' or writing '" + output + "' failed"
                    + (lines > 0 ? " at line " + lines : "") + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
            return UNUSABLE;
        }
        err.flush();
        if (skipped > 0) {
            err.println("bayesfuse " + command + ": " + skipped + " of " + lines + " lines skipped");
            return SKIPPED_LINES;
        }
        return OK;
    }
}
