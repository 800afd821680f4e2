package io.bayesfuse.kernels.extension;

import io.bayesfuse.kernels.measurement.MeasurementModel;

/**
 * Makes a user's measurement model. Implementations are found with {@link java.util.ServiceLoader}:
 * list the class in {@code META-INF/services/io.bayesfuse.kernels.extension.MeasurementModelProvider}
 * of a jar on the application's class path, and configure {@code sensors.<id>.measurement: {type:
 * <type()>, parameters: {...}}}. The model is usually a {@link UserMeasurementModel} (h(x), an
 * optional Jacobian); a tracking sensor's model must also implement
 * {@link io.bayesfuse.kernels.measurement.ReversibleMeasurement} (where a detection is, to start a
 * track there).
 */
public interface MeasurementModelProvider {

    /** The configuration's {@code type} this provider answers; it may not be a built-in type. */
    String type();

    /**
     * A new model.
     *
     * @throws io.bayesfuse.kernels.InvalidInputException naming a parameter that is missing or wrong
     */
    MeasurementModel create(ModelParameters parameters);
}
