package io.bayesfuse.kernels.measurement;

import io.bayesfuse.kernels.InvalidInputException;
import io.bayesfuse.kernels.InvalidInputException.Problem;
import io.bayesfuse.kernels.motion.StateLayout;

/** Shared layout checks of the measurement models. */
final class Compatibility {

    private Compatibility() {
    }

    static void requireKinematicAxes(String subject, StateLayout layout, int axes, String model) {
        if (!layout.isKinematic()) {
            throw new InvalidInputException(Problem.INCONSISTENT, subject, "measurement",
                    model + " needs a kinematic state (positions per axis) but the motion model has " + layout);
        }
        if (layout.axes() < axes) {
            throw new InvalidInputException(Problem.WRONG_DIMENSION, subject, "measurement",
                    model + " needs at least " + axes + " axes but the motion model has " + layout);
        }
    }
}
