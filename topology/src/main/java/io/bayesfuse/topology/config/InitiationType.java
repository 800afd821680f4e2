package io.bayesfuse.topology.config;

/**
 * How tentative tracks are confirmed ({@code tracking.initiation.type}): M-of-N, m hits in a track's
 * first n scans (the only rule so far).
 */
public enum InitiationType implements SettingValue {
    M_OF_N;

    @Override
    public String toString() {
        return id();
    }
}
