package io.bayesfuse.kernels.tracking;

import io.bayesfuse.kernels.filter.KalmanFilter;
import io.bayesfuse.kernels.filter.UpdateResult;
import io.bayesfuse.kernels.linalg.Matrices;
import io.bayesfuse.kernels.measurement.PositionMeasurement;
import io.bayesfuse.kernels.motion.ContinuousWhiteNoise;
import io.bayesfuse.kernels.motion.KinematicModel;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class InnovationsTest {

    /** The sorted index skips only detections that cannot be in the gate: the result is the full check's. */
    @Test
    void gatingThroughTheIndexFindsExactlyTheDetectionsAFullNisCheckFinds() {
        KinematicModel cv = KinematicModel.constantVelocity(2, new ContinuousWhiteNoise(0.5));
        KalmanFilter filter = new KalmanFilter(cv);
        TrackingSensor sensor = new TrackingSensor("radar", new PositionMeasurement(2), new double[][]{{9, 2}, {2, 16}}, 0.9, 1e-6,
                cv.layout());
        Random random = new Random(12);
        Innovations innovations = new Innovations();
        double threshold = 13.8;
        int gatedSomething = 0;
        for (int trial = 0; trial < 200; trial++) {
            filter.initialise(Matrices.column(0, 3, 0, -2), Matrices.of(new double[][]{
                    {50, 5, 10, 0}, {5, 20, 0, 0}, {10, 0, 80, 3}, {0, 0, 3, 10}}), 0);
            filter.predict(1 + random.nextDouble());
            List<Detection> detections = new ArrayList<>();
            for (int j = 0; j < 60; j++) {
                double[] z = {30 * random.nextGaussian(), 30 * random.nextGaussian()};
                detections.add(j % 10 == 0 ? new Detection(z, new double[][]{{100, 0}, {0, 100}}) : Detection.at(z));
            }
            Innovations.Gated gated = innovations.gate(filter, sensor, detections, DetectionIndex.of(detections), threshold);
            List<Integer> expected = new ArrayList<>();
            for (int j = 0; j < detections.size(); j++) {
                Detection d = detections.get(j);
                DMatrixRMaj R = d.R() == null ? sensor.R() : Matrices.of(d.R());
                UpdateResult r = filter.update(sensor.model(), Matrices.column(d.z()), R, (nis, dof) -> false);
                if (r.nis() <= threshold) {
                    expected.add(j);
                }
            }
            assertThat(gated.detections()).as("trial %d", trial).containsExactly(expected.stream().mapToInt(Integer::intValue).toArray());
            gatedSomething += expected.isEmpty() ? 0 : 1;
        }
        assertThat(gatedSomething).isGreaterThan(100);
    }
}
