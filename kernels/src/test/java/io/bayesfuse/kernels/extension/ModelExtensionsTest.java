package io.bayesfuse.kernels.extension;

import io.bayesfuse.kernels.InvalidInputException;
import io.bayesfuse.kernels.extension.example.DragModel;
import io.bayesfuse.kernels.filter.ExtendedKalmanFilter;
import io.bayesfuse.kernels.filter.GaussianFilter;
import io.bayesfuse.kernels.filter.UnscentedKalmanFilter;
import io.bayesfuse.kernels.linalg.Matrices;
import io.bayesfuse.kernels.measurement.MeasurementModel;
import io.bayesfuse.kernels.measurement.ReversibleMeasurement;
import io.bayesfuse.kernels.motion.MotionModel;
import io.bayesfuse.kernels.tracking.Detection;
import io.bayesfuse.kernels.tracking.RegionState;
import io.bayesfuse.kernels.tracking.RegionTracker;
import io.bayesfuse.kernels.tracking.Scan;
import io.bayesfuse.kernels.tracking.ScanResult;
import io.bayesfuse.kernels.tracking.TrackReport;
import io.bayesfuse.kernels.tracking.TrackStatus;
import io.bayesfuse.kernels.tracking.TrackingPolicy;
import io.bayesfuse.kernels.tracking.TrackingSensor;
import io.bayesfuse.kernels.tracking.metrics.Gospa;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The example extension (kernels' test sources, registered in META-INF/services) as a user would use it. */
class ModelExtensionsTest {

    private static final ModelExtensions EXTENSIONS = ModelExtensions.load(ModelExtensionsTest.class.getClassLoader());

    @Test
    void serviceLoaderFindsTheExampleProvidersByType() {
        assertThat(EXTENSIONS.motionTypes()).contains("example-drag");
        assertThat(EXTENSIONS.measurementTypes()).contains("example-doppler-radar");
        assertThat(EXTENSIONS.motion("no-such-model")).isNull();
    }

    @Test
    void aMissingOrMalformedParameterIsNamed() {
        MotionModelProvider drag = EXTENSIONS.motion("example-drag");
        assertThatThrownBy(() -> drag.create(new ModelParameters("motion model 'slowing'", Map.of("dragCoefficient", 0.1))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("motion model 'slowing': parameters.spectralDensity is required (given: [dragCoefficient])");
        MeasurementModelProvider radar = EXTENSIONS.measurement("example-doppler-radar");
        assertThatThrownBy(() -> radar.create(new ModelParameters("sensor 'doppler'", Map.of("origin", List.of(1, "x")))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("parameters.origin[1] must be a finite number");
    }

    @Test
    void theNumericalJacobianOfAUserModelMatchesTheChangeOfF() {
        MotionModel model = new DragModel(0.01, 0.1);
        DMatrixRMaj x = Matrices.column(10, 20, -5, 15);
        DMatrixRMaj F = new DMatrixRMaj(4, 4);
        ((io.bayesfuse.kernels.motion.NonlinearMotionModel) model).jacobian(2, x, F);
        // position moves with velocity over the step, less than dt because of drag
        assertThat(F.get(0, 0)).isCloseTo(1, within(1e-9));
        assertThat(F.get(0, 1)).isBetween(1.0, 2.0);
        assertThat(F.get(1, 1)).isBetween(0.0, 1.0);
        DMatrixRMaj Q = new DMatrixRMaj(1, 1);
        model.processNoise(0, Q);
        assertThat(Q.data).containsOnly(0.0);
    }

    /** Two targets slowed by drag, seen by the Doppler radar: the tracker confirms both and follows them. */
    @Test
    void aTrackerRunsUserModelsThroughBothNonlinearFilters() {
        for (String kind : List.of("ekf", "ukf")) {
            MotionModel motion = EXTENSIONS.motion("example-drag").create(new ModelParameters("motion model 'slowing'",
                    Map.of("dragCoefficient", 0.002, "spectralDensity", 0.1)));
            MeasurementModel h = EXTENSIONS.measurement("example-doppler-radar").create(new ModelParameters("sensor 'doppler'",
                    Map.of("origin", List.of(0, 0))));
            GaussianFilter filter = kind.equals("ekf") ? new ExtendedKalmanFilter(motion) : new UnscentedKalmanFilter(motion, 1, 2, 0);
            double[][] R = {{25, 0, 0}, {0, 1e-5, 0}, {0, 0, 0.25}};
            TrackingSensor radar = new TrackingSensor("doppler", (ReversibleMeasurement) h, R, 0.95, 1e-9, motion.layout());
            TrackingPolicy policy = TrackingPolicy.gnn(0.999, new TrackingPolicy.Initiation(3, 4), TrackingPolicy.Deletion.afterMisses(3),
                    TrackingPolicy.Birth.atRest(new double[][]{{100, 0, 0, 0}, {0, 900, 0, 0}, {0, 0, 100, 0}, {0, 0, 0, 900}}),
                    TrackingPolicy.ScanHistory.NONE);
            RegionTracker tracker = new RegionTracker(filter, Map.of("doppler", radar), policy);

            double[][] targets = {{2000, -40, 1000, 10}, {-1500, 30, 2500, -35}};
            DragModel truth = new DragModel(0.002, 0);
            Random random = new Random(1);
            RegionState state = null;
            double localisation = 0;
            int scored = 0;
            for (int k = 0; k < 40; k++) {
                List<Detection> detections = new ArrayList<>();
                double[][] positions = new double[2][];
                for (int t = 0; t < 2; t++) {
                    if (k > 0) {
                        double[] next = new double[4];
                        truth.f(targets[t], 1, next);
                        targets[t] = next;
                    }
                    positions[t] = new double[]{targets[t][0], targets[t][2]};
                    double r = Math.hypot(targets[t][0], targets[t][2]);
                    double rate = (targets[t][0] * targets[t][1] + targets[t][2] * targets[t][3]) / r;
                    detections.add(new Detection(new double[]{r + 5 * random.nextGaussian(),
                            Math.atan2(targets[t][2], targets[t][0]) + 0.00316 * random.nextGaussian(), rate + 0.5 * random.nextGaussian()}, null));
                }
                ScanResult result = tracker.process("sea", state, new Scan("doppler", 1000L * k, detections));
                state = result.state();
                if (k >= 10) {
                    double[][] confirmed = result.reports().stream().filter(r -> r.status() == TrackStatus.CONFIRMED)
                            .map(r -> new double[]{r.x()[0], r.x()[2]}).toArray(double[][]::new);
                    Gospa.Result g = Gospa.standard().between(confirmed, positions);
                    assertThat(g.missed() + g.falseTracks()).as(kind + " scan " + k).isZero();
                    localisation += g.localisation();
                    scored += 2;
                }
            }
            assertThat(localisation / scored).as(kind + ": mean position error (m)").isLessThan(6.0);
            assertThat(tracker.tracks("sea", state)).extracting(TrackReport::trackId).containsExactly("sea/1", "sea/2");
        }
    }
}
