package io.bayesfuse.topology.config;

import java.util.Collection;
import java.util.stream.Collectors;

/** Prints a set of allowed values in a stable order for error messages. */
final class Sorted {

    private Sorted() {
    }

    static String of(Collection<String> values) {
        return values.stream().sorted().collect(Collectors.joining(", ", "[", "]"));
    }
}
