/**
 * User motion and measurement models, found on the class path with {@link java.util.ServiceLoader}:
 * a jar implements {@link io.bayesfuse.kernels.extension.MotionModelProvider} or
 * {@link io.bayesfuse.kernels.extension.MeasurementModelProvider} for a type name, and the configuration
 * can then name that type with its parameters ({@link io.bayesfuse.kernels.extension.ModelParameters}).
 * {@link io.bayesfuse.kernels.extension.ModelExtensions} holds what is installed; two providers of one
 * type, or a provider of a built-in type, are refused when the extensions are loaded.
 */
package io.bayesfuse.kernels.extension;
