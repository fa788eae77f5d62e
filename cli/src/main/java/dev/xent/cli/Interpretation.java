package dev.xent.cli;

/**
 * The tutorial's reading of a mean cross-entropy in nats, for {@code tour} (and {@code loss}).
 *
 * <table>
 *   <caption>The scale</caption>
 *   <tr><th>mean CE (nats)</th><th>reading</th></tr>
 *   <tr><td>0.00</td><td>perfect probabilities</td></tr>
 *   <tr><td>&lt; 0.02</td><td>great probabilities</td></tr>
 *   <tr><td>&lt; 0.05</td><td>on the right track</td></tr>
 *   <tr><td>&lt; 0.20</td><td>fine</td></tr>
 *   <tr><td>0.20 – 0.30</td><td>(the tutorial leaves it unnamed)</td></tr>
 *   <tr><td>&gt; 0.30</td><td>not great</td></tr>
 *   <tr><td>&gt; 1.00</td><td>terrible</td></tr>
 *   <tr><td>&gt; 2.00</td><td>something is broken</td></tr>
 * </table>
 * A boundary value belongs to the band below it (0.30 is still unnamed, 1.00 "not great").
 */
final class Interpretation {

    /** The scale as printed by the tour: thresholds and readings. */
    static final String[][] SCALE = {
        {"0.00", "perfect probabilities"},
        {"< 0.02", "great probabilities"},
        {"< 0.05", "on the right track"},
        {"< 0.20", "fine"},
        {"0.20-0.30", "(left unnamed by the tutorial)"},
        {"> 0.30", "not great"},
        {"> 1.00", "terrible"},
        {"> 2.00", "something is broken"},
    };

    private Interpretation() {
    }

    /**
     * The reading of a mean cross-entropy in nats.
     *
     * @throws IllegalArgumentException for NaN or a negative mean (a cross-entropy is ≥ 0)
     */
    static String of(double meanNats) {
        if (!(meanNats >= 0.0)) {
            throw new IllegalArgumentException("a mean cross-entropy is >= 0, got " + meanNats);
        }
        if (meanNats == 0.0) {
            return "perfect probabilities";
        } else if (meanNats < 0.02) {
            return "great probabilities";
        } else if (meanNats < 0.05) {
            return "on the right track";
        } else if (meanNats < 0.20) {
            return "fine";
        } else if (meanNats <= 0.30) {
            return "between fine and not great (a band the tutorial leaves unnamed)";
        } else if (meanNats <= 1.00) {
            return "not great";
        } else if (meanNats <= 2.00) {
            return "terrible";
        }
        return "something is broken";
    }
}
