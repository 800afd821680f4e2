package io.bayesfuse.kernels.fusion.state;

import java.util.List;
import java.util.Objects;

/**
 * One source's part of a {@link FusionState}: its id, its newest accepted version and the arrays
 * its rule keeps for it (what they mean is documented by each rule's {@code exportState}).
 */
public record SourceEntry(String sourceId, long version, List<double[]> arrays) {

    public SourceEntry {
        Objects.requireNonNull(sourceId, "sourceId");
        arrays = List.copyOf(arrays);
    }

    /** The same entry with another version. */
    public SourceEntry withVersion(long newVersion) {
        return new SourceEntry(sourceId, newVersion, arrays);
    }
}
