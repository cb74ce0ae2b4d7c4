package dev.lanes.nn.optim;

/** Hyper-parameter checks shared by the optimizers and schedules. */
final class OptimizerChecks {

    private OptimizerChecks() {
    }

    static float nonNegative(String name, float value) {
        if (!(value >= 0) || Float.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be finite and >= 0, was " + value);
        }
        return value;
    }

    static float positive(String name, float value) {
        if (!(value > 0) || Float.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be finite and > 0, was " + value);
        }
        return value;
    }
}
