package dev.xent.loss;

import java.util.Locale;
import java.util.Objects;

/**
 * A peer's whole treatment of imperfect predictions, as one named, opt-in value: its clipping,
 * whether it rescales rows that do not sum to 1 (and in which order relative to the clipping),
 * and whether it clamps logarithms. Set with {@link LossOptions#withProfile(Profile)}; every
 * result reports what the profile did next to the clip count: {@link LossSummary#clipCount()}
 * (examples whose probabilities clipping changed), {@link LossSummary#rescaledRows()} (prediction
 * rows divided by their sum) and {@link LossSummary#clampedTerms()} (log terms clamped).
 *
 * <p>xent's own default, {@link #EXACT}, does none of this: a row must sum to 1 within the
 * row-sum tolerance, and an impossible event costs +∞. A profile exists to reproduce a peer's
 * numbers on purpose, never as a silent fix.
 *
 * <table>
 *   <caption>The profiles: what they change, for predictions given as probabilities</caption>
 *   <tr><th>profile</th><th>reproduces</th><th>clipping</th><th>rows that do not sum to 1</th>
 *       <th>log clamp</th><th>y = 1, p = 0 costs</th></tr>
 *   <tr><td>{@link #EXACT}</td><td>the mathematics</td><td>the options' {@link Clipping}
 *       ({@link Clipping#EXACT} by default)</td><td>rejected</td><td>none</td><td>+∞</td></tr>
 *   <tr><td>{@link #KERAS}</td><td>Keras 3.x {@code keras.losses.BinaryCrossentropy},
 *       {@code CategoricalCrossentropy}, {@code SparseCategoricalCrossentropy} (and
 *       {@code KLDivergence}, see {@link KlDivergenceLoss}) on probabilities</td>
 *       <td>[1e-7, 1 − 1e-7]</td><td>categorical: q / Σq, then clipped
 *       ({@code output / sum(output)}, then {@code clip}); sparse: clipped, then divided by the sum
 *       of the clipped row (Keras takes {@code log(clip(output))} through a {@code log_softmax})</td>
 *       <td>none</td><td>−ln 1e-7 = 16.11809565095832</td></tr>
 *   <tr><td>{@link #PYTORCH}</td><td>PyTorch 2.x {@code torch.nn.BCELoss}: "clamps its log function
 *       outputs to be greater than or equal to −100"</td><td>none</td><td>rejected</td>
 *       <td>ln q ≥ −100 for every term of probabilities</td><td>100</td></tr>
 *   <tr><td>{@link #SKLEARN_LEGACY}</td><td>scikit-learn &lt; 1.2 {@code log_loss} (eps = 1e-15,
 *       rows renormalised silently; 1.2–1.4 kept the renormalisation with a warning and
 *       {@code eps="auto"})</td><td>[1e-15, 1 − 1e-15]</td><td>clipped, then divided by the sum
 *       of the clipped row ({@code y_pred /= y_pred.sum(axis=1)})</td><td>none</td>
 *       <td>−ln 1e-15 = 34.538776394910684</td></tr>
 * </table>
 * (−ln ε computed with mpmath at 40 digits.)
 *
 * <p><b>Scope.</b> Rescaling and the log clamp apply to {@link Predictions#PROBABILITIES} only:
 * logits are normalised by construction, and log-probabilities are taken as given (PyTorch's
 * {@code NLLLoss} and {@code CrossEntropyLoss} clamp nothing). Clipping of log-probabilities is
 * the clipping policy's, as without a profile. A binary prediction is one number, so a binary
 * loss never rescales. PyTorch applies the −100 clamp only in {@code BCELoss}; this profile applies
 * the same rule to every −ln q term of probabilities (categorical and sparse too), which is what
 * {@code torch.clamp(torch.log(q), min=-100)} written by hand gives. Target rows are checked as
 * without a profile (except by {@link KlDivergenceLoss}, whose profiles say what they accept).
 *
 * <p><b>Counting.</b> A row counts as rescaled when the sum it was divided by is not exactly 1
 * (so a row from a softmax that sums to 1 ± 1 ulp counts: the division changed its numbers); a
 * term counts as clamped when its −ln q exceeded 100 and its target weight t<sub>k</sub> is
 * positive.
 *
 * <p><b>With a clipping policy.</b> A profile other than {@link #EXACT} fixes the clipping:
 * {@link LossOptions#withClipping(Clipping)} with a different policy then throws, and so does
 * {@code xent loss} given both {@code --profile} and {@code --clip}.
 */
public enum Profile {

    /** xent's default: no rescaling, no clamp; clipping is the options' own. */
    EXACT("exact", null, false, false, false),
    /** Keras 3.x: clip to [1e-7, 1 − 1e-7]; categorical rows divided by their sum, then clipped. */
    KERAS("keras", Clipping.KERAS, true, false, false),
    /** PyTorch 2.x {@code BCELoss}: ln q clamped at −100, so the impossible event costs 100. */
    PYTORCH("pytorch", Clipping.EXACT, false, false, true),
    /** scikit-learn &lt; 1.2 {@code log_loss}: clip to [1e-15, 1 − 1e-15], then rows rescaled. */
    SKLEARN_LEGACY("sklearn-legacy", Clipping.LEGACY, true, true, false);

    /** The log clamp of {@link #PYTORCH}: −ln q is at most this, in nats. */
    public static final double PYTORCH_LOG_CLAMP = 100.0;

    private final String id;
    private final Clipping clipping;
    private final boolean rescales;
    private final boolean clipFirst;
    private final boolean clampsLog;

    Profile(String id, Clipping clipping, boolean rescales, boolean clipFirst, boolean clampsLog) {
        this.id = id;
        this.clipping = clipping;
        this.rescales = rescales;
        this.clipFirst = clipFirst;
        this.clampsLog = clampsLog;
    }

    /**
     * The profile as a user types it: {@code exact}, {@code keras}, {@code pytorch},
     * {@code sklearn-legacy} (case-insensitive; {@code torch} and {@code sklearn_legacy} too).
     *
     * @param text the name
     * @return the profile
     * @throws IllegalArgumentException if the name is none of these
     */
    public static Profile parse(String text) {
        Objects.requireNonNull(text, "text");
        String t = text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (Profile p : values()) {
            if (p.id.equals(t)) {
                return p;
            }
        }
        if (t.equals("torch")) {
            return PYTORCH;
        }
        throw new IllegalArgumentException("unknown profile '" + text
                + "': use exact, keras, pytorch or sklearn-legacy");
    }

    /**
     * The name as typed on the command line, e.g. {@code sklearn-legacy}.
     *
     * @return the id
     */
    public String id() {
        return id;
    }

    /**
     * The clipping this profile fixes, if any.
     *
     * @return the policy, or null for {@link #EXACT} (which leaves the options' clipping alone)
     */
    Clipping clipping() {
        return clipping;
    }

    /**
     * Whether this profile rescales prediction rows of probabilities (so their sum is not checked).
     *
     * @return true for {@link #KERAS} and {@link #SKLEARN_LEGACY}
     */
    public boolean rescalesRows() {
        return rescales;
    }

    /**
     * Whether this profile clamps −ln q of probabilities at {@link #PYTORCH_LOG_CLAMP}.
     *
     * @return true for {@link #PYTORCH}
     */
    public boolean clampsLogs() {
        return clampsLog;
    }

    /** Whether a rescaled row is clipped before the division (else divided, then clipped). */
    boolean clipsBeforeRescaling(boolean sparse) {
        // Keras: categorical divides then clips, sparse clips then log-softmaxes; scikit-learn clips first
        return clipFirst || sparse;
    }

    /**
     * The id, e.g. {@code keras}.
     */
    @Override
    public String toString() {
        return id;
    }
}
