package io.bayesfuse.app.fuse;

import io.bayesfuse.app.BayesfuseCommand;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Runs {@code bayesfuse fuse} in-process and captures what it printed. */
record FuseRunner(int exitCode, List<String> output, String stderr) {

    static FuseRunner run(Path config, Path input, Path output) throws Exception {
        CommandLine cl = BayesfuseCommand.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute("fuse", "--config", config.toString(), "--input", input.toString(), "--output", output.toString());
        List<String> lines = Files.exists(output) ? Files.readAllLines(output) : List.of();
        return new FuseRunner(code, lines, err.toString());
    }

    static FuseRunner run(Path dir, String configYaml, String... inputLines) throws Exception {
        Path config = Files.writeString(dir.resolve("config.yaml"), configYaml);
        Path input = Files.write(dir.resolve("input.jsonl"), List.of(inputLines));
        return run(config, input, dir.resolve("output.jsonl"));
    }
}
