package dev.xent.loss;

import java.util.Locale;
import java.util.Objects;

/**
 * The clipping policy of a loss: one named, explicit choice of what happens to a predicted
 * probability of (nearly) 0 or 1, applied the same way by every loss in this package.
 *
 * <p>With a policy of epsilon ε &gt; 0 every predicted probability q that a loss takes the
 * logarithm of is replaced by clip(q) = min(max(q, ε), 1 − ε) before the logarithm (for
 * log-probability input, ln q is clamped to [ln ε, ln(1 − ε)], the same thing in log space);
 * logits are never clipped (see {@link Predictions#LOGITS}). The loss of an impossible event
 * (target 1, prediction 0) is then −ln ε instead of +∞. {@link #EXACT}, the default, clips
 * nothing: an impossible event costs +∞, which is the mathematically correct cross-entropy, and the
 * loss says so rather than reporting a number that depends on an epsilon.
 *
 * <p>Every loss result reports how many examples were clipped
 * ({@link LossSummary#clipCount()}): an example counts when clipping changed a probability its
 * loss uses.
 *
 * <h2>The profiles and the peers they reproduce</h2>
 * <table>
 *   <caption>Clipping policies; y = 1, q = 0 costs −ln ε</caption>
 *   <tr><th>policy</th><th>ε</th><th>peer</th><th>y = 1, q = 0</th></tr>
 *   <tr><td>{@link #EXACT}</td><td>none</td><td>the mathematics; scikit-learn's maintainers
 *       argued for ε = 0 too (scikit-learn PR #28851)</td><td>+∞</td></tr>
 *   <tr><td>{@link #KERAS}</td><td>1e-7</td><td>Keras 3 {@code keras.ops.binary_crossentropy} /
 *       {@code categorical_crossentropy} on probabilities: {@code clip(output, epsilon(),
 *       1 - epsilon())}, {@code keras.backend.epsilon()} = 1e-7</td><td>16.11809565095832</td></tr>
 *   <tr><td>{@link #SKLEARN}</td><td>2<sup>−52</sup> ≈ 2.22e-16</td><td>scikit-learn ≥ 1.2
 *       {@code log_loss}: {@code eps="auto"} = {@code np.finfo(y_pred.dtype).eps} (PR #24354);
 *       the {@code eps} parameter was deprecated in 1.3 and removed in 1.5, leaving the dtype's
 *       machine epsilon (float64 here)</td><td>36.04365338911715</td></tr>
 *   <tr><td>{@link #LEGACY}</td><td>1e-15</td><td>scikit-learn before 1.2 ({@code eps=1e-15});
 *       Apache Spark's {@code MulticlassClassificationEvaluator} metric {@code logLoss}
 *       ({@code eps = 1e-15}); the tutorial's "add 1e-15" trick</td><td>34.538776394910684</td></tr>
 *   <tr><td>{@link #of(double)}</td><td>any ε in (0, 0.5)</td><td>e.g. a custom loss</td>
 *       <td>−ln ε</td></tr>
 * </table>
 * (Values of −ln ε computed with mpmath at 40 digits.)
 *
 * <p><b>Keras in detail</b> (Keras 3, {@code keras/src/backend/tensorflow/nn.py}): on probabilities,
 * {@code binary_crossentropy} clips to [ε, 1 − ε] and takes the logs; {@code
 * categorical_crossentropy} first divides each row by its sum, then clips;
 * {@code sparse_categorical_crossentropy} clips, takes logs and passes them through a log-softmax
 * (which renormalises again); with {@code from_logits=True} none of them clips. Keras also
 * recognises a tensor produced by its own sigmoid or softmax layer and silently uses that
 * layer's logits instead. {@link #KERAS} reproduces the clip-then-log rule on probabilities that
 * already sum to 1, which is all xent accepts by default; {@link Profile#KERAS} adds Keras'
 * rescaling of rows that do not.
 *
 * <p><b>What xent does not copy.</b> Older {@code tf.keras} added ε inside the logarithm as well as
 * clipping ({@code log(output + epsilon())}), giving −ln(2e-7) = 15.42 for the impossible event;
 * Keras 3 only clips, which is what {@link #KERAS} reproduces. Keras computes in float32 by
 * default, where 1 − 1e-7 rounds to 1 − 1.19e-7; xent computes in double. Keras'
 * {@code categorical_crossentropy} and scikit-learn before 1.5 also <em>renormalised</em> rows
 * that do not sum to 1 (scikit-learn issue #24515: a bad model scored better than it was);
 * scikit-learn ≥ 1.5 raises an error instead, and so does xent, unless a {@link Profile}
 * ({@link Profile#KERAS}, {@link Profile#SKLEARN_LEGACY}) is asked for by name, which then counts
 * the rows it rescaled. PyTorch's {@code BCELoss} clamps ln q at −100 (a loss of 100 for the
 * impossible event) — a different mechanism from clipping, reproduced by {@link Profile#PYTORCH}.
 *
 * <p>Instances are immutable and thread-safe; equality is by epsilon.
 */
public final class Clipping {

    /** No clipping: the exact cross-entropy; an impossible event costs +∞. The default. */
    public static final Clipping EXACT = new Clipping("exact", 0.0);
    /** Keras: clip to [1e-7, 1 − 1e-7] ({@code keras.backend.epsilon()}). */
    public static final Clipping KERAS = new Clipping("keras", 1e-7);
    /** scikit-learn ≥ 1.2: clip at the float64 machine epsilon 2<sup>−52</sup>. */
    public static final Clipping SKLEARN = new Clipping("sklearn", Math.ulp(1.0));
    /** scikit-learn before 1.2 and Apache Spark's {@code logLoss}: clip at 1e-15. */
    public static final Clipping LEGACY = new Clipping("legacy", 1e-15);

    private final String name;
    private final double epsilon;
    private final double lnEpsilon;
    private final double lnOneMinusEpsilon;

    private Clipping(String name, double epsilon) {
        this.name = name;
        this.epsilon = epsilon;
        this.lnEpsilon = epsilon == 0.0 ? Double.NEGATIVE_INFINITY : Math.log(epsilon);
        this.lnOneMinusEpsilon = Math.log1p(-epsilon);
    }

    /**
     * The policy that clips to [ε, 1 − ε]; one of the named profiles when ε equals its epsilon
     * ({@code of(0)} is {@link #EXACT}).
     *
     * @param epsilon ε, {@code 0 <= ε < 0.5}
     * @return the policy
     * @throws IllegalArgumentException if ε is NaN, negative, or at least 0.5
     */
    public static Clipping of(double epsilon) {
        if (!(epsilon >= 0.0 && epsilon < 0.5)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "clipping epsilon must be in [0, 0.5), got %s", epsilon));
        }
        for (Clipping named : new Clipping[] {EXACT, KERAS, SKLEARN, LEGACY}) {
            if (named.epsilon == epsilon) {
                return named;
            }
        }
        return new Clipping(Double.toString(epsilon), epsilon);
    }

    /**
     * The policy named as a user types it: {@code exact}, {@code keras}, {@code sklearn},
     * {@code legacy} (also {@code spark}), or an epsilon as a number such as {@code 1e-15}
     * (case-insensitive).
     *
     * @param text a profile name or an epsilon
     * @return the policy
     * @throws IllegalArgumentException if the text is neither
     */
    public static Clipping parse(String text) {
        Objects.requireNonNull(text, "text");
        String t = text.trim().toLowerCase(Locale.ROOT);
        switch (t) {
            case "exact": case "none":
                return EXACT;
            case "keras":
                return KERAS;
            case "sklearn": case "scikit-learn":
                return SKLEARN;
            case "legacy": case "spark":
                return LEGACY;
            default:
                double eps;
                try {
                    eps = Double.parseDouble(t);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("unknown clipping policy '" + text
                            + "': use exact, keras, sklearn, legacy or an epsilon such as 1e-15", e);
                }
                return of(eps);
        }
    }

    /**
     * The profile's name: {@code exact}, {@code keras}, {@code sklearn}, {@code legacy}, or the
     * epsilon as text.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * The epsilon ε; 0 for {@link #EXACT}.
     *
     * @return ε
     */
    public double epsilon() {
        return epsilon;
    }

    /**
     * Whether this is the exact policy (no clipping).
     *
     * @return true for ε = 0
     */
    public boolean isExact() {
        return epsilon == 0.0;
    }

    /**
     * A probability clipped to [ε, 1 − ε]; unchanged by {@link #EXACT}. Monotone
     * (non-decreasing) in q.
     *
     * @param q a probability in [0, 1]
     * @return min(max(q, ε), 1 − ε)
     */
    public double clip(double q) {
        if (epsilon == 0.0) {
            return q;
        }
        return Math.min(Math.max(q, epsilon), 1.0 - epsilon);
    }

    /**
     * A log-probability clamped to [ln ε, ln(1 − ε)]; unchanged by {@link #EXACT}.
     *
     * @param lnQ ln q, in [−∞, 0]
     * @return the clamped value
     */
    public double clipLog(double lnQ) {
        if (epsilon == 0.0) {
            return lnQ;
        }
        return Math.min(Math.max(lnQ, lnEpsilon), lnOneMinusEpsilon);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Clipping && Double.compare(((Clipping) o).epsilon, epsilon) == 0;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(epsilon);
    }

    /**
     * The name and epsilon, e.g. {@code "keras (eps = 1.0E-7)"}.
     */
    @Override
    public String toString() {
        return isExact() ? "exact (no clipping)" : name + " (eps = " + epsilon + ")";
    }
}
