package dev.xent.loss;

import java.util.Locale;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.stream.Collector;

/**
 * The Kullback–Leibler divergence as a loss over rows: ℓ(t, q) = KL(t‖q) = Σ<sub>k</sub>
 * t<sub>k</sub> ln(t<sub>k</sub>/q<sub>k</sub>) in nats, between a target row t and a prediction
 * row q of K entries per example — Keras' {@code keras.losses.KLDivergence}, PyTorch's
 * {@code torch.nn.KLDivLoss}, the loss of knowledge distillation. Conventions: 0·ln(0/q) = 0, and
 * ℓ = +∞ when some t<sub>k</sub> &gt; 0 = q<sub>k</sub>. KL(t‖q) = H(t, q) − H(t): the
 * categorical cross-entropy minus the entropy of the target, so it is 0 exactly when the
 * prediction equals the target, and a model's mean KL differs from its mean cross-entropy by the
 * targets' mean entropy. Created by {@link Loss#klDivergence(int, Predictions)}; it is not a
 * {@link CrossEntropy} (so the cross-entropy factories do not make it), but a sibling
 * {@link Loss} with the same shape: {@link #evaluate(double[][], double[][], double[])}, its own
 * {@link #accumulator()}, sample weights, clipping, {@link LossOptions}.
 *
 * <h2>Forms</h2>
 * The target row t is a distribution given as probabilities, or with {@link #withLogTargets()} as
 * natural logarithms ln t (PyTorch's {@code log_target=True}). The prediction row is in the loss's
 * {@link Predictions} form: probabilities, log-probabilities (PyTorch's {@code input}) or logits
 * (ln q = z − log-sum-exp(z)).
 *
 * <h2>Strict by default</h2>
 * Target rows and prediction rows must both be distributions: entries in [0, 1] (logarithms in
 * [−∞, 0]) summing to 1 within the row-sum tolerance ({@link LossOptions#withRowSumTolerance}).
 * A row that is not one is rejected with a {@link LossInputException}, unless a peer profile
 * says otherwise:
 * <table>
 *   <caption>The peer profiles of the KL loss</caption>
 *   <tr><th>{@link Profile}</th><th>reproduces (documented formula)</th><th>forms</th>
 *       <th>rows</th></tr>
 *   <tr><td>{@link Profile#EXACT}</td><td>KL(t‖q) = Σ t ln(t/q); with a {@link Clipping}
 *       policy, q clipped to [ε, 1 − ε] first</td><td>all</td><td>both must be distributions
 *       (see below for the rounding of their sums)</td></tr>
 *   <tr><td>{@link Profile#KERAS}</td><td>Keras 3.x {@code KLDivergence}: {@code y_true =
 *       clip(y_true, 1e-7, 1)}, {@code y_pred = clip(y_pred, 1e-7, 1)}, {@code sum(y_true *
 *       log(y_true / y_pred), axis=-1)}; the batch reduction {@code sum_over_batch_size} is
 *       {@link LossSummary#mean()} for unweighted data. A target entry of 0 contributes
 *       1e-7·ln(1e-7/q′), so an exact match of one-hot rows still costs 0 but a near one does
 *       not give the exact KL</td><td>probabilities</td><td>not checked (entries in [0, 1])</td></tr>
 *   <tr><td>{@link Profile#PYTORCH}</td><td>PyTorch 2.x {@code KLDivLoss}: pointwise
 *       {@code target * (log(target) - input)} (0 where target = 0), {@code input} the
 *       log-probabilities; with {@code log_target=True} ({@link #withLogTargets()})
 *       {@code exp(target) * (target - input)}. Reductions: {@code 'batchmean'} =
 *       {@link LossSummary#mean()}, {@code 'sum'} = {@link LossSummary#sum()}, {@code 'mean'}
 *       (over all elements, which PyTorch warns is not KL) = {@link LossSummary#meanPerElement()},
 *       {@code 'none'} = the rows of {@link LossSummary#perExample()} (PyTorch returns the
 *       elements; xent their row sums). One deviation: a log target of −∞ (t = 0) gives 0
 *       here, where PyTorch's {@code exp(target) * (target - input)} gives 0·(−∞) = NaN</td>
 *       <td>log-probabilities</td><td>not checked</td></tr>
 * </table>
 * {@link Profile#SKLEARN_LEGACY} is refused (scikit-learn has no KL loss), and so are a profile
 * and a form that do not go together (Keras takes probabilities, PyTorch log-probabilities), class
 * weights (a soft target has no class) and label smoothing (no peer smooths a KL target).
 *
 * <h2>How it is computed</h2>
 * Term by term in the non-negative form t ln(t/q) − t + q (each term ≥ 0, with a series near
 * t = q so that no digit is lost to cancellation, see {@code LogSpace.klTerm}); the sum of these
 * terms is Σ t ln(t/q) − Σ t + Σ q, which is KL(t‖q) exactly when both rows sum to 1. Under
 * {@link Profile#EXACT} the rows are distributions (within the tolerance), so the leftover
 * Σ (q − t) is rounding noise of at most twice the row-sum tolerance, and it is kept, not
 * subtracted: the result is ≥ 0, exactly 0 when t = q entry by entry and positive otherwise.
 * With a {@link Clipping} policy the clipped row q′ need not sum to 1 (a 0 raised to ε, a 1
 * lowered to 1 − ε), and the result is then the generalised divergence of t from q′,
 * Σ t ln(t/q′) − Σ t + Σ q′ (Csiszár's I-divergence, ≥ 0), which exceeds Σ t ln(t/q′) by
 * Σ q′ − 1, at most K·ε: for t = (1, 0, 0), q = (0, ½, ½) and ε = 10<sup>−7</sup> it is
 * −ln ε + ε = 16.11809575…, not −ln ε = 16.11809565…. A KL of 1e-18
 * between close rows keeps about 15 digits (where the plain Σ t ln(t/q) in doubles can even come
 * out negative). Under {@link Profile#KERAS} and {@link Profile#PYTORCH}, whose rows need not be
 * distributions, the terms are their formula's, t ln(t/q) (Keras: with t·log1p((t − q)/q) near
 * t = q) or t·(ln t − input) (PyTorch), summed compensated; their results may then be negative, and
 * near 0 they carry the cancellation of the formula itself. The backend is not used (as for
 * logits): the careful log-ratio is this class's own.
 *
 * <p>An example's class (for per-class means) is its target's largest entry, the lowest index on
 * ties. The D² score of a KL summary is empty ({@link LossSummary#d2LogLossScore()}).
 *
 * <p>Immutable and thread-safe.
 */
public final class KlDivergenceLoss implements Loss {

    private final int k;
    private final Predictions form;
    private final LossOptions options;
    private final boolean logTargets;

    KlDivergenceLoss(int numClasses, Predictions form, LossOptions options, boolean logTargets) {
        this.k = Checks.numClasses(numClasses);
        this.form = Objects.requireNonNull(form, "predictions form");
        this.options = Objects.requireNonNull(options, "options");
        this.logTargets = logTargets;
        if (options.hasClassWeights()) {
            throw new IllegalArgumentException("the KL divergence loss takes no class weights:"
                    + " its targets are distributions, so which class's weight applies would be a guess");
        }
        if (options.labelSmoothing() != 0.0) {
            throw new IllegalArgumentException("the KL divergence loss takes no label smoothing");
        }
        switch (options.profile()) {
            case KERAS:
                if (form != Predictions.PROBABILITIES || logTargets) {
                    throw new IllegalArgumentException("the keras profile reproduces"
                            + " keras.losses.KLDivergence, which takes probabilities (targets and"
                            + " predictions), not " + describe(form) + (logTargets ? " and log targets" : ""));
                }
                break;
            case PYTORCH:
                if (form != Predictions.LOG_PROBABILITIES) {
                    throw new IllegalArgumentException("the pytorch profile reproduces torch.nn.KLDivLoss,"
                            + " whose input is log-probabilities, not " + describe(form));
                }
                break;
            case SKLEARN_LEGACY:
                throw new IllegalArgumentException("scikit-learn has no KL divergence loss:"
                        + " the sklearn-legacy profile does not apply to it");
            default:
                break;
        }
    }

    private static String describe(Predictions form) {
        return form.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @Override
    public Predictions predictions() {
        return form;
    }

    @Override
    public int numClasses() {
        return k;
    }

    @Override
    public LossOptions options() {
        return options;
    }

    @Override
    public String className(int c) {
        return Integer.toString(Objects.checkIndex(c, k));
    }

    /**
     * Whether the target rows are given as natural logarithms ln t (PyTorch's
     * {@code log_target=True}).
     *
     * @return true after {@link #withLogTargets()}
     */
    public boolean logTargets() {
        return logTargets;
    }

    /**
     * The same loss with target rows given as natural logarithms ln t in [−∞, 0] (PyTorch's
     * {@code log_target=True}); their exponentials must sum to 1 within the row-sum tolerance
     * unless the profile is {@link Profile#PYTORCH}.
     *
     * @return a new loss
     * @throws IllegalArgumentException with the {@link Profile#KERAS} profile
     */
    public KlDivergenceLoss withLogTargets() {
        return new KlDivergenceLoss(k, form, options, true);
    }

    /**
     * The same loss with other options.
     *
     * @param newOptions the options
     * @return a new loss
     * @throws IllegalArgumentException if the options have class weights, label smoothing, the
     *     {@link Profile#SKLEARN_LEGACY} profile, or a profile that does not take this form
     */
    public KlDivergenceLoss withOptions(LossOptions newOptions) {
        return new KlDivergenceLoss(k, form, newOptions, logTargets);
    }

    /**
     * The same loss with another clipping policy ({@link LossOptions#withClipping}): predicted
     * probabilities clipped to [ε, 1 − ε] (log-probabilities clamped to [ln ε, ln(1 − ε)])
     * before the log-ratio.
     *
     * @param policy the policy
     * @return a new loss
     * @throws IllegalArgumentException if a profile fixes another clipping
     */
    public KlDivergenceLoss withClipping(Clipping policy) {
        return withOptions(options.withClipping(policy));
    }

    /**
     * The same loss with a peer's profile ({@link LossOptions#withProfile}; see the class
     * documentation for what each does here).
     *
     * @param profile the profile
     * @return a new loss
     * @throws IllegalArgumentException for {@link Profile#SKLEARN_LEGACY}, or a profile that does
     *     not take this form
     */
    public KlDivergenceLoss withProfile(Profile profile) {
        return withOptions(options.withProfile(profile));
    }

    /**
     * The same loss with another tolerance for |Σ row − 1|, for target and prediction rows
     * ({@link LossOptions#withRowSumTolerance}).
     *
     * @param tolerance an absolute tolerance in [0, 0.5)
     * @return a new loss
     * @throws IllegalArgumentException if the tolerance is NaN, negative or ≥ 0.5
     */
    public KlDivergenceLoss withRowSumTolerance(double tolerance) {
        return withOptions(options.withRowSumTolerance(tolerance));
    }

    /**
     * A new, empty streaming accumulator (constant memory).
     *
     * @return the accumulator
     */
    public KlDivergenceAccumulator accumulator() {
        return new KlDivergenceAccumulator(this, false);
    }

    /**
     * A {@link Collector} that feeds each stream element to an accumulator and merges partial
     * accumulators (parallel streams included), ending in a {@link LossSummary}.
     *
     * @param add how one element is added
     * @param <T> the element type
     * @return the collector
     */
    public <T> Collector<T, KlDivergenceAccumulator, LossSummary> collector(
            BiConsumer<KlDivergenceAccumulator, ? super T> add) {
        Objects.requireNonNull(add, "add");
        return Collector.of(this::accumulator, add::accept, KlDivergenceAccumulator::merge,
                LossAccumulator::summary);
    }

    /**
     * The loss of a batch, unweighted: the mean is Keras' {@code sum_over_batch_size} and
     * PyTorch's {@code 'batchmean'}.
     *
     * @param targets one target row of K per example (probabilities, or logarithms with
     *     {@link #withLogTargets()})
     * @param predictions one row of K per example, in this loss's form
     * @return the summary, with the per-example values
     * @throws LossInputException on bad input
     */
    public LossSummary evaluate(double[][] targets, double[][] predictions) {
        return evaluate(targets, predictions, null);
    }

    /**
     * The loss of a weighted batch: mean = Σ w<sub>n</sub>ℓ<sub>n</sub> / Σ w<sub>n</sub>.
     *
     * @param targets one target row of K per example
     * @param predictions one row of K per example, in this loss's form
     * @param sampleWeights w<sub>n</sub> ≥ 0, or null for all 1
     * @return the summary, with the per-example values
     * @throws LossInputException on bad input
     */
    public LossSummary evaluate(double[][] targets, double[][] predictions, double[] sampleWeights) {
        int n = Checks.lengths(targets.length, predictions.length, sampleWeights);
        KlDivergenceAccumulator acc = new KlDivergenceAccumulator(this, true);
        for (int i = 0; i < n; i++) {
            acc.add(targets[i], predictions[i], sampleWeights == null ? 1.0 : sampleWeights[i]);
        }
        return acc.summary();
    }

    /**
     * Whether another object is a KL loss of the same classes, form, target form and options.
     *
     * @param o another object
     * @return true if their accumulators may be merged
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof KlDivergenceLoss && ((KlDivergenceLoss) o).k == k
                && ((KlDivergenceLoss) o).form == form && ((KlDivergenceLoss) o).logTargets == logTargets
                && ((KlDivergenceLoss) o).options.equals(options);
    }

    @Override
    public int hashCode() {
        return Objects.hash(KlDivergenceLoss.class, k, form, logTargets, options);
    }

    /**
     * A description, e.g. {@code KL divergence over 3 classes from log-probabilities, clipping
     * exact (no clipping)}.
     */
    @Override
    public String toString() {
        return "KL divergence over " + k + " classes from " + describe(form)
                + (logTargets ? " with log targets" : "") + ", " + options;
    }
}
