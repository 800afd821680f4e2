package io.bayesfuse.topology;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The reference scenarios (FORMAT.md), read as JSON lines. */
public final class ReferenceScenarios {

    public static final Path ROOT = Path.of(System.getProperty("bayesfuse.reference.dir", "../reference"));
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReferenceScenarios() {
    }

    /** The scenario folders whose configuration has the given top-level section ("filter" or "fusion"). */
    public static List<Path> withSection(String section) {
        try (Stream<Path> dirs = Files.list(ROOT)) {
            List<Path> found = dirs.filter(d -> Files.isRegularFile(d.resolve("config.yaml")))
                    .filter(d -> {
                        try {
                            return Files.readAllLines(d.resolve("config.yaml")).stream().anyMatch(l -> l.startsWith(section + ":"));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }).sorted().toList();
            if (found.isEmpty()) {
                throw new IllegalStateException("no reference scenario with a '" + section + "' section under " + ROOT.toAbsolutePath());
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<JsonNode> lines(Path file) {
        try {
            List<JsonNode> lines = new ArrayList<>();
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank()) {
                    lines.add(JSON.readTree(line));
                }
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static double[] doubles(JsonNode array) {
        double[] a = new double[array.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = array.get(i).asDouble();
        }
        return a;
    }

    public static double[][] matrix(JsonNode rows) {
        double[][] m = new double[rows.size()][];
        for (int i = 0; i < m.length; i++) {
            m[i] = doubles(rows.get(i));
        }
        return m;
    }
}
