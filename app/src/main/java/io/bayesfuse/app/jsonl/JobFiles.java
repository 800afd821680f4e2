package io.bayesfuse.app.jsonl;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * The three files of an offline JSON-lines job ({@code replay}, {@code fuse}, {@code track}): the
 * configuration, the input and the output. A picocli mixin; each command's usage says what its
 * input and output lines hold.
 */
public final class JobFiles {

    @Option(names = "--config", required = true, paramLabel = "FILE",
            description = "the YAML configuration (the section of this command's stage is used)")
    public Path config;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "the input records, one JSON object per line")
    public Path input;

    @Option(names = "--output", required = true, paramLabel = "FILE",
            description = "where to write the results, one JSON object per line (replaced)")
    public Path output;
}
