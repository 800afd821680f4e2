package io.bayesfuse.kernels.gating;

/** Decides from the normalised innovation squared whether a measurement is applied. */
public interface Gate {

    /** Accepts every measurement. */
    Gate NONE = new Gate() {
        @Override
        public boolean accepts(double nis, int dof) {
            return true;
        }

        @Override
        public String toString() {
            return "no gate";
        }
    };

    /**
     * @param nis yᵀ S⁻¹ y
     * @param dof the measurement size m
     */
    boolean accepts(double nis, int dof);
}
