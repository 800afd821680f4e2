package io.bayesfuse.topology.live;

import io.bayesfuse.avro.ConfigKind;
import io.bayesfuse.avro.ConfigRecord;
import io.bayesfuse.avro.EntityClassSettings;
import io.bayesfuse.avro.FilterSettings;
import io.bayesfuse.avro.FusionPriorSettings;
import io.bayesfuse.avro.FusionSettings;
import io.bayesfuse.avro.ImmSettings;
import io.bayesfuse.avro.Matrix;
import io.bayesfuse.avro.MeasurementModelSettings;
import io.bayesfuse.avro.MotionModelSettings;
import io.bayesfuse.avro.OutOfOrderSettings;
import io.bayesfuse.avro.ProcessNoiseSettings;
import io.bayesfuse.avro.SensorSettings;
import io.bayesfuse.avro.UkfSettings;
import io.bayesfuse.topology.config.BayesfuseConfig;
import io.bayesfuse.topology.config.ConfigException;
import io.bayesfuse.topology.config.ConfigLoader;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A config-topic record means exactly what the same settings mean in the configuration file. */
class ConfigRecordsTest {

    private static final String FILE = """
            motionModels:
              cv: {type: constant-velocity, axes: 2, processNoise: {type: continuous-white-noise, spectralDensity: 0.5}}
              ca: {type: constant-acceleration, axes: 2, processNoise: {type: discrete-white-noise, variance: 0.2}}
            sensors:
              radar: {measurement: {type: range-bearing, origin: [-200.0, -150.0]}, R: [[1.0, 0.0], [0.0, 0.0001]], gate: {probability: 0.99}}
              learned: {measurement: {type: state-evidence, components: [0, 2], priorMean: [0, 0], priorCovariance: [[100, 0], [0, 100]]}, R: [[2, 0], [0, 2]]}
            filter:
              type: imm
              ukf: {alpha: 0.5, beta: 2.0, kappa: 0.0}
              initial: {x: [0, 1, 0, 0, 1, 0], P: [[9,0,0,0,0,0],[0,9,0,0,0,0],[0,0,9,0,0,0],[0,0,0,9,0,0],[0,0,0,0,9,0],[0,0,0,0,0,9]]}
              outOfOrder: {historyMillis: 2000, maxMeasurements: 50}
              imm: {models: [cv, ca], transition: [[0.95, 0.05], [0.1, 0.9]], probabilities: [0.5, 0.5], modeFilter: ukf}
            entityClasses:
              drones: {idPrefix: "drone-", priority: 3, filter: {type: ekf, motionModel: cv, initial: {x: [0, 1, 0, 1], P: [[1,0,0,0],[0,1,0,0],[0,0,1,0],[0,0,0,1]]}}}
            fusion:
              method: product
              prior: {mean: [0.0, 0.0], covariance: [[4.0, 0.0], [0.0, 4.0]]}
            """;

    private static Matrix m(double[][] rows) {
        List<Double> values = new java.util.ArrayList<>();
        for (double[] row : rows) {
            for (double v : row) {
                values.add(v);
            }
        }
        return new Matrix(rows.length, rows[0].length, values);
    }

    private static double[][] identity(int n, double d) {
        double[][] I = new double[n][n];
        for (int i = 0; i < n; i++) {
            I[i][i] = d;
        }
        return I;
    }

    @Test
    void everyKindOfRecordTranslatesToTheSameConfigurationAsTheFile() {
        BayesfuseConfig file = ConfigLoader.parse(FILE, "file");
        BayesfuseConfig empty = ConfigLoader.parse("{}", "empty");

        Map<String, ConfigRecord> records = new java.util.LinkedHashMap<>();
        records.put("motion-model/cv", record(ConfigKind.MOTION_MODEL, "cv", MotionModelSettings.newBuilder()
                .setType("constant-velocity").setAxes(2)
                .setProcessNoise(new ProcessNoiseSettings("continuous-white-noise", 0.5, null)).build()));
        records.put("motion-model/ca", record(ConfigKind.MOTION_MODEL, "ca", MotionModelSettings.newBuilder()
                .setType("constant-acceleration").setAxes(2)
                .setProcessNoise(new ProcessNoiseSettings("discrete-white-noise", null, 0.2)).build()));
        records.put("sensor/radar", record(ConfigKind.SENSOR, "radar", SensorSettings.newBuilder()
                .setMeasurement(MeasurementModelSettings.newBuilder().setType("range-bearing").setOrigin(List.of(-200.0, -150.0)).build())
                .setR(m(new double[][]{{1.0, 0.0}, {0.0, 0.0001}})).setGateProbability(0.99).build()));
        records.put("sensor/learned", record(ConfigKind.SENSOR, "learned", SensorSettings.newBuilder()
                .setMeasurement(MeasurementModelSettings.newBuilder().setType("state-evidence").setComponents(List.of(0, 2))
                        .setPriorMean(List.of(0.0, 0.0)).setPriorCovariance(m(identity(2, 100))).build())
                .setR(m(identity(2, 2))).build()));
        records.put("filter/default", record(ConfigKind.FILTER, "default", FilterSettings.newBuilder()
                .setType("imm").setUkf(new UkfSettings(0.5, 2.0, 0.0))
                .setInitialMean(List.of(0.0, 1.0, 0.0, 0.0, 1.0, 0.0)).setInitialCovariance(m(identity(6, 9)))
                .setOutOfOrder(new OutOfOrderSettings(2000L, 50))
                .setImm(new ImmSettings(List.of("cv", "ca"), m(new double[][]{{0.95, 0.05}, {0.1, 0.9}}), List.of(0.5, 0.5), "ukf"))
                .build()));
        records.put("entity-class/drones", record(ConfigKind.ENTITY_CLASS, "drones", EntityClassSettings.newBuilder()
                .setIdPrefix("drone-").setPriority(3)
                .setFilter(FilterSettings.newBuilder().setType("ekf").setMotionModel("cv")
                        .setInitialMean(List.of(0.0, 1.0, 0.0, 1.0)).setInitialCovariance(m(identity(4, 1))).build())
                .build()));
        records.put("fusion/default", record(ConfigKind.FUSION, "default", FusionSettings.newBuilder()
                .setMethod("product").setPrior(FusionPriorSettings.newBuilder().setMean(List.of(0.0, 0.0))
                        .setCovariance(m(identity(2, 4))).build()).build()));

        BayesfuseConfig live = ConfigOverrides.apply(empty, records);
        live.validate();
        assertThat(live.motionModels()).isEqualTo(file.motionModels());
        assertThat(live.sensors().keySet()).isEqualTo(file.sensors().keySet());
        live.sensors().forEach((id, s) -> assertThat(s).usingRecursiveComparison().as(id).isEqualTo(file.sensors().get(id)));
        assertThat(live.filter()).usingRecursiveComparison().isEqualTo(file.filter());
        assertThat(live.entityClasses().get("drones")).usingRecursiveComparison().isEqualTo(file.entityClasses().get("drones"));
        assertThat(live.fusion()).usingRecursiveComparison().isEqualTo(file.fusion());
    }

    @Test
    void aFusionRecordForAQuantityConfiguresThatQuantityAsTheFilesQuantitiesSectionWould() {
        BayesfuseConfig file = ConfigLoader.parse("""
                motionModels:
                  cv: {type: constant-velocity, axes: 1, processNoise: {type: continuous-white-noise, spectralDensity: 0.5}}
                fusion: {method: fisher}
                quantities:
                  track-7: {method: covariance-intersection, criterion: determinant, motionModel: cv, sourceTtlMillis: 5000}
                """, "file");
        BayesfuseConfig base = ConfigLoader.parse("""
                motionModels:
                  cv: {type: constant-velocity, axes: 1, processNoise: {type: continuous-white-noise, spectralDensity: 0.5}}
                fusion: {method: fisher}
                """, "base");
        BayesfuseConfig live = ConfigOverrides.apply(base, Map.of("fusion/track-7", record(ConfigKind.FUSION, "track-7",
                FusionSettings.newBuilder().setMethod("covariance-intersection").setCriterion("determinant")
                        .setMotionModel("cv").setSourceTtlMillis(5000L).build())));
        live.validate();
        assertThat(live.quantities()).usingRecursiveComparison().isEqualTo(file.quantities());
        assertThat(live.fusion()).usingRecursiveComparison().isEqualTo(file.fusion());
        assertThat(ConfigOverrides.apply(file, Map.of()).quantities()).as("no record: the file's settings")
                .containsOnlyKeys("track-7");
    }

    @Test
    void aRecordMustAgreeWithItsKey() {
        BayesfuseConfig empty = ConfigLoader.parse("{}", "empty");
        ConfigRecord sensor = record(ConfigKind.SENSOR, "gps", SensorSettings.newBuilder()
                .setMeasurement(MeasurementModelSettings.newBuilder().setType("position").build())
                .setR(m(identity(2, 1))).build());
        assertThatThrownBy(() -> ConfigOverrides.apply(empty, Map.of("sensor/tag", sensor)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'sensor/gps'");
        ConfigRecord wrongSettings = record(ConfigKind.MOTION_MODEL, "gps", sensor.getSettings());
        assertThatThrownBy(() -> ConfigOverrides.apply(empty, Map.of("motion-model/gps", wrongSettings)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("needs MotionModelSettings");
        ConfigRecord namedFilter = record(ConfigKind.FILTER, "fast", FilterSettings.newBuilder().setType("kf")
                .setMotionModel("cv").setInitialMean(List.of(0.0)).setInitialCovariance(m(identity(1, 1))).build());
        assertThatThrownBy(() -> ConfigOverrides.apply(empty, Map.of("filter/fast", namedFilter)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("only 'default'");
    }

    @Test
    void aMatrixWhoseShapeDoesNotMatchItsValuesIsRefused() {
        BayesfuseConfig empty = ConfigLoader.parse("{}", "empty");
        ConfigRecord sensor = record(ConfigKind.SENSOR, "gps", SensorSettings.newBuilder()
                .setMeasurement(MeasurementModelSettings.newBuilder().setType("position").build())
                .setR(new Matrix(2, 2, List.of(1.0, 0.0, 1.0))).build());
        assertThatThrownBy(() -> ConfigOverrides.apply(empty, Map.of("sensor/gps", sensor)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("2x2 but holds 3 values");
    }

    static ConfigRecord record(ConfigKind kind, String id, Object settings) {
        return ConfigRecord.newBuilder().setKind(kind).setId(id).setSettings(settings).build();
    }
}
