package dev.xent.testing;

/**
 * The tutorial's worked example 1 (shared/docs/TUTORIAL.md): two distributions over {red, green,
 * blue} and every measure of them in bits, recomputed in double precision independently of xent
 * (by the tutorial's own Python formulas). The same values in nats follow by multiplying by ln 2.
 */
public final class TutorialExample1 {

    /** P = [0.10, 0.40, 0.50]. */
    public static final double[] P = {0.10, 0.40, 0.50};
    /** Q = [0.80, 0.15, 0.05]. */
    public static final double[] Q = {0.80, 0.15, 0.05};
    /** The events' labels. */
    public static final String[] LABELS = {"red", "green", "blue"};

    /** H(P, Q), printed as 3.288 bits. */
    public static final double CE_P_Q_BITS = 3.2879430945989;
    /** H(Q, P), printed as 2.906 bits. */
    public static final double CE_Q_P_BITS = 2.9058316901429944;
    /** H(P) = H(P, P), printed as 1.361 bits. */
    public static final double H_P_BITS = 1.360964047443681;
    /** H(Q) = H(Q, Q), printed as 0.884 bits. */
    public static final double H_Q_BITS = 0.8841837197791889;
    /** KL(P‖Q), printed as 1.927 bits. */
    public static final double KL_P_Q_BITS = 1.9269790471552186;
    /** KL(Q‖P), not printed by the tutorial. */
    public static final double KL_Q_P_BITS = 2.0216479703638055;

    /** The relative tolerance the foundation issue asks for: 1e-12. */
    public static final double RELATIVE_TOLERANCE = 1e-12;

    private TutorialExample1() {
    }
}
