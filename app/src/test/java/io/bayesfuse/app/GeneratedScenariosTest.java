package io.bayesfuse.app;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.BiFunction;

import static io.bayesfuse.testsupport.PlainMatrix.add;
import static io.bayesfuse.testsupport.PlainMatrix.blockDiagonal;
import static io.bayesfuse.testsupport.PlainMatrix.column;
import static io.bayesfuse.testsupport.PlainMatrix.identity;
import static io.bayesfuse.testsupport.PlainMatrix.inverse;
import static io.bayesfuse.testsupport.PlainMatrix.multiply;
import static io.bayesfuse.testsupport.PlainMatrix.transpose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Scenarios of kinds the public references do not show, in their formats, run through
 * {@code replay} and checked against expectations computed here from FORMAT.md with plain
 * matrices (the textbook equations, an explicit inverse, the simple covariance update):
 * constant acceleration in 3-D with discrete white noise and a gate, a 3-D
 * range-bearing-elevation EKF, and a random walk observed through a linear H.
 */
class GeneratedScenariosTest {

    @TempDir
    Path temp;

    /** One expected output line. */
    record Expected(String entity, String sensor, long t, String status, double[][] x, double[][] P, double nis) {
    }

    /** A measurement model for the independent filter: h(x), its Jacobian, and which components are angles. */
    interface Model {
        double[] h(double[] x);

        double[][] H(double[] x);

        boolean angle(int i);
    }

    /** The sensors of a generated scenario. */
    record SensorSpec(Model model, double[][] R, Double gate) {
    }

    private static Model linear(double[][] H) {
        return new Model() {
            public double[] h(double[] x) {
                double[][] z = multiply(H, column(x));
                double[] out = new double[z.length];
                for (int i = 0; i < z.length; i++) {
                    out[i] = z[i][0];
                }
                return out;
            }

            public double[][] H(double[] x) {
                return H;
            }

            public boolean angle(int i) {
                return false;
            }
        };
    }

    /** z = [r, azimuth, elevation] from (ox, oy, oz), positions at indices p1, p2, p3. */
    private static Model rangeBearingElevation(double ox, double oy, double oz, int n, int p1, int p2, int p3) {
        return new Model() {
            public double[] h(double[] x) {
                double dx = x[p1] - ox;
                double dy = x[p2] - oy;
                double dz = x[p3] - oz;
                return new double[]{Math.sqrt(dx * dx + dy * dy + dz * dz), Math.atan2(dy, dx), Math.atan2(dz, Math.hypot(dx, dy))};
            }

            public double[][] H(double[] x) {
                double dx = x[p1] - ox;
                double dy = x[p2] - oy;
                double dz = x[p3] - oz;
                double rho2 = dx * dx + dy * dy;
                double r2 = rho2 + dz * dz;
                double r = Math.sqrt(r2);
                double rho = Math.sqrt(rho2);
                double[][] H = new double[3][n];
                H[0][p1] = dx / r;
                H[0][p2] = dy / r;
                H[0][p3] = dz / r;
                H[1][p1] = -dy / rho2;
                H[1][p2] = dx / rho2;
                H[2][p1] = -dx * dz / (r2 * rho);
                H[2][p2] = -dy * dz / (r2 * rho);
                H[2][p3] = rho / r2;
                return H;
            }

            public boolean angle(int i) {
                return i == 1;
            }
        };
    }

    private static double wrap(double a) {
        while (a > Math.PI) {
            a -= 2 * Math.PI;
        }
        while (a <= -Math.PI) {
            a += 2 * Math.PI;
        }
        return a;
    }

    /**
     * The expected outputs of a (in-order, per-entity independent) input under FORMAT.md: start from the
     * prior at the first measurement, predict by dt, gate on the exact χ² quantile, EKF/KF update.
     */
    private static List<Expected> expected(List<String[]> lines, Map<String, SensorSpec> sensors, double[] x0, double[][] P0,
                                           BiFunction<Double, Boolean, double[][]> transitionOrNoise) {
        Map<String, double[][][]> state = new HashMap<>();   // entity -> {x (column), P, {{t}}}
        List<Expected> out = new ArrayList<>();
        for (String[] line : lines) {
            String entity = line[0];
            String sensorId = line[1];
            long t = Long.parseLong(line[2]);
            double[] z = Arrays.stream(line[3].split(",")).mapToDouble(Double::parseDouble).toArray();
            double[][][] s = state.computeIfAbsent(entity, e -> new double[][][]{column(x0), P0, {{t}}});
            double dt = (t - s[2][0][0]) / 1000.0;
            double[][] x = s[0];
            double[][] P = s[1];
            if (dt > 0) {
                double[][] F = transitionOrNoise.apply(dt, true);
                double[][] Q = transitionOrNoise.apply(dt, false);
                x = multiply(F, x);
                P = add(multiply(multiply(F, P), transpose(F)), Q, 1);
            }
            SensorSpec sensor = sensors.get(sensorId);
            double[] xv = new double[x.length];
            for (int i = 0; i < xv.length; i++) {
                xv[i] = x[i][0];
            }
            double[] zHat = sensor.model().h(xv);
            double[][] H = sensor.model().H(xv);
            double[][] y = new double[z.length][1];
            for (int i = 0; i < z.length; i++) {
                y[i][0] = sensor.model().angle(i) ? wrap(z[i] - zHat[i]) : z[i] - zHat[i];
            }
            double[][] S = add(multiply(multiply(H, P), transpose(H)), sensor.R(), 1);
            double[][] Sinv = inverse(S);
            double nis = multiply(transpose(y), multiply(Sinv, y))[0][0];
            String status = "UPDATED";
            if (sensor.gate() != null && nis > ChiSquaredDistribution.of(z.length).inverseCumulativeProbability(sensor.gate())) {
                status = "REJECTED";
            } else {
                double[][] K = multiply(multiply(P, transpose(H)), Sinv);
                x = add(x, multiply(K, y), 1);
                P = multiply(add(identity(x.length), multiply(K, H), -1), P);
            }
            state.put(entity, new double[][][]{x, P, {{t}}});
            out.add(new Expected(entity, sensorId, t, status, x, P, nis));
        }
        return out;
    }

    private void runAndCompare(String config, List<String[]> lines, List<Expected> expected) throws IOException {
        Path configFile = Files.writeString(temp.resolve("config.yaml"), config);
        StringBuilder input = new StringBuilder();
        for (String[] l : lines) {
            input.append(String.format(Locale.ROOT, "{\"entityId\": \"%s\", \"sensorId\": \"%s\", \"timestamp\": %s, \"z\": [%s]}%n",
                    l[0], l[1], l[2], l[3]));
        }
        Path inputFile = Files.writeString(temp.resolve("input.jsonl"), input.toString());
        ReplayRunner.Run run = ReplayRunner.replay(configFile, inputFile, temp.resolve("output.jsonl"));
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.output()).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            Expected e = expected.get(i);
            JsonNode a = run.output().get(i);
            String where = "line " + (i + 1);
            assertThat(a.get("status").asText()).as(where).isEqualTo(e.status());
            assertThat(a.get("entityId").asText()).as(where).isEqualTo(e.entity());
            assertThat(a.get("nis").asDouble()).as(where + " nis").isCloseTo(e.nis(), within(1e-8 * Math.max(1, e.nis())));
            for (int r = 0; r < e.x().length; r++) {
                double ex = e.x()[r][0];
                assertThat(a.get("x").get(r).asDouble()).as(where + " x[" + r + "]").isCloseTo(ex, within(1e-8 * Math.max(1, Math.abs(ex))));
                for (int c = 0; c < e.P().length; c++) {
                    double ep = e.P()[r][c];
                    assertThat(a.get("P").get(r).get(c).asDouble()).as(where + " P[" + r + "][" + c + "]")
                            .isCloseTo(ep, within(1e-8 * Math.max(1, Math.abs(ep))));
                }
            }
        }
    }

    private static String numbers(double... v) {
        StringBuilder s = new StringBuilder();
        for (double d : v) {
            if (s.length() > 0) {
                s.append(",");
            }
            s.append(d);
        }
        return s.toString();
    }

    /** FORMAT.md's CA blocks, written out for 3 axes. */
    private static double[][] constantAcceleration3d(double dt, boolean transition, boolean discrete, double noise) {
        if (transition) {
            return blockDiagonal(new double[][]{{1, dt, dt * dt / 2}, {0, 1, dt}, {0, 0, 1}}, 3);
        }
        double t2 = dt * dt;
        double t3 = t2 * dt;
        double t4 = t3 * dt;
        double t5 = t4 * dt;
        double[][] block = discrete
                ? new double[][]{{t4 / 4, t3 / 2, t2 / 2}, {t3 / 2, t2, dt}, {t2 / 2, dt, 1}}
                : new double[][]{{t5 / 20, t4 / 8, t3 / 6}, {t4 / 8, t3 / 3, t2 / 2}, {t3 / 6, t2 / 2, dt}};
        for (double[] row : block) {
            for (int j = 0; j < 3; j++) {
                row[j] *= noise;
            }
        }
        return blockDiagonal(block, 3);
    }

    private static final String CA3_PRIOR = "initial: {x: [0, 1, 0, 0, 1, 0, 100, -1, 0], P: "
            + "[[25,0,0,0,0,0,0,0,0],[0,4,0,0,0,0,0,0,0],[0,0,1,0,0,0,0,0,0],[0,0,0,25,0,0,0,0,0],[0,0,0,0,4,0,0,0,0],"
            + "[0,0,0,0,0,1,0,0,0],[0,0,0,0,0,0,25,0,0],[0,0,0,0,0,0,0,4,0],[0,0,0,0,0,0,0,0,1]]}";
    private static final double[] CA3_X0 = {0, 1, 0, 0, 1, 0, 100, -1, 0};
    private static final double[][] CA3_P0 = blockDiagonal(new double[][]{{25, 0, 0}, {0, 4, 0}, {0, 0, 1}}, 3);

    @Test
    void constantAccelerationIn3dWithDiscreteWhiteNoiseAndAGate() throws IOException {
        String config = """
                motionModels:
                  ca3:
                    type: constant-acceleration
                    axes: 3
                    processNoise: {type: discrete-white-noise, variance: 0.2}
                sensors:
                  gps: {measurement: {type: position}, R: [[4, 0, 0], [0, 4, 0], [0, 0, 9]], gate: {probability: 0.99}}
                filter:
                  type: kf
                  motionModel: ca3
                """ + "  " + CA3_PRIOR + "\n";
        Random random = new Random(31);
        List<String[]> lines = new ArrayList<>();
        long t = 2_000_000;
        for (int k = 0; k < 80; k++) {
            t += 40 + random.nextInt(300);
            String entity = random.nextBoolean() ? "a" : "b";
            double s = k * 0.2;
            double outlier = k % 13 == 12 ? 80 : 0;
            lines.add(new String[]{entity, "gps", Long.toString(t), numbers(
                    s + 2 * random.nextGaussian() + outlier, 0.5 * s + 2 * random.nextGaussian(), 100 - s + 3 * random.nextGaussian())});
        }
        double[][] H = new double[3][9];
        H[0][0] = 1;
        H[1][3] = 1;
        H[2][6] = 1;
        Map<String, SensorSpec> sensors = Map.of("gps", new SensorSpec(linear(H), new double[][]{{4, 0, 0}, {0, 4, 0}, {0, 0, 9}}, 0.99));
        List<Expected> expected = expected(lines, sensors, CA3_X0, CA3_P0, (dt, f) -> constantAcceleration3d(dt, f, true, 0.2));
        assertThat(expected).extracting(Expected::status).contains("REJECTED", "UPDATED");
        runAndCompare(config, lines, expected);
    }

    @Test
    void rangeBearingElevationEkfOnConstantAccelerationIn3d() throws IOException {
        String config = """
                motionModels:
                  ca3: {type: constant-acceleration, axes: 3, processNoise: {type: continuous-white-noise, spectralDensity: 0.1}}
                sensors:
                  radar: {measurement: {type: range-bearing-elevation, origin: [-300, 200, -50]}, R: [[1, 0, 0], [0, 0.0001, 0], [0, 0, 0.0001]]}
                  gps: {measurement: {type: position}, R: [[4, 0, 0], [0, 4, 0], [0, 0, 4]]}
                filter:
                  type: ekf
                  motionModel: ca3
                """ + "  " + CA3_PRIOR + "\n";
        Random random = new Random(32);
        List<String[]> lines = new ArrayList<>();
        long t = 5_000_000;
        Model radar = rangeBearingElevation(-300, 200, -50, 9, 0, 3, 6);
        for (int k = 0; k < 60; k++) {
            t += 100 + random.nextInt(200);
            double s = k * 0.3;
            double[] truth = {s, 1, 0, s * 0.5, 0.5, 0, 100 - s, -1, 0};
            if (k % 2 == 0) {
                double[] z = radar.h(truth);
                lines.add(new String[]{"c", "radar", Long.toString(t), numbers(z[0] + random.nextGaussian(),
                        wrap(z[1] + 0.01 * random.nextGaussian()), z[2] + 0.01 * random.nextGaussian())});
            } else {
                lines.add(new String[]{"c", "gps", Long.toString(t), numbers(truth[0] + 2 * random.nextGaussian(),
                        truth[3] + 2 * random.nextGaussian(), truth[6] + 2 * random.nextGaussian())});
            }
        }
        double[][] Hgps = new double[3][9];
        Hgps[0][0] = 1;
        Hgps[1][3] = 1;
        Hgps[2][6] = 1;
        Map<String, SensorSpec> sensors = Map.of(
                "radar", new SensorSpec(radar, new double[][]{{1, 0, 0}, {0, 1e-4, 0}, {0, 0, 1e-4}}, null),
                "gps", new SensorSpec(linear(Hgps), new double[][]{{4, 0, 0}, {0, 4, 0}, {0, 0, 4}}, null));
        runAndCompare(config, lines, expected(lines, sensors, CA3_X0, CA3_P0, (dt, f) -> constantAcceleration3d(dt, f, false, 0.1)));
    }

    @Test
    void aRandomWalkObservedThroughALinearH() throws IOException {
        String config = """
                motionModels:
                  walk: {type: random-walk, axes: 2, processNoise: {type: continuous-white-noise, spectralDensity: 0.3}}
                sensors:
                  sum: {measurement: {type: linear, H: [[1, 1], [1, -1]]}, R: [[0.5, 0.1], [0.1, 0.5]]}
                filter:
                  type: kf
                  motionModel: walk
                  initial: {x: [1, 2], P: [[4, 1], [1, 4]]}
                """;
        Random random = new Random(33);
        List<String[]> lines = new ArrayList<>();
        long t = 0;
        for (int k = 0; k < 40; k++) {
            t += 1 + random.nextInt(2000);
            lines.add(new String[]{"w", "sum", Long.toString(t), numbers(3 + random.nextGaussian(), -1 + random.nextGaussian())});
        }
        Map<String, SensorSpec> sensors = Map.of("sum", new SensorSpec(linear(new double[][]{{1, 1}, {1, -1}}),
                new double[][]{{0.5, 0.1}, {0.1, 0.5}}, null));
        runAndCompare(config, lines, expected(lines, sensors, new double[]{1, 2}, new double[][]{{4, 1}, {1, 4}},
                (dt, f) -> f ? identity(2) : new double[][]{{0.3 * dt, 0}, {0, 0.3 * dt}}));
    }
}
