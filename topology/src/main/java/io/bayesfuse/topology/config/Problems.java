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
