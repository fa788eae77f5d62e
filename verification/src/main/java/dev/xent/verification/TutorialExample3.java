package dev.xent.verification;

/**
 * The tutorial's worked example 3 (shared/docs/TUTORIAL.md): binary classification, labels y and
 * predictions ŷ = P(class 1), natural log. The per-example cross-entropies and the mean were
 * computed independently of xent with mpmath at 50 digits (−ln ŷ for y = 1, −ln(1 − ŷ) for y = 0,
 * with ŷ the double nearest the decimal) and rounded to double; the tutorial prints them to three
 * decimals (0.223, 0.105, 0.105, 0.511, 0.223, 0.105, 0.511, 0.223, 0.105, 0.357; mean 0.247).
 */
final class TutorialExample3 {

    /** The labels y. */
    public static final double[] Y = {1, 1, 1, 1, 1, 0, 0, 0, 0, 0};
    /** The predictions ŷ = P(class 1). */
    public static final double[] P = {0.8, 0.9, 0.9, 0.6, 0.8, 0.1, 0.4, 0.2, 0.1, 0.3};
    /** The ten per-example cross-entropies in nats (mpmath). */
    public static final double[] PER_EXAMPLE = {
        0.2231435513142097, 0.10536051565782628, 0.10536051565782628, 0.5108256237659907,
        0.2231435513142097, 0.10536051565782631, 0.5108256237659907, 0.22314355131420976,
        0.10536051565782631, 0.35667494393873234,
    };
    /** The mean as the tutorial's digest prints it (double arithmetic): 0.24691989080446483. */
    public static final double MEAN = 0.24691989080446483;
    /** The mean of class 1's five examples (mpmath). */
    public static final double MEAN_CLASS_1 = 0.23356675154201254;
    /** The mean of class 0's five examples (mpmath). */
    public static final double MEAN_CLASS_0 = 0.2602730300669171;

    /**
     * Absolute tolerance for these values: 1e-15. A backend computes −ln(1 − ŷ) from the rounded
     * 1 − ŷ (e.g. 1 − 0.1 rounds to the double 0.9, giving 0.10536051565782628 where the exact
     * value is ...631: 3e-17 apart); a few such ulps of ~0.1–0.5 stay far below 1e-15.
     */
    public static final double TOLERANCE = 1e-15;

    private TutorialExample3() {
    }
}
