package io.bayesfuse.topology.config;

import io.bayesfuse.kernels.InvalidInputException;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects configuration problems while a configuration is validated, so that start-up reports
 * all of them at once, each with the path of its setting.
 */
public final class Problems {

    private final List<String> problems = new ArrayList<>();

    /** Records that the setting at {@code path} is wrong, e.g. {@code add("filter.type", "is 'xkf', ...")}. */
    public void add(String path, String problem) {
        problems.add(path + ": " + problem);
    }

    /** Records a problem when {@code value} is null. @return true when the value is present */
    public boolean requirePresent(String path, Object value) {
        if (value == null) {
            add(path, "is required");
            return false;
        }
        return true;
    }

    /**
     * Parses the name {@code value} of setting {@code path} as one of {@code type}'s values, recording a
     * problem that lists the allowed names when it is none of them.
     *
     * @return the value, or null when {@code value} is null or names none
     */
    public <E extends Enum<E> & SettingValue> E requireOneOf(String path, String value, Class<E> type) {
        E parsed = SettingValue.of(type, value);
        if (value != null && parsed == null) {
            add(path, "is '" + value + "', expected one of " + Sorted.of(SettingValue.ids(type)));
        }
        return parsed;
    }

    /**
     * Runs one of the kernels' checks of a setting (the helper the kernel's constructor also calls, so a
     * setting is validated by one piece of code) and records its complaint under {@code path}.
     *
     * @return true when the setting passed
     */
    public boolean check(String path, Runnable kernelCheck) {
        try {
            kernelCheck.run();
            return true;
        } catch (InvalidInputException e) {
            add(path, e.detail());
            return false;
        }
    }

    /**
     * Like {@link #check(String, Runnable)}, for a kernel check whose field names are the names of the
     * settings under {@code section}: its complaint is recorded under {@code section.<field>}, e.g.
     * {@code filter.imm.transition[0]} for the IMM's check of the transition matrix.
     *
     * @return true when the settings passed
     */
    public boolean checkIn(String section, Runnable kernelCheck) {
        try {
            kernelCheck.run();
            return true;
        } catch (InvalidInputException e) {
            add(section + "." + e.field(), e.detail());
            return false;
        }
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    /** Throws a {@link ConfigException} listing every recorded problem, if there is any. */
    public void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }
}
