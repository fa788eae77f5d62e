package dev.xent.loss;

/**
 * A running sum with Neumaier's compensation (an improved Kahan–Babuška summation): the rounding
 * error of each addition is recovered exactly with a two-sum and accumulated separately, so the
 * result is within about 2 ulps of the exact sum of non-negative terms plus a second-order
 * n·2<sup>−106</sup>·Σ|x| term, however many terms there are and in whatever order or grouping
 * they were added. Mutable, not thread-safe: one per accumulator.
 */
final class CompensatedSum {

    private double sum;
    private double compensation;

    /** Adds one term. */
    void add(double x) {
        double t = sum + x;
        if (Math.abs(sum) >= Math.abs(x)) {
            compensation += (sum - t) + x;
        } else {
            compensation += (x - t) + sum;
        }
        sum = t;
    }

    /** Adds another partial sum, keeping both compensations. */
    void add(CompensatedSum other) {
        add(other.sum);
        compensation += other.compensation;
    }

    /** The compensated total; +∞ when the running sum overflowed. */
    double value() {
        return Double.isInfinite(sum) ? sum : sum + compensation;
    }
}
