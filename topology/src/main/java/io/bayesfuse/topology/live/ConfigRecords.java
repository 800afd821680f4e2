package io.bayesfuse.topology.live;

import io.bayesfuse.avro.AdaptationSettings;
import io.bayesfuse.avro.ChangepointSettings;
import io.bayesfuse.avro.ConfigKind;
import io.bayesfuse.avro.ConfigRecord;
import io.bayesfuse.avro.EntityClassSettings;
import io.bayesfuse.avro.FilterSettings;
import io.bayesfuse.avro.Matrix;
import io.bayesfuse.avro.MeasurementModelSettings;
import io.bayesfuse.avro.MotionModelSettings;
import io.bayesfuse.avro.SensorSettings;
import io.bayesfuse.topology.config.AdaptationConfig;
import io.bayesfuse.topology.config.ChangepointConfig;
import io.bayesfuse.topology.config.ConfigException;
import io.bayesfuse.topology.config.EntityClassConfig;
import io.bayesfuse.topology.config.FilterConfig;
import io.bayesfuse.topology.config.ModelConfig;
import io.bayesfuse.topology.config.MotionModelConfig;
import io.bayesfuse.topology.config.SensorConfig;
import io.bayesfuse.topology.config.SmoothingConfig;

import java.util.List;

/**
 * Translates records of the compacted config topic into the configuration model, so that a live
 * change is validated and applied exactly like the same settings in the YAML file. Keys are
 * {@code <kind>/<id>}: {@code sensor/radar-2}, {@code motion-model/cv}, {@code filter/default},
 * {@code entity-class/drones}, {@code fusion/<quantity>|default}, {@code model/<modelId>}.
 */
public final class ConfigRecords {

    private ConfigRecords() {
    }

    /** The key prefix of each kind. */
    public static String prefix(ConfigKind kind) {
        return switch (kind) {
            case SENSOR -> "sensor";
            case MOTION_MODEL -> "motion-model";
            case FILTER -> "filter";
            case ENTITY_CLASS -> "entity-class";
            case FUSION -> "fusion";
            case MODEL -> "model";
            case UNKNOWN -> "unknown";
        };
    }

    /** The record key for {@code kind} and {@code id}. */
    public static String key(ConfigKind kind, String id) {
        return prefix(kind) + "/" + id;
    }

    /** Checks that the key agrees with the record's kind and id; the setting path for errors is the key. */
    public static void requireConsistent(String key, ConfigRecord record) {
        if (record.getKind() == ConfigKind.UNKNOWN) {
            throw new ConfigException(key + ".kind", "is not a kind this version knows");
        }
        String expected = key(record.getKind(), record.getId());
        if (!expected.equals(key)) {
            throw new ConfigException(key, "holds a " + record.getKind() + " record with id '" + record.getId()
                    + "', whose key would be '" + expected + "'");
        }
        Class<?> settings = record.getSettings().getClass();
        Class<?> wanted = switch (record.getKind()) {
            case SENSOR -> SensorSettings.class;
            case MOTION_MODEL -> MotionModelSettings.class;
            case FILTER -> FilterSettings.class;
            case ENTITY_CLASS -> EntityClassSettings.class;
            case FUSION -> io.bayesfuse.avro.FusionSettings.class;
            case MODEL -> io.bayesfuse.avro.ModelSettings.class;
            case UNKNOWN -> Void.class;
        };
        if (!wanted.isInstance(record.getSettings())) {
            throw new ConfigException(key + ".settings", "is " + settings.getSimpleName() + " but a "
                    + record.getKind() + " record needs " + wanted.getSimpleName());
        }
    }

    public static SensorConfig sensor(SensorSettings s) {
        MeasurementModelSettings m = s.getMeasurement();
        return new SensorConfig(
                new SensorConfig.MeasurementConfig(m.getType(), doubles(m.getOrigin()), rows(m.getH()),
                        ints(m.getComponents()), doubles(m.getPriorMean()), rows(m.getPriorCovariance())),
                rows(s.getR()),
                s.getGateProbability() == null ? null : new SensorConfig.GateConfig(s.getGateProbability()),
                s.getAdaptation() == null ? null : adaptation(s.getAdaptation()),
                s.getChangepoint() == null ? null : changepoint(s.getChangepoint()));
    }

    static AdaptationConfig adaptation(AdaptationSettings a) {
        return new AdaptationConfig(a.getType(), a.getPriorStrength(), a.getForgetting(), a.getIterations());
    }

    static ChangepointConfig changepoint(ChangepointSettings c) {
        ChangepointConfig.PruningConfig pruning = c.getMaxHypotheses() == null && c.getMinProbability() == null ? null
                : new ChangepointConfig.PruningConfig(c.getMaxHypotheses(), c.getMinProbability());
        ChangepointConfig.PriorConfig prior = c.getPriorMean() == null && c.getPriorKappa() == null && c.getPriorAlpha() == null
                && c.getPriorBeta() == null && c.getPriorNu() == null ? null
                : new ChangepointConfig.PriorConfig(c.getPriorMean(), c.getPriorKappa(), c.getPriorAlpha(), c.getPriorBeta(), c.getPriorNu());
        ChangepointConfig.ActionConfig action = c.getAction() == null && c.getFactor() == null && c.getDurationMillis() == null ? null
                : new ChangepointConfig.ActionConfig(c.getAction(), c.getFactor(), c.getDurationMillis());
        return new ChangepointConfig(c.getEnabled(), c.getModel(), c.getChannel(), c.getHazard(), c.getThreshold(),
                c.getWindow(), c.getRearm(), pruning, prior, action);
    }

    public static MotionModelConfig motionModel(MotionModelSettings s) {
        return new MotionModelConfig(s.getType(), s.getAxes(),
                s.getProcessNoise() == null ? null : new MotionModelConfig.ProcessNoiseConfig(
                        s.getProcessNoise().getType(), s.getProcessNoise().getSpectralDensity(), s.getProcessNoise().getVariance()),
                rows(s.getF()), rows(s.getQ()));
    }

    public static FilterConfig filter(FilterSettings s) {
        return new FilterConfig(s.getType(), s.getMotionModel(),
                s.getUkf() == null ? null : new FilterConfig.UkfConfig(s.getUkf().getAlpha(), s.getUkf().getBeta(), s.getUkf().getKappa()),
                new FilterConfig.InitialConfig(doubles(s.getInitialMean()), rows(s.getInitialCovariance())),
                s.getOutOfOrder() == null ? null : new FilterConfig.OutOfOrderConfig(
                        s.getOutOfOrder().getHistoryMillis(), s.getOutOfOrder().getMaxMeasurements()),
                s.getParticle() == null ? null : new FilterConfig.ParticleConfig(
                        s.getParticle().getParticles(), s.getParticle().getResampleThreshold(), s.getParticle().getSeed()),
                s.getImm() == null ? null : new FilterConfig.ImmConfig(List.copyOf(s.getImm().getModels()),
                        rows(s.getImm().getTransition()), doubles(s.getImm().getProbabilities()), s.getImm().getModeFilter()),
                s.getSmoothing() == null ? null : new SmoothingConfig(s.getSmoothing().getEnabled(), s.getSmoothing().getLag()));
    }

    public static EntityClassConfig entityClass(EntityClassSettings s) {
        return new EntityClassConfig(s.getIdPrefix(), s.getAttribute(), s.getValue(), s.getPriority(), filter(s.getFilter()));
    }

    public static io.bayesfuse.topology.config.FusionConfig fusion(io.bayesfuse.avro.FusionSettings s) {
        io.bayesfuse.avro.FusionPriorSettings p = s.getPrior();
        return new io.bayesfuse.topology.config.FusionConfig(s.getMethod(), s.getCriterion(), s.getFast(),
                p == null ? null : new io.bayesfuse.topology.config.FusionConfig.PriorConfig(doubles(p.getMean()),
                        rows(p.getCovariance()), rows(p.getPrecision()), doubles(p.getInformationVector()),
                        p.getIsotropicVariance() == null && p.getIsotropicMean() == null ? null
                                : new io.bayesfuse.topology.config.FusionConfig.PriorConfig.IsotropicConfig(p.getIsotropicMean(),
                                p.getIsotropicVariance())),
                s.getMaxComponents(), s.getFisherFloor(), s.getSourceWeights(), s.getDefaultSourceWeight(),
                s.getMotionModel(), s.getSourceTtlMillis(), s.getListSourcesUpTo(), s.getDraws(), s.getSeed(),
                s.getTrust() == null ? null : new io.bayesfuse.topology.config.TrustConfig(s.getTrust().getTest(),
                        s.getTrust().getProbability(), s.getTrust().getAction(), s.getTrust().getReadmitAfter()));
    }

    public static ModelConfig model(io.bayesfuse.avro.ModelSettings s) {
        ModelConfig.PriorSettings prior = s.getPriorMean() == null && s.getPriorVariance() == null ? null
                : new ModelConfig.PriorSettings(s.getPriorMean(), s.getPriorVariance());
        ModelConfig.NoiseSettings noise = s.getNoiseVariance() == null && s.getNoiseKnown() == null && s.getNoiseStrength() == null
                ? null : new ModelConfig.NoiseSettings(s.getNoiseVariance(), s.getNoiseKnown(), s.getNoiseStrength());
        return new ModelConfig(s.getType(), s.getFeatures(), s.getClasses(), s.getBias(), s.getCovariance(), s.getRank(),
                s.getInference(),
                prior, noise, s.getForgettingHalfLifeMillis(), s.getDriftPerSecond(), s.getBatch(), s.getNewtonIterations(),
                s.getFlushAfterMillis());
    }

    /** A matrix as rows; a shape that does not match its values is reported with the setting path. */
    static double[][] rows(Matrix m) {
        if (m == null) {
            return null;
        }
        if (m.getRows() < 0 || m.getCols() < 0 || (long) m.getRows() * m.getCols() != m.getValues().size()) {
            throw new ConfigException("matrix", "is declared " + m.getRows() + "x" + m.getCols() + " but holds "
                    + m.getValues().size() + " values");
        }
        double[][] rows = new double[m.getRows()][m.getCols()];
        List<Double> values = m.getValues();
        for (int i = 0, k = 0; i < rows.length; i++) {
            for (int j = 0; j < m.getCols(); j++) {
                rows[i][j] = values.get(k++);
            }
        }
        return rows;
    }

    static double[] doubles(List<Double> values) {
        if (values == null) {
            return null;
        }
        double[] a = new double[values.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = values.get(i);
        }
        return a;
    }

    static int[] ints(List<Integer> values) {
        if (values == null) {
            return null;
        }
        int[] a = new int[values.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = values.get(i);
        }
        return a;
    }
}
