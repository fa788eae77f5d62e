package dev.xent.loss;

import java.util.Locale;

/**
 * The tutorial's reading of a mean cross-entropy in nats (A Gentle Introduction to Cross-Entropy
 * for Machine Learning, section "Intuition for cross-entropy"): a rule of thumb for a classifier's
 * mean log loss, not a statistical test. It depends on the number of classes and on how hard the
 * problem is — a uniform guess over K classes already scores ln K (0.693 for two classes) — so use
 * it to notice "broken" or "great", not to rank close models.
 *
 * <table>
 *   <caption>The bands (nats); a boundary belongs to the band below it unless stated</caption>
 *   <tr><th>mean CE</th><th>band</th></tr>
 *   <tr><td>0.00 exactly</td><td>{@link #PERFECT}</td></tr>
 *   <tr><td>(0, 0.02)</td><td>{@link #GREAT}</td></tr>
 *   <tr><td>[0.02, 0.05)</td><td>{@link #ON_THE_RIGHT_TRACK}</td></tr>
 *   <tr><td>[0.05, 0.20)</td><td>{@link #FINE}</td></tr>
 *   <tr><td>[0.20, 0.30]</td><td>{@link #UNNAMED} — the tutorial gives this band no name</td></tr>
 *   <tr><td>(0.30, 1.00]</td><td>{@link #NOT_GREAT}</td></tr>
 *   <tr><td>(1.00, 2.00]</td><td>{@link #TERRIBLE}</td></tr>
 *   <tr><td>above 2.00, or +∞</td><td>{@link #BROKEN}</td></tr>
 * </table>
 * The tutorial's own example (mean 0.2469 nats) falls in the unnamed band.
 */
public enum Interpretation {

    /** Exactly 0: every true class predicted with probability 1. */
    PERFECT("perfect probabilities"),
    /** Below 0.02 nats. */
    GREAT("great probabilities"),
    /** 0.02 to below 0.05 nats. */
    ON_THE_RIGHT_TRACK("on the right track"),
    /** 0.05 to below 0.20 nats. */
    FINE("fine"),
    /**
     * 0.20 to 0.30 nats: the tutorial names the bands below 0.20 and above 0.30 and says nothing
     * about this one; xent does not invent a verdict for it.
     */
    UNNAMED("between fine (< 0.20) and not great (> 0.30): the tutorial leaves this band unnamed"),
    /** Above 0.30 up to 1.00 nats. */
    NOT_GREAT("not great"),
    /** Above 1.00 up to 2.00 nats. */
    TERRIBLE("terrible"),
    /** Above 2.00 nats, or infinite. */
    BROKEN("something is broken");

    private final String reading;

    Interpretation(String reading) {
        this.reading = reading;
    }

    /**
     * The band of a mean cross-entropy.
     *
     * @param meanNats a mean cross-entropy in nats, {@code >= 0}, possibly +∞
     * @return its band
     * @throws IllegalArgumentException if the value is NaN or negative
     */
    public static Interpretation of(double meanNats) {
        if (!(meanNats >= 0.0)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "a mean cross-entropy is a number >= 0 in nats, got %s", meanNats));
        }
        if (meanNats == 0.0) {
            return PERFECT;
        } else if (meanNats < 0.02) {
            return GREAT;
        } else if (meanNats < 0.05) {
            return ON_THE_RIGHT_TRACK;
        } else if (meanNats < 0.20) {
            return FINE;
        } else if (meanNats <= 0.30) {
            return UNNAMED;
        } else if (meanNats <= 1.00) {
            return NOT_GREAT;
        } else if (meanNats <= 2.00) {
            return TERRIBLE;
        }
        return BROKEN;
    }

    /**
     * The tutorial's words for the band, e.g. {@code "fine"}.
     *
     * @return a short reading for display
     */
    public String reading() {
        return reading;
    }
}
