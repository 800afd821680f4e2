package io.bayesfuse.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Sizes and removal of directory trees (state directories). */
public final class Directories {

    private Directories() {
    }

    /** The bytes of the regular files under {@code root}; files vanishing meanwhile (RocksDB compacting) count as empty. */
    public static long size(Path root) {
        if (!Files.exists(root)) {
            return 0;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.mapToLong(Directories::sizeOrZero).sum();
        } catch (IOException | UncheckedIOException e) {
            return 0;   // a directory removed while walking: the size is momentarily unknown
        }
    }

    private static long sizeOrZero(Path path) {
        try {
            return Files.isRegularFile(path) ? Files.size(path) : 0;
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void delete(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("bayesfuse bench: could not delete " + root + ": " + e.getMessage());
        }
    }
}
