package io.bayesfuse.topology.assembly;

import io.bayesfuse.kernels.InvalidInputException;

/**
 * Turns the kernels' complaints about a setting ({@link InvalidInputException}: subject, field,
 * detail) into the configuration's words: the setting's path and what is wrong with it.
 */
public final class SettingErrors {

    private SettingErrors() {
    }

    /**
     * The configuration setting an {@link InvalidInputException} from a sensor's kernels
     * corresponds to: R stays R, a measurement model's own fields (H, components, priorCovariance,
     * priorMean) live under {@code measurement}.
     */
    public static String settingOf(InvalidInputException ex) {
        if (ex.field().startsWith("adaptation")) {
            return ex.field();
        }
        return switch (ex.field()) {
            case "R", "measurement", "F", "Q" -> ex.field();
            default -> "measurement." + ex.field();
        };
    }

    /** The part of the message after "subject: field ". */
    public static String detailOf(InvalidInputException ex) {
        String prefix = ex.subject() + ": " + ex.field() + " ";
        String message = ex.getMessage();
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }
}
