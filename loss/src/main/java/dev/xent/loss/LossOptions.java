package dev.xent.loss;

import dev.xent.Backends;
import dev.xent.Distribution;
import dev.xent.InformationMeasures;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The settings of a loss, as one immutable value: the clipping policy, label smoothing ε, class
 * weights, the row-sum tolerance and the backend. Every {@code with…} method validates its
 * argument and returns a new value; {@link #DEFAULTS} is where one starts. The typed losses
 * ({@link CrossEntropy}) take one, and two accumulators may be merged exactly when their losses
 * are of the same kind, form and classes and their options are {@linkplain #equals equal}.
 *
 * <ul>
 *   <li>{@link #withClipping(Clipping)}: the clipping policy, {@link Clipping#EXACT} by default.</li>
 *   <li>{@link #withProfile(Profile)}: a peer's whole treatment of imperfect predictions
 *       (clipping, rescaling of rows, log clamp), {@link Profile#EXACT} by default; a profile
 *       other than {@code EXACT} fixes the clipping.</li>
 *   <li>{@link #withLabelSmoothing(double)}: Keras' semantics — binary targets move towards 1/2,
 *       y' = y(1 − ε) + ε/2; categorical and sparse targets towards the uniform 1/K,
 *       t' = t(1 − ε) + ε/K.</li>
 *   <li>{@link #withClassWeights(double...)}: c<sub>k</sub> multiplies the weight of every example of
 *       class k (Keras' {@code class_weight}, PyTorch's {@code weight}); the weighted mean divides by
 *       Σ w<sub>n</sub>c(y<sub>n</sub>), as PyTorch's does. Needs hard targets (0/1,
 *       one-hot rows or class indices); a soft target with class weights is rejected, since which
 *       class's weight applies would be a guess. Their number must be the loss's K (checked when
 *       a loss takes these options).</li>
 *   <li>{@link #withRowSumTolerance(double)}: how far a prediction row (and a target row) may be
 *       from summing to 1. The default is {@link Distribution#sumTolerance(int)} for K classes,
 *       8·K·2<sup>−52</sup>: enough for doubles that came from a softmax or a division, strict
 *       enough to refuse rows that were never normalised. Predictions computed in float32 or
 *       printed with few decimals need a looser tolerance, e.g. 1e-6; say so explicitly. A row
 *       outside the tolerance is an error: xent never renormalises (scikit-learn before 1.5 and
 *       Keras' {@code categorical_crossentropy} did so silently; scikit-learn ≥ 1.5 raises),
 *       unless a {@link Profile} that rescales rows is set, and then prediction rows of
 *       probabilities are not checked against it. A binary loss has no rows and ignores it.</li>
 *   <li>{@link #using(InformationMeasures)}: the backend; {@link Backends#defaultBackend()}
 *       otherwise, looked up when a batch is computed or an accumulator created (only for
 *       {@link Predictions#PROBABILITIES}: logits and log-probabilities need no backend).</li>
 * </ul>
 *
 * <p>Equality: same clipping, same profile, same ε, same class weights (element by element), same tolerance (or
 * both the default), and the same backend <em>id</em> (or both the default), since partial results
 * computed by different backends differ in their last bits. Immutable and thread-safe.
 */
public final class LossOptions {

    /** Exact (no clipping), no smoothing, no class weights, the default tolerance and backend. */
    public static final LossOptions DEFAULTS =
            new LossOptions(Clipping.EXACT, 0.0, null, Double.NaN, null, Profile.EXACT);

    private final Clipping clipping;
    private final double smoothing;
    /** null when there are none. */
    private final double[] classWeights;
    /** NaN for the default {@link Distribution#sumTolerance(int)}. */
    private final double rowSumTolerance;
    /** null for {@link Backends#defaultBackend()}. */
    private final InformationMeasures backend;
    private final Profile profile;

    private LossOptions(Clipping clipping, double smoothing, double[] classWeights,
            double rowSumTolerance, InformationMeasures backend, Profile profile) {
        this.profile = profile;
        this.clipping = clipping;
        this.smoothing = smoothing;
        this.classWeights = classWeights;
        this.rowSumTolerance = rowSumTolerance;
        this.backend = backend;
    }

    /**
     * These options with another clipping policy.
     *
     * @param policy the policy
     * @return new options
     * @throws IllegalArgumentException if a profile other than {@link Profile#EXACT} is set and
     *     fixes a different clipping
     */
    public LossOptions withClipping(Clipping policy) {
        Objects.requireNonNull(policy, "policy");
        if (profile != Profile.EXACT && !policy.equals(profile.clipping())) {
            throw new IllegalArgumentException("the " + profile + " profile fixes the clipping at "
                    + profile.clipping() + ": a clipping policy " + policy + " would contradict it;"
                    + " use withProfile(Profile.EXACT) first to choose a clipping of your own");
        }
        return new LossOptions(policy, smoothing, classWeights, rowSumTolerance, backend, profile);
    }

    /**
     * These options with a peer's profile ({@link Profile}): its clipping, rescaling and log
     * clamp. {@link Profile#EXACT} turns a profile off again and resets the clipping to
     * {@link Clipping#EXACT}; any other profile sets the clipping to its own (a later
     * {@link #withClipping} with a different policy is refused).
     *
     * @param newProfile the profile
     * @return new options
     */
    public LossOptions withProfile(Profile newProfile) {
        Objects.requireNonNull(newProfile, "profile");
        Clipping c = newProfile == Profile.EXACT ? Clipping.EXACT : newProfile.clipping();
        return new LossOptions(c, smoothing, classWeights, rowSumTolerance, backend, newProfile);
    }

    /**
     * The peer profile.
     *
     * @return the profile, {@link Profile#EXACT} unless changed
     */
    public Profile profile() {
        return profile;
    }

    /**
     * These options with label smoothing ε (Keras' semantics, see the class documentation).
     *
     * @param epsilon ε in [0, 1]; 0 changes nothing
     * @return new options
     * @throws IllegalArgumentException if ε is NaN or outside [0, 1]
     */
    public LossOptions withLabelSmoothing(double epsilon) {
        if (!(epsilon >= 0.0 && epsilon <= 1.0)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "label smoothing must be in [0, 1], got %s", epsilon));
        }
        return new LossOptions(clipping, epsilon + 0.0, classWeights, rowSumTolerance, backend, profile);
    }

    /**
     * These options with class weights c<sub>0</sub>, …, c<sub>K−1</sub> (binary: c<sub>0</sub>,
     * c<sub>1</sub>), multiplying each example's weight by its class's.
     *
     * @param weights one finite weight ≥ 0 per class, not all 0 (copied)
     * @return new options
     * @throws IllegalArgumentException if a weight is NaN, infinite or negative (naming the class
     *     and the value), or all are 0, or there are fewer than 2
     */
    public LossOptions withClassWeights(double... weights) {
        Objects.requireNonNull(weights, "weights");
        if (weights.length < 2) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%d class weights given: a loss has at least 2 classes", weights.length));
        }
        boolean positive = false;
        for (int k = 0; k < weights.length; k++) {
            if (!(weights[k] >= 0.0 && weights[k] < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "class weight of class %d must be finite and >= 0, got %s", k, weights[k]));
            }
            positive |= weights[k] > 0.0;
        }
        if (!positive) {
            throw new IllegalArgumentException("all class weights are 0");
        }
        return new LossOptions(clipping, smoothing, weights.clone(), rowSumTolerance, backend, profile);
    }

    /**
     * These options with another tolerance for |Σ row − 1| (see the class documentation).
     *
     * @param tolerance an absolute tolerance, finite, in [0, 0.5)
     * @return new options
     * @throws IllegalArgumentException if the tolerance is NaN, negative or ≥ 0.5
     */
    public LossOptions withRowSumTolerance(double tolerance) {
        if (!(tolerance >= 0.0 && tolerance < 0.5)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "row-sum tolerance must be in [0, 0.5), got %s", tolerance));
        }
        return new LossOptions(clipping, smoothing, classWeights, tolerance + 0.0, backend, profile);
    }

    /**
     * These options with the given backend.
     *
     * @param measures the backend that computes the measures of probabilities
     * @return new options
     */
    public LossOptions using(InformationMeasures measures) {
        return new LossOptions(clipping, smoothing, classWeights, rowSumTolerance,
                Objects.requireNonNull(measures, "measures"), profile);
    }

    /**
     * The clipping policy.
     *
     * @return the policy, {@link Clipping#EXACT} unless changed
     */
    public Clipping clipping() {
        return clipping;
    }

    /**
     * The label smoothing ε.
     *
     * @return ε, 0 unless changed
     */
    public double labelSmoothing() {
        return smoothing;
    }

    /**
     * The class weights, if any.
     *
     * @return a copy of the weights, or empty
     */
    public Optional<double[]> classWeights() {
        return Optional.ofNullable(classWeights).map(double[]::clone);
    }

    /**
     * The tolerance for |Σ row − 1|, if one was set.
     *
     * @return the tolerance, or empty for the default 8·K·2<sup>−52</sup>
     *     ({@link Distribution#sumTolerance(int)})
     */
    public OptionalDouble rowSumTolerance() {
        return Double.isNaN(rowSumTolerance) ? OptionalDouble.empty()
                : OptionalDouble.of(rowSumTolerance);
    }

    /**
     * The tolerance for |Σ row − 1| that applies to rows of K entries.
     *
     * @param k the number of classes K, at least 1
     * @return the tolerance set, or else {@link Distribution#sumTolerance(int) sumTolerance(K)}
     */
    public double rowSumTolerance(int k) {
        return Double.isNaN(rowSumTolerance) ? Distribution.sumTolerance(k) : rowSumTolerance;
    }

    /**
     * The backend given to {@link #using}, if any.
     *
     * @return the backend, or empty for {@link Backends#defaultBackend()}
     */
    public Optional<InformationMeasures> backend() {
        return Optional.ofNullable(backend);
    }

    /** The number of class weights, 0 if none. */
    int classWeightCount() {
        return classWeights == null ? 0 : classWeights.length;
    }

    /** Whether class weights are set. */
    boolean hasClassWeights() {
        return classWeights != null;
    }

    /** The class weight of class k (1 without class weights). */
    double classWeight(int k) {
        return classWeights == null ? 1.0 : classWeights[k];
    }

    /**
     * Whether other options are the same (see the class documentation: the backend by id).
     *
     * @param o another object
     * @return true if these options would compute the same losses
     */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof LossOptions)) {
            return false;
        }
        LossOptions x = (LossOptions) o;
        return clipping.equals(x.clipping) && profile == x.profile && Double.compare(smoothing, x.smoothing) == 0
                && Arrays.equals(classWeights, x.classWeights)
                && Double.compare(rowSumTolerance, x.rowSumTolerance) == 0
                && Objects.equals(backendId(), x.backendId());
    }

    @Override
    public int hashCode() {
        return Objects.hash(clipping, profile, smoothing, Arrays.hashCode(classWeights), rowSumTolerance,
                backendId());
    }

    private String backendId() {
        return backend == null ? null : backend.id();
    }

    /**
     * A description, e.g. {@code clipping keras (eps = 1.0E-7), label smoothing 0.1}.
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (profile != Profile.EXACT) {
            sb.append("profile ").append(profile).append(", ");
        }
        sb.append("clipping ").append(clipping);
        if (smoothing > 0.0) {
            sb.append(", label smoothing ").append(smoothing);
        }
        if (classWeights != null) {
            sb.append(", class weights ").append(Arrays.toString(classWeights));
        }
        if (!Double.isNaN(rowSumTolerance)) {
            sb.append(", row-sum tolerance ").append(rowSumTolerance);
        }
        if (backend != null) {
            sb.append(", backend ").append(backend.id());
        }
        return sb.toString();
    }
}
