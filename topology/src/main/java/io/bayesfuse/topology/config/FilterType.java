package io.bayesfuse.topology.config;

import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The filter types a configuration names ({@code filter.type}, {@code tracking.filter},
 * {@code imm.modeFilter}), with what each can do. The configuration keeps the name as written;
 * code that acts on the type asks this enum, never compares strings.
 */
public enum FilterType implements SettingValue {
    KF,
    EKF,
    UKF,
    INFORMATION,
    PARTICLE,
    IMM;

    /** The types an IMM's modes may run. */
    public static final Set<FilterType> MODE_FILTERS = EnumSet.of(KF, EKF, UKF);
    /** The types multi-target tracking may run. */
    public static final Set<FilterType> TRACKING_FILTERS = EnumSet.of(KF, EKF, UKF, IMM);

    /** The type named {@code id}, or null when no type has that name (or it is null). */
    public static FilterType of(String id) {
        return SettingValue.of(FilterType.class, id);
    }

    /** The configuration names of {@code types}, in declaration order. */
    public static Set<String> ids(Set<FilterType> types) {
        Set<String> ids = new LinkedHashSet<>();
        for (FilterType t : types) {
            ids.add(t.id());
        }
        return ids;
    }

    /** Every configuration name. */
    public static Set<String> ids() {
        return ids(EnumSet.allOf(FilterType.class));
    }

    /** Whether it is one Gaussian filter (kf, ekf, ukf): the kind whose R can be learned online. */
    public boolean isSingleGaussian() {
        return MODE_FILTERS.contains(this);
    }

    /** Whether it linearises or samples a nonlinear model (ekf, ukf); kf is linear only. */
    public boolean isNonlinear() {
        return this == EKF || this == UKF;
    }

    @Override
    public String toString() {
        return id();
    }
}
