package io.bayesfuse.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs {@code bayesfuse replay} in-process and reads JSON lines. */
final class ReplayRunner {

    static final ObjectMapper JSON = new ObjectMapper();

    record Run(int exitCode, List<JsonNode> output, String stderr) {
    }

    private ReplayRunner() {
    }

    static Run replay(Path config, Path input, Path output) throws IOException {
        StringWriter err = new StringWriter();
        int code = BayesfuseCommand.commandLine()
                .setErr(new PrintWriter(err, true))
                .execute("replay", "--config", config.toString(), "--input", input.toString(), "--output", output.toString());
        List<JsonNode> lines = Files.exists(output) ? readLines(output) : List.of();
        return new Run(code, lines, err.toString());
    }

    static List<JsonNode> readLines(Path file) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank()) {
                lines.add(JSON.readTree(line));
            }
        }
        return lines;
    }
}
