package io.bayesfuse.kernels.extension;

import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/**
 * The user models installed on the class path: every {@link MotionModelProvider} and {@link
 * MeasurementModelProvider} that {@link ServiceLoader} finds, by type. Two providers of one type are
 * refused when the extensions are loaded. The application's built-in types come first: a provider
 * cannot replace one (the configuration refuses it).
 */
public final class ModelExtensions {

    private static volatile ModelExtensions installed;

    private final Map<String, MotionModelProvider> motion;
    private final Map<String, MeasurementModelProvider> measurement;

    private ModelExtensions(Map<String, MotionModelProvider> motion, Map<String, MeasurementModelProvider> measurement) {
        this.motion = motion;
        this.measurement = measurement;
    }

    /**
     * The providers visible to {@code loader}.
     *
     * @throws IllegalStateException when two providers claim one type, or one has no type
     */
    public static ModelExtensions load(ClassLoader loader) {
        Map<String, MotionModelProvider> motion = new TreeMap<>();
        for (MotionModelProvider p : ServiceLoader.load(MotionModelProvider.class, loader)) {
            claim(motion, p.type(), p, "motion model");
        }
        Map<String, MeasurementModelProvider> measurement = new TreeMap<>();
        for (MeasurementModelProvider p : ServiceLoader.load(MeasurementModelProvider.class, loader)) {
            claim(measurement, p.type(), p, "measurement model");
        }
        return new ModelExtensions(motion, measurement);
    }

    /** The providers on the application's class path (loaded once). */
    public static ModelExtensions installed() {
        ModelExtensions e = installed;
        if (e == null) {
            synchronized (ModelExtensions.class) {
                e = installed;
                if (e == null) {
                    e = load(ModelExtensions.class.getClassLoader());
                    installed = e;
                }
            }
        }
        return e;
    }

    private static <P> void claim(Map<String, P> providers, String type, P provider, String kind) {
        if (type == null || type.isBlank()) {
            throw new IllegalStateException(provider.getClass().getName() + " provides a " + kind + " without a type");
        }
        P other = providers.putIfAbsent(type, provider);
        if (other != null) {
            throw new IllegalStateException("two providers of " + kind + " type '" + type + "': "
                    + other.getClass().getName() + " and " + provider.getClass().getName());
        }
    }

    /** The motion model provider of {@code type}, or null. */
    public MotionModelProvider motion(String type) {
        return motion.get(type);
    }

    /** The measurement model provider of {@code type}, or null. */
    public MeasurementModelProvider measurement(String type) {
        return measurement.get(type);
    }

    public Set<String> motionTypes() {
        return motion.keySet();
    }

    public Set<String> measurementTypes() {
        return measurement.keySet();
    }
}
