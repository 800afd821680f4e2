package io.bayesfuse.schemas;

import org.apache.avro.Schema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The released versions of a topic schema, kept as {@code schema-history/<Record>/v<N>.avsc}
 * under the test resources. A contract change adds a version; versions are never edited.
 */
public final class SchemaHistory {

    static final Path ROOT = Path.of("src/test/resources/schema-history");
    private static final Pattern VERSION_FILE = Pattern.compile("v(\\d+)\\.avsc");

    private SchemaHistory() {
    }

    /** The released versions of {@code recordName}, oldest first. */
    public static List<Schema> versions(String recordName) {
        Path dir = ROOT.resolve(recordName);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> sorted = files.filter(f -> VERSION_FILE.matcher(f.getFileName().toString()).matches())
                    .sorted((a, b) -> Integer.compare(number(a), number(b))).toList();
            List<Schema> schemas = new ArrayList<>();
            for (Path file : sorted) {
                schemas.add(new Schema.Parser().parse(Files.readString(file)));
            }
            return schemas;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code schema} as the next version of its record and returns the file. */
    static Path addVersion(Schema schema) {
        Path dir = ROOT.resolve(schema.getName());
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve("v" + (versions(schema.getName()).size() + 1) + ".avsc");
            Files.writeString(file, schema.toString(true) + "\n");
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int number(Path file) {
        Matcher m = VERSION_FILE.matcher(file.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalArgumentException(file.toString());
        }
        return Integer.parseInt(m.group(1));
    }
}
