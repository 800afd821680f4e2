package io.bayesfuse.kernels.extension.example;

import io.bayesfuse.kernels.extension.MeasurementModelProvider;
import io.bayesfuse.kernels.extension.ModelParameters;
import io.bayesfuse.kernels.extension.MotionModelProvider;
import io.bayesfuse.kernels.measurement.MeasurementModel;
import io.bayesfuse.kernels.motion.MotionModel;

/**
 * The providers that make the example models available to the configuration, registered in
 * {@code META-INF/services}:
 * <pre>
 * motionModels:
 *   slowing: {type: example-drag, parameters: {dragCoefficient: 0.002, spectralDensity: 0.1}}
 * sensors:
 *   doppler: {measurement: {type: example-doppler-radar, parameters: {origin: [0, 0]}}, R: [[25,0,0],[0,1e-5,0],[0,0,0.25]]}
 * </pre>
 */
public final class ExampleModels {

    private ExampleModels() {
    }

    /** {@code type: example-drag}, parameters {@code dragCoefficient} (1/m) and {@code spectralDensity} (m²/s³). */
    public static final class Drag implements MotionModelProvider {

        @Override
        public String type() {
            return "example-drag";
        }

        @Override
        public MotionModel create(ModelParameters parameters) {
            return new DragModel(parameters.number("dragCoefficient"), parameters.number("spectralDensity"));
        }
    }

    /** {@code type: example-doppler-radar}, parameter {@code origin: [x, y]}. */
    public static final class Doppler implements MeasurementModelProvider {

        @Override
        public String type() {
            return "example-doppler-radar";
        }

        @Override
        public MeasurementModel create(ModelParameters parameters) {
            double[] origin = parameters.vector("origin");
            if (origin.length != 2) {
                throw new io.bayesfuse.kernels.InvalidInputException(io.bayesfuse.kernels.InvalidInputException.Problem.WRONG_DIMENSION,
                        parameters.subject(), "parameters.origin", "has " + origin.length + " components, expected 2");
            }
            return new DopplerRadar(origin[0], origin[1]);
        }
    }
}
