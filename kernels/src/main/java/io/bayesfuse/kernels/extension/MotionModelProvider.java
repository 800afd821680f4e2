package io.bayesfuse.kernels.extension;

import io.bayesfuse.kernels.motion.MotionModel;

/**
 * Makes a user's motion model. Implementations are found with {@link java.util.ServiceLoader}: list
 * the class in {@code META-INF/services/io.bayesfuse.kernels.extension.MotionModelProvider} of a jar
 * on the application's class path, and configure {@code motionModels.<id>: {type: <type()>,
 * parameters: {...}}}. The model is usually a {@link UserMotionModel} (f(x, dt), Q(dt), an optional
 * Jacobian) or any {@link MotionModel}.
 */
public interface MotionModelProvider {

    /** The configuration's {@code type} this provider answers; it may not be a built-in type. */
    String type();

    /**
     * A new model (each filter gets its own instance: models may keep work arrays).
     *
     * @throws io.bayesfuse.kernels.InvalidInputException naming a parameter that is missing or wrong
     */
    MotionModel create(ModelParameters parameters);
}
