package dev.xent;

import java.util.Locale;
import java.util.Optional;

/**
 * The information measures of a discrete distribution — surprisal, entropy, cross-entropy and
 * Kullback–Leibler divergence — as a service that interchangeable backends provide.
 *
 * <h2>Definitions</h2>
 * For distributions P = (p<sub>i</sub>) and Q = (q<sub>i</sub>) over the same n events and a log
 * base b (the unit, see {@link LogBase}):
 * <pre>
 *   information (surprisal)  h(p)     = −log_b p
 *   entropy                  H(P)     = −Σ p_i log_b p_i
 *   cross-entropy            H(P, Q)  = −Σ p_i log_b q_i
 *   KL divergence            KL(P‖Q)  =  Σ p_i log_b (p_i / q_i)
 * </pre>
 * with H(P, Q) = H(P) + KL(P‖Q), H(P, P) = H(P), KL(P‖Q) ≥ 0 (Gibbs' inequality) and, in general,
 * H(P, Q) ≠ H(Q, P). Reference: T. M. Cover and J. A. Thomas, <i>Elements of Information
 * Theory</i>, 2nd ed., Wiley 2006, chapter 2.
 *
 * <h2>Conventions (every backend honours them; the verification kit checks them)</h2>
 * <table>
 *   <caption>Edge cases</caption>
 *   <tr><th>case</th><th>value</th><th>why</th></tr>
 *   <tr><td>p<sub>i</sub> = 0 in H(P)</td><td>term is 0</td><td>0·log 0 = 0, the limit of
 *       x log x as x → 0</td></tr>
 *   <tr><td>p<sub>i</sub> = 0 in H(P,Q) or KL, any q<sub>i</sub> (also 0)</td><td>term is 0</td>
 *       <td>an event that never happens costs nothing; 0·log(0/q) = 0</td></tr>
 *   <tr><td>p<sub>i</sub> &gt; 0 and q<sub>i</sub> = 0</td><td>H(P,Q) = KL(P‖Q) = +∞ exactly</td>
 *       <td>Q calls possible events impossible; no epsilon is ever added</td></tr>
 *   <tr><td>KL rounding below zero</td><td>0.0</td><td>KL ≥ 0 mathematically; a backend reports
 *       {@code max(0, computed)} and never a negative number</td></tr>
 *   <tr><td>one-hot P</td><td>H(P) = 0.0 exactly</td><td>1·log 1 = 0 and 0·log 0 = 0</td></tr>
 *   <tr><td>arrays of different lengths</td><td>{@link IllegalArgumentException}</td><td>the
 *       measures are defined on one set of events</td></tr>
 * </table>
 * Peers differ: scipy's {@code stats.entropy} silently normalises its inputs; the tutorial adds
 * 1e-15 inside the log (and so reports 9.8e-14 for the entropy of a one-hot label); Keras clips
 * probabilities to [1e-7, 1 − 1e-7]. xent computes the exact value; clipping, where a loss wants
 * it, is a named policy of the loss layer, never a hidden epsilon here.
 *
 * <h2>Two ways in</h2>
 * <ul>
 *   <li>On {@link Distribution}s, with the unit as an argument ({@link #entropy(Distribution,
 *       LogBase)} …): validated input, the safe choice.</li>
 *   <li>On raw {@code double[]} in nats ({@link #entropyNats(double[])} …) for hot loops: nothing is
 *       allocated per call and nothing is validated except the lengths. The caller promises that the
 *       entries are finite probabilities in [0, 1] (see
 *       {@link Distribution#checkProbabilities(String, double[])}); on other input the result is
 *       unspecified.</li>
 * </ul>
 *
 * <h2>For implementers</h2>
 * A backend is a public class with a public no-argument constructor, registered twice: in
 * {@code META-INF/services/dev.xent.InformationMeasures} (class path) and with
 * {@code provides dev.xent.InformationMeasures with …} in its {@code module-info.java} (module
 * path). It must be stateless and thread-safe, have a stable unique {@link #id()}, honour every
 * convention above, and declare what it promises: its {@link #accuracy()} (the bounds the
 * verification kit asserts against its oracle, and by which {@link Backends} ranks the default)
 * and its {@link #relativeCost()}. The kit, {@code dev.xent:xent-verification}, checks all of this:
 * a test class that extends its {@code InformationMeasuresVerification} and returns the backend.
 *
 * <p>A backend that needs something the running JVM may lack (an incubating JDK module, say) must
 * still load: its registered class refers to nothing optional, and it says through
 * {@link #unavailableReason()} why it cannot compute here and how to enable it. {@link Backends}
 * lists such a backend apart and never chooses it.
 */
public interface InformationMeasures {

    /**
     * The backend's stable, unique id, e.g. {@code "exact-sums"}; used by {@code -Dxent.backend=ID} and
     * {@link Backends#byId(String)}.
     *
     * @return a short lower-case id
     */
    String id();

    /**
     * A one-line description of how this backend computes.
     *
     * @return one sentence for listings such as {@code xent backends}
     */
    String description();

    /**
     * Why this backend cannot compute in the running JVM, if it cannot: empty when it is usable
     * (the default, and always the case for a backend that needs nothing optional), otherwise one
     * sentence naming what is missing and how to enable it, e.g. {@code "needs the module
     * jdk.incubator.vector: start java with --add-modules jdk.incubator.vector"}. An unavailable
     * backend still reports its {@link #id()} and {@link #description()}, its measures throw
     * {@link IllegalStateException} with this reason, and {@link Backends} lists it in
     * {@link Backends#unavailable()} instead of {@link Backends#all()}.
     *
     * @return empty if usable, else the reason and the remedy
     */
    default Optional<String> unavailableReason() {
        return Optional.empty();
    }

    /**
     * The accuracy this backend promises for H(P), H(P,Q) and KL(P‖Q) on valid input: the bounds
     * that the verification kit asserts against its high-precision oracle and by which
     * {@link Backends#defaultBackend()} ranks the installed backends. The default is
     * {@link Accuracy#FORMULAS_AS_WRITTEN}, what plain left-to-right sums with a correctly rounded
     * logarithm reach; a backend that computes more carefully declares its tighter bounds here,
     * and nowhere else.
     *
     * @return the promised bounds
     */
    default Accuracy accuracy() {
        return Accuracy.FORMULAS_AS_WRITTEN;
    }

    /**
     * The backend's cost per event, relative to a plain loop {@code s += p[i] * Math.log(q[i])} on
     * the same machine, for H(P,Q) at large n (about 10<sup>6</sup> events): 1 for a loop of
     * {@link Math#log}, 4 for one four times slower, 0.2 for a vectorised one five times faster.
     * Only the order matters: {@link Backends} uses it to choose between backends of equal
     * {@link #accuracy()}. The default is 1.
     *
     * @return a positive, finite ratio
     */
    default double relativeCost() {
        return 1.0;
    }

    /**
     * Entropy H(P) = −Σ p<sub>i</sub> ln p<sub>i</sub> in nats, on a raw array (see the class
     * documentation for the caller's promise). Terms with p<sub>i</sub> = 0 are 0.
     *
     * @param p the probabilities of P
     * @return H(P) in nats, {@code >= 0}
     */
    double entropyNats(double[] p);

    /**
     * Cross-entropy H(P, Q) = −Σ p<sub>i</sub> ln q<sub>i</sub> in nats, on raw arrays. Terms with
     * p<sub>i</sub> = 0 are 0; a term with p<sub>i</sub> &gt; 0 = q<sub>i</sub> makes the result
     * +∞.
     *
     * @param p the probabilities of P, the "true" distribution
     * @param q the probabilities of Q, the model
     * @return H(P, Q) in nats, {@code >= 0}, possibly +∞
     * @throws IllegalArgumentException if the lengths differ
     */
    double crossEntropyNats(double[] p, double[] q);

    /**
     * Kullback–Leibler divergence KL(P‖Q) = Σ p<sub>i</sub> ln(p<sub>i</sub>/q<sub>i</sub>) in
     * nats, on raw arrays. Terms with p<sub>i</sub> = 0 are 0; a term with p<sub>i</sub> &gt; 0 =
     * q<sub>i</sub> makes the result +∞; a sum that rounding pushes below 0 is reported as 0.
     *
     * @param p the probabilities of P
     * @param q the probabilities of Q
     * @return KL(P‖Q) in nats, {@code >= 0}, possibly +∞
     * @throws IllegalArgumentException if the lengths differ
     */
    double klDivergenceNats(double[] p, double[] q);

    /**
     * The information (surprisal, self-information) of an event of probability {@code p}:
     * h = −ln p in nats. h(1) = 0, h(0) = +∞; rare events carry more information. Accuracy: that of
     * the backend's logarithm ({@link Math#log}, within 1 ulp, unless the backend says otherwise).
     *
     * @param p a probability in [0, 1]
     * @return −ln p, {@code >= 0}, +∞ for p = 0
     * @throws IllegalArgumentException if {@code p} is NaN or outside [0, 1]
     */
    default double informationNats(double p) {
        if (!(p >= 0.0 && p <= 1.0)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "information needs a probability in [0, 1], got %s", p));
        }
        return p == 1.0 ? 0.0 : -Math.log(p);
    }

    /**
     * The information of an event of probability {@code p}, −log<sub>b</sub> p, in the given unit.
     *
     * @param p a probability in [0, 1]
     * @param unit the unit (log base) of the result
     * @return the surprisal in {@code unit}
     * @throws IllegalArgumentException if {@code p} is NaN or outside [0, 1]
     */
    default double information(double p, LogBase unit) {
        return unit.fromNats(informationNats(p));
    }

    /**
     * Entropy H(P) = −Σ p<sub>i</sub> log<sub>b</sub> p<sub>i</sub> in the given unit.
     *
     * @param p the distribution
     * @param unit the unit (log base) of the result
     * @return H(P), between 0 (a point mass) and log<sub>b</sub> n (the uniform distribution)
     */
    default double entropy(Distribution p, LogBase unit) {
        return unit.fromNats(entropyNats(p.array()));
    }

    /**
     * Cross-entropy H(P, Q) = −Σ p<sub>i</sub> log<sub>b</sub> q<sub>i</sub> in the given unit:
     * the average code length for events drawn from P with a code optimal for Q.
     *
     * @param p the distribution of the events
     * @param q the model distribution
     * @param unit the unit (log base) of the result
     * @return H(P, Q) ≥ H(P); +∞ if Q has a zero where P has mass
     * @throws IllegalArgumentException if P and Q have different numbers of events, or both are
     *     labelled with different labels
     */
    default double crossEntropy(Distribution p, Distribution q, LogBase unit) {
        requireSameEvents(p, q);
        return unit.fromNats(crossEntropyNats(p.array(), q.array()));
    }

    /**
     * KL divergence KL(P‖Q) = Σ p<sub>i</sub> log<sub>b</sub>(p<sub>i</sub>/q<sub>i</sub>) in the
     * given unit: the extra code length paid for using Q's code on P's events.
     *
     * @param p the distribution of the events
     * @param q the model distribution
     * @param unit the unit (log base) of the result
     * @return KL(P‖Q) ≥ 0, 0 iff P = Q; +∞ if Q has a zero where P has mass
     * @throws IllegalArgumentException if P and Q have different numbers of events, or both are
     *     labelled with different labels
     */
    default double klDivergence(Distribution p, Distribution q, LogBase unit) {
        requireSameEvents(p, q);
        return unit.fromNats(klDivergenceNats(p.array(), q.array()));
    }

    /**
     * Checks that two raw arrays describe the same number of events; backends call it first in
     * every two-argument measure.
     *
     * @param p the first array
     * @param q the second array
     * @throws IllegalArgumentException if the lengths differ, naming both
     */
    static void requireSameLength(double[] p, double[] q) {
        if (p.length != q.length) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "P has %d events but Q has %d: the measures compare distributions over the same"
                            + " events", p.length, q.length));
        }
    }

    private static void requireSameEvents(Distribution p, Distribution q) {
        requireSameLength(p.array(), q.array());
        if (p.hasLabels() && q.hasLabels() && !p.labels().equals(q.labels())) {
            throw new IllegalArgumentException("P's events " + p.labels() + " differ from Q's "
                    + q.labels());
        }
    }
}
