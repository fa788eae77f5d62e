package dev.xent;

import dev.xent.sum.CompensatedSum;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A discrete probability distribution P = (p<sub>0</sub>, …, p<sub>n−1</sub>) over n events,
 * validated once, immutable afterwards.
 *
 * <p>Every instance satisfies, for n ≥ 1:
 * <ul>
 *   <li>each p<sub>i</sub> is finite and {@code >= 0} (NaN, ±∞ and negative entries are rejected;
 *       {@code -0.0} is stored as {@code 0.0});</li>
 *   <li>|Σ p<sub>i</sub> − 1| ≤ {@link #sumTolerance(int) sumTolerance(n)} = 8·n·2<sup>−52</sup>,
 *       where the sum is computed with compensated (Neumaier) summation, so that the check itself
 *       adds no error worth speaking of.</li>
 * </ul>
 *
 * <p><b>Why that tolerance.</b> Probabilities that sum to exactly 1 as decimals carry a rounding
 * error of at most half an ulp each once stored as doubles, less than 2<sup>−53</sup> in total. A
 * program that produced them by dividing weights by their plain (uncompensated) sum, or by a
 * softmax, adds up to about (n + 2)·2<sup>−53</sup> more. A bound of 8·n·2<sup>−52</sup> (about
 * 1.8e-15·n) accepts all of that with a wide margin, and still rejects any vector that is off by a
 * typo, a missing event or a float32 round trip: those are data errors, and xent never fixes them
 * silently. To rescale weights or counts on purpose, say so with {@link #normalize(double...)} or
 * {@link #fromCounts(long...)}. (scipy's {@code stats.entropy} and polars normalise silently;
 * {@code scipy.special.rel_entr} does not normalise but does not check either; xent checks and
 * refuses.)
 *
 * <p>Optional event labels (for example {@code red, green, blue}) are kept for display; they take no
 * part in the mathematics, but measures of two labelled distributions refuse to compare different
 * label lists.
 *
 * <p>Instances are immutable and thread-safe; accessors copy, never expose, the stored array.
 */
public final class Distribution {

    private final double[] p;
    private final List<String> labels;

    private Distribution(double[] p, List<String> labels) {
        this.p = p;
        this.labels = labels;
    }

    /**
     * The largest allowed |Σ p<sub>i</sub> − 1| for a distribution of {@code n} events:
     * {@code 8 * n * 2^-52} (see the class documentation for why).
     *
     * @param n the number of events, {@code >= 1}
     * @return the tolerance, e.g. about 5.3e-15 for n = 3
     */
    public static double sumTolerance(int n) {
        return 8.0 * Math.max(1, n) * Math.ulp(1.0);
    }

    /**
     * The distribution with the given probabilities, checked and copied.
     *
     * @param probabilities p<sub>0</sub>, …, p<sub>n−1</sub>; finite, {@code >= 0}, summing to 1
     *     within {@link #sumTolerance(int)}
     * @return the distribution
     * @throws IllegalArgumentException if the vector is empty, an entry is NaN, infinite, negative
     *     or greater than 1 (the message names the index and the value), or the sum is off by more
     *     than the tolerance (the message gives the sum and the tolerance)
     */
    public static Distribution of(double... probabilities) {
        Objects.requireNonNull(probabilities, "probabilities");
        double[] copy = probabilities.clone();
        check("probability", copy);
        double sum = CompensatedSum.of(copy);
        double tolerance = sumTolerance(copy.length);
        if (!(Math.abs(sum - 1.0) <= tolerance)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "probabilities sum to %s, which differs from 1 by %.3g, more than the tolerance"
                            + " %.3g for %d events; to rescale weights on purpose use"
                            + " Distribution.normalize(...)",
                    sum, Math.abs(sum - 1.0), tolerance, copy.length));
        }
        return new Distribution(copy, List.of());
    }

    /**
     * The distribution proportional to the given non-negative weights: p<sub>i</sub> =
     * w<sub>i</sub> / Σ w. This is the one place where xent normalises, and only because it was
     * asked to.
     *
     * <p>The total is computed with compensated summation; each p<sub>i</sub> then carries one
     * rounding of the division (at most half an ulp).
     *
     * @param weights w<sub>0</sub>, …, w<sub>n−1</sub>; finite, {@code >= 0}, not all zero
     * @return the normalised distribution
     * @throws IllegalArgumentException if the vector is empty, an entry is NaN, infinite or
     *     negative (naming index and value), all weights are zero, or their sum overflows
     */
    public static Distribution normalize(double... weights) {
        Objects.requireNonNull(weights, "weights");
        double[] w = weights.clone();
        checkEntries("weight", w, false);
        double total = CompensatedSum.of(w);
        if (!(total > 0.0)) {
            throw new IllegalArgumentException("cannot normalise: all " + w.length
                    + " weights are zero");
        }
        if (total == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("cannot normalise: the sum of the weights overflows"
                    + " a double; scale them down first");
        }
        for (int i = 0; i < w.length; i++) {
            w[i] = w[i] / total;
        }
        return new Distribution(w, List.of());
    }

    /**
     * The empirical distribution of observed counts: p<sub>i</sub> = c<sub>i</sub> / Σ c.
     *
     * @param counts c<sub>0</sub>, …, c<sub>n−1</sub>; {@code >= 0}, not all zero
     * @return the empirical distribution
     * @throws IllegalArgumentException if the vector is empty, a count is negative (naming the
     *     index and value) or all counts are zero
     */
    public static Distribution fromCounts(long... counts) {
        Objects.requireNonNull(counts, "counts");
        double[] w = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] < 0) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "count at index %d is negative: %d", i, counts[i]));
            }
            w[i] = counts[i];
        }
        return normalize(w);
    }

    /**
     * The uniform distribution on {@code n} events, p<sub>i</sub> = 1/n; its entropy is log n, the
     * largest of any distribution on n events.
     *
     * @param n the number of events, {@code >= 1}
     * @return the uniform distribution
     * @throws IllegalArgumentException if {@code n < 1}
     */
    public static Distribution uniform(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("a distribution needs at least one event, got n = " + n);
        }
        double[] u = new double[n];
        Arrays.fill(u, 1.0 / n);
        return new Distribution(u, List.of());
    }

    /**
     * The point mass (one-hot vector) on event {@code index}: probability 1 there and 0 elsewhere.
     * This is how a known class label is written as a distribution; its entropy is exactly 0.
     *
     * @param n the number of events, {@code >= 1}
     * @param index the certain event, {@code 0 <= index < n}
     * @return the point mass
     * @throws IllegalArgumentException if {@code n < 1} or {@code index} is out of range
     */
    public static Distribution oneHot(int n, int index) {
        if (n < 1) {
            throw new IllegalArgumentException("a distribution needs at least one event, got n = " + n);
        }
        if (index < 0 || index >= n) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "one-hot index %d is out of range for %d events (valid: 0 to %d)", index, n, n - 1));
        }
        double[] e = new double[n];
        e[index] = 1.0;
        return new Distribution(e, List.of());
    }

    /**
     * The Bernoulli distribution [1 − p, p] over the events {0, 1}: event 1 ("success", "class 1")
     * has probability {@code p}. The tutorial's binary-classification examples use exactly this
     * two-event form. 1 − p is computed in double and is exact for p ≥ 0.5 (Sterbenz); for smaller
     * p it carries at most half an ulp of rounding.
     *
     * @param p the probability of event 1, in [0, 1]
     * @return the distribution [1 − p, p]
     * @throws IllegalArgumentException if {@code p} is NaN or outside [0, 1]
     */
    public static Distribution bernoulli(double p) {
        if (!(p >= 0.0 && p <= 1.0)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "Bernoulli probability must be in [0, 1], got %s", p));
        }
        return new Distribution(new double[] {1.0 - p, p + 0.0}, List.of());
    }

    /**
     * The same probabilities with a label for each event, for display (e.g. {@code red, green,
     * blue}).
     *
     * @param eventLabels one non-blank, distinct label per event
     * @return a labelled copy
     * @throws IllegalArgumentException if the number of labels differs from {@link #size()}, or a
     *     label is blank or repeated
     */
    public Distribution withLabels(String... eventLabels) {
        return withLabels(Arrays.asList(eventLabels));
    }

    /**
     * The same probabilities with a label for each event.
     *
     * @param eventLabels one non-blank, distinct label per event
     * @return a labelled copy
     * @throws IllegalArgumentException if the number of labels differs from {@link #size()}, or a
     *     label is blank or repeated
     */
    public Distribution withLabels(List<String> eventLabels) {
        Objects.requireNonNull(eventLabels, "eventLabels");
        if (eventLabels.size() != p.length) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%d labels given for %d events", eventLabels.size(), p.length));
        }
        Set<String> seen = new HashSet<>();
        List<String> copy = new ArrayList<>(eventLabels.size());
        for (int i = 0; i < eventLabels.size(); i++) {
            String label = eventLabels.get(i);
            if (label == null || label.isBlank()) {
                throw new IllegalArgumentException("label at index " + i + " is blank");
            }
            if (!seen.add(label)) {
                throw new IllegalArgumentException("label '" + label + "' at index " + i
                        + " is repeated; labels must be distinct");
            }
            copy.add(label);
        }
        return new Distribution(p, Collections.unmodifiableList(copy));
    }

    /**
     * The number of events n.
     *
     * @return n, at least 1
     */
    public int size() {
        return p.length;
    }

    /**
     * The probability p<sub>i</sub> of event {@code i}.
     *
     * @param i the event's index, {@code 0 <= i < size()}
     * @return p<sub>i</sub>
     * @throws IndexOutOfBoundsException if {@code i} is out of range
     */
    public double probability(int i) {
        return p[i];
    }

    /**
     * A copy of the probabilities.
     *
     * @return a new array (p<sub>0</sub>, …, p<sub>n−1</sub>)
     */
    public double[] toArray() {
        return p.clone();
    }

    /**
     * Whether events carry labels.
     *
     * @return true if {@link #withLabels} was applied
     */
    public boolean hasLabels() {
        return !labels.isEmpty();
    }

    /**
     * The event labels, or an empty list when there are none.
     *
     * @return an unmodifiable list of {@link #size()} labels, or an empty list
     */
    public List<String> labels() {
        return labels;
    }

    /**
     * The label of event {@code i}, or its index as text when the events are not labelled.
     *
     * @param i the event's index
     * @return a display name for the event
     */
    public String label(int i) {
        return labels.isEmpty() ? Integer.toString(i) : labels.get(i);
    }

    /**
     * The sum Σ p<sub>i</sub>, computed with compensated summation; within
     * {@link #sumTolerance(int)} of 1.
     *
     * @return the total probability
     */
    public double sum() {
        return CompensatedSum.of(p);
    }

    /** The stored array itself, for the measures in this package; never handed to users. */
    double[] array() {
        return p;
    }

    /**
     * Checks that a raw array holds valid probabilities entry by entry — finite, in [0, 1] — without
     * checking the sum. Use it before the raw {@code double[]} methods of {@link InformationMeasures}
     * when the data comes from outside.
     *
     * @param name what the array is called in the message, e.g. {@code "Q"}
     * @param probabilities the array to check; not modified
     * @throws IllegalArgumentException naming the array, the index and the value of the first bad
     *     entry, or if the array is empty
     */
    public static void checkProbabilities(String name, double[] probabilities) {
        Objects.requireNonNull(probabilities, name);
        if (probabilities.length == 0) {
            throw new IllegalArgumentException(name + " is empty: a distribution needs at least one event");
        }
        for (int i = 0; i < probabilities.length; i++) {
            String problem = problem(probabilities[i], true);
            if (problem != null) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "%s: probability at index %d %s: %s", name, i, problem, probabilities[i]));
            }
        }
    }

    private static void check(String what, double[] values) {
        checkEntries(what, values, true);
    }

    private static void checkEntries(String what, double[] values, boolean atMostOne) {
        if (values.length == 0) {
            throw new IllegalArgumentException("empty vector: a distribution needs at least one event");
        }
        for (int i = 0; i < values.length; i++) {
            String problem = problem(values[i], atMostOne);
            if (problem != null) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "%s at index %d %s: %s", what, i, problem, values[i]));
            }
            values[i] += 0.0; // -0.0 becomes 0.0
        }
    }

    /** Why {@code v} is not an acceptable entry, or null; written so that NaN fails every test. */
    private static String problem(double v, boolean atMostOne) {
        if (Double.isNaN(v)) {
            return "is NaN";
        }
        if (Double.isInfinite(v)) {
            return "is infinite";
        }
        if (!(v >= 0.0)) {
            return "is negative";
        }
        if (atMostOne && !(v <= 1.0)) {
            return "is greater than 1";
        }
        return null;
    }

    /**
     * Equal when the probabilities are equal entry by entry (as {@link Double#compare}) and the
     * labels are equal.
     */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Distribution)) {
            return false;
        }
        Distribution other = (Distribution) o;
        return Arrays.equals(p, other.p) && labels.equals(other.labels);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(p) + labels.hashCode();
    }

    /**
     * The probabilities, with labels when present, e.g. {@code [red=0.1, green=0.4, blue=0.5]}.
     */
    @Override
    public String toString() {
        if (labels.isEmpty()) {
            return Arrays.toString(p);
        }
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < p.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(labels.get(i)).append('=').append(p[i]);
        }
        return sb.append(']').toString();
    }
}
