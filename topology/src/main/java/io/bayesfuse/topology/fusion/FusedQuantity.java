package io.bayesfuse.topology.fusion;

import io.bayesfuse.kernels.fusion.state.FusionState;
import io.bayesfuse.kernels.codec.FusionStateCodec;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What the fusion stage stores per quantity ({@code BayesfuseTopology.QUANTITY_STORE}): the kernels'
 * fusion state (every source's contribution, the running aggregates, versions and retractions), the
 * fingerprint of the rule configuration that built it, and each known source's clock.
 *
 * <p>A value read from the store decodes its fusion state only when asked: a sweep for silent
 * sources reads the clocks of many quantities and the state of few (a Fisher state of a model with
 * millions of parameters is tens of megabytes).
 */
public final class FusedQuantity {

    private final String fingerprint;
    private final Map<String, SourceClock> clocks;
    private FusionState state;
    private byte[] encodedState;

    /**
     * @param fingerprint the rule configuration that built the state ({@link io.bayesfuse.topology.assembly.FusionRuleFactory#fingerprint()})
     * @param clocks      the clocks of the contributing and the retracted sources
     * @param state       the kernels' fusion state
     */
    public FusedQuantity(String fingerprint, Map<String, SourceClock> clocks, FusionState state) {
        this.fingerprint = Objects.requireNonNull(fingerprint, "fingerprint");
        this.clocks = Collections.unmodifiableMap(new TreeMap<>(clocks));
        this.state = Objects.requireNonNull(state, "state");
    }

    /** A stored value whose state is decoded on first use. */
    static FusedQuantity encoded(String fingerprint, Map<String, SourceClock> clocks, byte[] encodedState) {
        return new FusedQuantity(fingerprint, clocks, encodedState);
    }

    private FusedQuantity(String fingerprint, Map<String, SourceClock> clocks, byte[] encodedState) {
        this.fingerprint = fingerprint;
        this.clocks = Collections.unmodifiableMap(new TreeMap<>(clocks));
        this.encodedState = encodedState;
    }

    public String fingerprint() {
        return fingerprint;
    }

    /** The sources' clocks, sorted by source id. */
    public Map<String, SourceClock> clocks() {
        return clocks;
    }

    /**
     * The kernels' fusion state.
     *
     * @throws IllegalArgumentException when the stored bytes are not a fusion state this build reads
     */
    public FusionState state() {
        if (state == null) {
            state = FusionStateCodec.decode(encodedState);
            encodedState = null;
        }
        return state;
    }

    /** The state in the kernels' codec. */
    byte[] encodedState() {
        return encodedState != null ? encodedState : FusionStateCodec.encode(state);
    }
}
