package io.bayesfuse.kernels.gaussian;

/**
 * The k-sigma ellipse of a 2-D Gaussian's covariance [[a, b], [b, c]]: the points at Mahalanobis
 * distance k from the mean. Its semi-axes are k·√λ₁ and k·√λ₂ for the eigenvalues
 * λ₁,₂ = (a + c)/2 ± √(((a − c)/2)² + b²), and the major axis makes the angle
 * θ = ½·atan2(2b, a − c) with the first coordinate axis. (For k = 2 the ellipse holds 86.5% of
 * the probability: 1 − e^(−k²/2).)
 *
 * @param semiMajor the longer semi-axis
 * @param semiMinor the shorter semi-axis
 * @param angle     the major axis's angle from the first axis, radians in (−π/2, π/2]
 */
public record ConfidenceEllipse(double semiMajor, double semiMinor, double angle) {

    /**
     * @param a     variance of the first coordinate
     * @param b     their covariance
     * @param c     variance of the second coordinate
     * @param sigma k, the Mahalanobis radius
     * @throws IllegalArgumentException when the 2×2 block is not finite or not positive semidefinite
     */
    public static ConfidenceEllipse of(double a, double b, double c, double sigma) {
        if (!Double.isFinite(a) || !Double.isFinite(b) || !Double.isFinite(c) || !(sigma > 0)) {
            throw new IllegalArgumentException("covariance [[" + a + ", " + b + "], [" + b + ", " + c
                    + "]] and sigma " + sigma + " must be finite (sigma > 0)");
        }
        double mean = 0.5 * (a + c);
        double radius = Math.hypot(0.5 * (a - c), b);
        double major = mean + radius;
        double minor = mean - radius;
        if (minor < -1e-9 * Math.max(1, Math.abs(major))) {
            throw new IllegalArgumentException("covariance [[" + a + ", " + b + "], [" + b + ", " + c
                    + "]] is not positive semidefinite (eigenvalue " + minor + ")");
        }
        double angle = radius == 0 ? 0 : 0.5 * Math.atan2(2 * b, a - c);
        return new ConfidenceEllipse(sigma * Math.sqrt(major), sigma * Math.sqrt(Math.max(0, minor)), angle);
    }

    /** The probability a 2-D Gaussian puts inside its k-sigma ellipse: 1 − exp(−k²/2). */
    public static double probabilityInside(double sigma) {
        return 1 - Math.exp(-0.5 * sigma * sigma);
    }
}
