package dev.xent;

import dev.xent.special.Elementwise;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
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
 * <h2>The rest of the family (default methods, so every backend has them)</h2>
 * <ul>
 *   <li>Per-event terms — each event's contribution as a result of its own:
 *       {@link #entropyTerms}, {@link #crossEntropyTerms}, {@link #klDivergenceTerms} (and the raw
 *       {@code …TermsNats}), with the conventions above; KL's terms may be negative and sum to KL.</li>
 *   <li>The Jensen–Shannon divergence JS(P, Q) = ½KL(P‖M) + ½KL(Q‖M), M = ½(P + Q), its square
 *       root the JS distance, and the weighted JS<sub>π</sub> of several distributions:
 *       {@link #jensenShannonDivergence(Distribution, Distribution, LogBase)},
 *       {@link #jensenShannonDistance}, {@link #jensenShannonDivergence(java.util.List, double[], LogBase)}
 *       (J. Lin, IEEE Trans. Inf. Theory 37(1), 1991; D. M. Endres and J. E. Schindelin, IEEE
 *       Trans. Inf. Theory 49(7), 2003).</li>
 *   <li>{@link #perplexity}: b<sup>H<sub>b</sub>(P)</sup>, the same in every base.</li>
 *   <li>Bulk information for the loss layer's batches: {@link #informationNats(double[], int, int, double[])}
 *       (−ln p<sub>i</sub> over a range, and its compensated sum) and
 *       {@link #bernoulliInformationNats} (−ln p or −ln(1 − p) by outcome, and the sums by
 *       outcome), {@link #bernoulliLogitInformationNats} (the same from log-odds), which report bad input in their result instead of throwing.</li>
 * </ul>
 * scipy.special's elementwise {@code entr}, {@code rel_entr} and {@code kl_div} are in
 * {@link dev.xent.special.Elementwise}.
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

    // ------------------------------------------------------------------ per-event terms

    /**
     * The per-event terms of H(P) in nats, −p<sub>i</sub> ln p<sub>i</sub> ({@link Elementwise#entr}),
     * 0 where p<sub>i</sub> = 0; they sum to {@link #entropyNats(double[])} within the backend's
     * declared accuracy plus the rounding of their sum. Each term is within about 2 ulps.
     *
     * @param p the probabilities (the caller's promise of the class documentation)
     * @return a new array of n terms, each ≥ 0
     */
    default double[] entropyTermsNats(double[] p) {
        return Elementwise.entr(p);
    }

    /**
     * The per-event terms of H(P, Q) in nats, −p<sub>i</sub> ln q<sub>i</sub>: 0 where p<sub>i</sub>
     * = 0 (whatever q<sub>i</sub>), +∞ where p<sub>i</sub> &gt; 0 = q<sub>i</sub>. Each within about
     * 2 ulps.
     *
     * @param p the probabilities of P
     * @param q the probabilities of Q
     * @return a new array of n terms, each ≥ 0, possibly +∞
     * @throws IllegalArgumentException if the lengths differ
     */
    default double[] crossEntropyTermsNats(double[] p, double[] q) {
        requireSameLength(p, q);
        double[] t = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            t[i] = p[i] > 0.0 ? (q[i] == 1.0 ? 0.0 : -p[i] * Math.log(q[i])) : 0.0;
        }
        return t;
    }

    /**
     * The per-event terms of KL(P‖Q) in nats, p<sub>i</sub> ln(p<sub>i</sub>/q<sub>i</sub>)
     * ({@link Elementwise#relEntr}, the careful log-ratio): 0 where p<sub>i</sub> = 0, +∞ where
     * p<sub>i</sub> &gt; 0 = q<sub>i</sub>, negative where p<sub>i</sub> &lt; q<sub>i</sub>. They
     * sum to KL(P‖Q) (before KL's clamp at 0) within the backend's declared accuracy plus the
     * rounding of their sum; each term is within about 3 ulps.
     *
     * @param p the probabilities of P
     * @param q the probabilities of Q
     * @return a new array of n terms
     * @throws IllegalArgumentException if the lengths differ
     */
    default double[] klDivergenceTermsNats(double[] p, double[] q) {
        requireSameLength(p, q);
        return Elementwise.relEntr(p, q);
    }

    /**
     * Each event's contribution to H(P) = −Σ p<sub>i</sub> log<sub>b</sub> p<sub>i</sub>, in the
     * given unit, in event order (0·log 0 = 0).
     *
     * @param p the distribution
     * @param unit the unit of the terms
     * @return a new array of n terms ≥ 0
     */
    default double[] entropyTerms(Distribution p, LogBase unit) {
        return inUnit(entropyTermsNats(p.array()), unit);
    }

    /**
     * Each event's contribution to H(P, Q) = −Σ p<sub>i</sub> log<sub>b</sub> q<sub>i</sub>, in the
     * given unit (0 where p<sub>i</sub> = 0; +∞ where p<sub>i</sub> &gt; 0 = q<sub>i</sub>).
     *
     * @param p the distribution of the events
     * @param q the model distribution
     * @param unit the unit of the terms
     * @return a new array of n terms ≥ 0
     * @throws IllegalArgumentException if P and Q have different numbers of events or labels
     */
    default double[] crossEntropyTerms(Distribution p, Distribution q, LogBase unit) {
        requireSameEvents(p, q);
        return inUnit(crossEntropyTermsNats(p.array(), q.array()), unit);
    }

    /**
     * Each event's contribution to KL(P‖Q) = Σ p<sub>i</sub> log<sub>b</sub>(p<sub>i</sub>/q<sub>i</sub>),
     * in the given unit: 0 where p<sub>i</sub> = 0, +∞ where p<sub>i</sub> &gt; 0 = q<sub>i</sub>,
     * negative where p<sub>i</sub> &lt; q<sub>i</sub>; the terms sum to KL.
     *
     * @param p the distribution of the events
     * @param q the model distribution
     * @param unit the unit of the terms
     * @return a new array of n terms
     * @throws IllegalArgumentException if P and Q have different numbers of events or labels
     */
    default double[] klDivergenceTerms(Distribution p, Distribution q, LogBase unit) {
        requireSameEvents(p, q);
        return inUnit(klDivergenceTermsNats(p.array(), q.array()), unit);
    }

    private static double[] inUnit(double[] nats, LogBase unit) {
        for (int i = 0; i < nats.length; i++) {
            nats[i] = unit.fromNats(nats[i]);
        }
        return nats;
    }

    // ------------------------------------------------------------------ Jensen–Shannon

    /**
     * The Jensen–Shannon divergence in nats on raw arrays:
     * JS(P, Q) = ½ KL(P‖M) + ½ KL(Q‖M), M = ½(P + Q).
     *
     * <p><b>How.</b> Neither the entropy form H(M) − ½(H(P) + H(Q)) (Lin's definition) nor the KL
     * form as two calls of {@link #klDivergenceNats} keeps the digits of a small JS: the first
     * subtracts numbers of order H from a result of order ‖P − Q‖²; the second adds two KLs whose
     * terms cancel (an absolute error of order u·Σ|p ln(p/m)|), and each KL is clamped at 0, which
     * loses the negative part that vectors summing to 1 only within ulps can have — measured: a
     * relative error of up to 4·10<sup>4</sup> on nearby pairs with a true JS of 10<sup>−21</sup>.
     * xent sums, per event, the non-negative terms of scipy's {@code kl_div}
     * ({@link Elementwise#klDiv}, computed without cancellation):
     * <pre>
     *   JS = Σ_i ½ kl_div(p_i, m_i) + ½ kl_div(q_i, m_i),   kl_div(x, y) = x ln(x/y) − x + y ≥ 0
     * </pre>
     * which equals the KL form exactly, since Σ(m_i − ½p_i − ½q_i) = 0. It is also insensitive to
     * the rounding of m<sub>i</sub> = ½p<sub>i</sub> + ½q<sub>i</sub> to first order (the
     * derivative of the summand in m<sub>i</sub> is 1 − (p<sub>i</sub> + q<sub>i</sub>)/(2m<sub>i</sub>)
     * = 0). The terms are added with Neumaier's compensated sum. The computation is the same for
     * every backend (a backend may override it).
     *
     * <p><b>Accuracy.</b> Every term is ≥ 0, so nothing cancels: within about 8 ulps of the true
     * value (each kl_div within about 8 ulps, the compensated sum within 2), plus the second-order
     * effect of rounding M, an absolute error of about Σ Δ<sub>i</sub>²/(2m<sub>i</sub>) ≤ 2<sup>−108</sup>
     * (Δ<sub>i</sub> ≤ u·m<sub>i</sub>/2), which matters only for a JS below about 10<sup>−17</sup>.
     * Measured against mpmath on 200 nearby pairs with JS from 10<sup>−21</sup> to
     * 10<sup>−5</sup>: median relative error 8·10<sup>−17</sup>, at most 1.4·10<sup>−12</sup> (at
     * JS = 1.3·10<sup>−21</sup>); the same in every backend. The result is clamped
     * to [0, ln 2] and is exactly 0 when P = Q. Reference: J. Lin, "Divergence measures based on the
     * Shannon entropy", IEEE Trans. Inf. Theory 37(1), 1991; scipy.spatial.distance.jensenshannon
     * returns its square root.
     *
     * @param p the probabilities of P
     * @param q the probabilities of Q
     * @return JS(P, Q) in nats, in [0, ln 2]
     * @throws IllegalArgumentException if the lengths differ
     */
    default double jensenShannonDivergenceNats(double[] p, double[] q) {
        requireSameLength(p, q);
        if (Arrays.equals(p, q)) {
            return 0.0;
        }
        dev.xent.sum.CompensatedSum sum = new dev.xent.sum.CompensatedSum();
        for (int i = 0; i < p.length; i++) {
            double m = 0.5 * p[i] + 0.5 * q[i];
            // one term per event, a + b commutative: the result is exactly symmetric in P and Q
            sum.add(0.5 * Elementwise.klDiv(p[i], m) + 0.5 * Elementwise.klDiv(q[i], m));
        }
        return Math.min(LogBase.BITS.lnBase(), Math.max(0.0, sum.value()));  // ln 2: 1 bit
    }

    /**
     * The Jensen–Shannon divergence JS(P, Q) = ½ KL(P‖M) + ½ KL(Q‖M), M = ½(P + Q), in the given
     * unit: symmetric, 0 iff P = Q (exactly 0.0 then), at most log<sub>b</sub> 2 (1 bit) and
     * finite even where P and Q have disjoint supports. See {@link #jensenShannonDivergenceNats}
     * for how it is computed and its accuracy.
     *
     * @param p one distribution
     * @param q the other distribution
     * @param unit the unit of the result
     * @return JS(P, Q) in [0, log_b 2]
     * @throws IllegalArgumentException if P and Q have different numbers of events or labels
     */
    default double jensenShannonDivergence(Distribution p, Distribution q, LogBase unit) {
        requireSameEvents(p, q);
        return unit.fromNats(jensenShannonDivergenceNats(p.array(), q.array()));
    }

    /**
     * The Jensen–Shannon distance √JS(P, Q) in the given unit (JS in that unit, then the square
     * root, as scipy.spatial.distance.jensenshannon with {@code base}): a metric on distributions,
     * satisfying the triangle inequality (D. M. Endres and J. E. Schindelin, "A new metric for
     * probability distributions", IEEE Trans. Inf. Theory 49(7), 2003). Relative error about half
     * that of JS plus 1 ulp.
     *
     * @param p one distribution
     * @param q the other distribution
     * @param unit the unit of the JS under the root
     * @return √JS in [0, √(log_b 2)]
     * @throws IllegalArgumentException if P and Q have different numbers of events or labels
     */
    default double jensenShannonDistance(Distribution p, Distribution q, LogBase unit) {
        return Math.sqrt(jensenShannonDivergence(p, q, unit));
    }

    /**
     * The generalised Jensen–Shannon divergence of k distributions with weights π (Lin 1991, eq. 5.1):
     * <pre>
     *   JS_π(P_1, …, P_k) = H(Σ π_j P_j) − Σ π_j H(P_j) = Σ π_j KL(P_j ‖ M),   M = Σ π_j P_j
     * </pre>
     * computed, as {@link #jensenShannonDivergenceNats}, as the compensated sum of the non-negative
     * terms π<sub>j</sub>·kl_div(p<sub>ji</sub>, m<sub>i</sub>) (equal to the KL form since
     * Σ(m<sub>i</sub> − Σ π<sub>j</sub>p<sub>ji</sub>) = 0, and insensitive to m's rounding to first
     * order), with m<sub>i</sub> accumulated with exact products and a compensated sum: within about
     * 10 ulps of the true value.
     * 0 ≤ JS_π ≤ H(π) ≤ log<sub>b</sub> k; exactly 0 when every P<sub>j</sub> with weight &gt; 0 is
     * the same. With k = 2 and π = (½, ½) it is JS(P, Q). (The second-order effect of rounding M,
     * an absolute error below about 2<sup>−106</sup>, as for two distributions.)
     *
     * @param distributions P<sub>1</sub>, …, P<sub>k</sub>, k ≥ 1, over the same events (and labels)
     * @param weights π<sub>1</sub>, …, π<sub>k</sub>: a probability vector (finite, ≥ 0, summing to 1
     *     within {@link Distribution#sumTolerance(int)})
     * @param unit the unit of the result
     * @return JS_π in the given unit, ≥ 0
     * @throws IllegalArgumentException if there are no distributions, the numbers of distributions
     *     and weights differ, the distributions differ in length or labels (naming the index), or
     *     the weights are not a distribution (naming the index and the value)
     */
    default double jensenShannonDivergence(List<Distribution> distributions, double[] weights, LogBase unit) {
        Objects.requireNonNull(distributions, "distributions");
        Objects.requireNonNull(weights, "weights");
        if (distributions.isEmpty()) {
            throw new IllegalArgumentException("the weighted Jensen-Shannon divergence needs at least one distribution");
        }
        if (distributions.size() != weights.length) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%d distributions but %d weights: give one weight per distribution",
                    distributions.size(), weights.length));
        }
        try {
            Distribution.of(weights);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the weights are not a probability vector: "
                    + e.getMessage().replace("probability at index", "weight at index")
                            .replaceFirst("; to rescale weights on purpose use Distribution\\.normalize\\(\\.\\.\\.\\)$", ""), e);
        }
        Distribution first = distributions.get(0);
        for (int j = 1; j < distributions.size(); j++) {
            Distribution d = distributions.get(j);
            if (d.size() != first.size()) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "distribution %d has %d events but distribution 0 has %d", j, d.size(), first.size()));
            }
            if (d.hasLabels() && first.hasLabels() && !d.labels().equals(first.labels())) {
                throw new IllegalArgumentException("distribution " + j + "'s events " + d.labels()
                        + " differ from distribution 0's " + first.labels());
            }
        }
        double[] reference = null;
        boolean allSame = true;
        for (int j = 0; j < distributions.size(); j++) {
            if (weights[j] > 0.0) {
                double[] pj = distributions.get(j).array();
                allSame &= reference == null || Arrays.equals(pj, reference);
                reference = reference == null ? pj : reference;
            }
        }
        if (allSame) {
            return 0.0;                     // every distribution with weight > 0 is the same: M = P
        }
        dev.xent.sum.CompensatedSum js = new dev.xent.sum.CompensatedSum();
        for (int i = 0; i < first.size(); i++) {
            // m_i = Σ π_j p_ji with exact products (fma) and a Neumaier sum
            double hi = 0.0;
            double lo = 0.0;
            for (int j = 0; j < weights.length; j++) {
                double pj = distributions.get(j).array()[i];
                double a = weights[j] * pj;
                double t = hi + a;
                lo += dev.xent.sum.CompensatedSum.error(hi, a, t) + Math.fma(weights[j], pj, -a);
                hi = t;
            }
            double m = hi + lo;
            for (int j = 0; j < weights.length; j++) {
                if (weights[j] > 0.0) {
                    js.add(weights[j] * Elementwise.klDiv(distributions.get(j).array()[i], m));
                }
            }
        }
        return unit.fromNats(Math.max(0.0, js.value()));
    }

    // ------------------------------------------------------------------ bulk information (the loss layer's batches)

    /**
     * The information of many events at once, and its sum: out<sub>i</sub> = −ln p<sub>i</sub> in
     * nats for i in [from, to), returning Σ<sub>i</sub> out<sub>i</sub> compensated (Neumaier). The
     * loss layer's batch of negative log-likelihoods −ln q<sub>y</sub> (sparse categorical
     * cross-entropy), which a backend may compute several at a time.
     *
     * <p><b>Edge cases.</b> p = 1 gives +0 (never −0); p = 0 gives +∞, and the sum is then +∞; a
     * subnormal p gives its finite information (at most 744.44 nats). <b>Bad input is reported,
     * not thrown:</b> if some p<sub>i</sub> is NaN or outside [0, 1], the result is NaN (and what
     * was written to out is unspecified), so that a caller can validate a whole batch in the same
     * pass and look for the bad entry only then.
     *
     * <p><b>Accuracy (the same promise for every backend, asserted by the verification kit; not
     * part of {@link #accuracy()}, which covers the three measures).</b> Each out<sub>i</sub> is
     * within 4 ulps of −ln p<sub>i</sub> (this default: the backend's own
     * {@link #informationNats(double)}, so the terms are exactly the scalar operation's); the
     * returned sum is within 2 ulps of the exact sum of the out<sub>i</sub> written,
     * plus n·2<sup>−106</sup> relative (every term has one sign: nothing cancels).
     *
     * @param p the probabilities
     * @param from the first index, inclusive
     * @param to the last index, exclusive
     * @param out receives out[i] = −ln p[i] for i in [from, to); may be {@code p} itself
     * @return Σ out[i] over [from, to), ≥ 0, +∞ if some p[i] = 0, NaN if some p[i] is not a
     *     probability; 0 for an empty range
     * @throws IndexOutOfBoundsException if [from, to) is not a range of both arrays
     */
    default double informationNats(double[] p, int from, int to, double[] out) {
        Objects.checkFromToIndex(from, to, p.length);
        Objects.checkFromToIndex(from, to, out.length);
        double s = 0.0;
        double c = 0.0;
        boolean valid = true;
        for (int i = from; i < to; i++) {
            double pi = p[i];
            boolean probability = pi >= 0.0 && pi <= 1.0;
            valid &= probability;
            double h = probability ? informationNats(pi) : Double.NaN;
            out[i] = h;
            double t = s + h;
            c += dev.xent.sum.CompensatedSum.error(s, h, t);
            s = t;
        }
        return valid ? dev.xent.sum.CompensatedSum.value(s, c) : Double.NaN;
    }

    /**
     * The information of the observed outcomes of Bernoulli trials, and its sums by outcome: for
     * i in [from, to), with y<sub>i</sub> ∈ {0, 1} the outcome and p<sub>i</sub> = P(Y<sub>i</sub>
     * = 1),
     * <pre>
     *   out_i = −ln p_i          if y_i = 1
     *   out_i = −ln(1 − p_i)     if y_i = 0
     * </pre>
     * in nats; {@code sums[0]} receives Σ out<sub>i</sub> over the i with y<sub>i</sub> = 0 and
     * {@code sums[1]} over those with y<sub>i</sub> = 1, each compensated (Neumaier); the result
     * is the number of outcomes 1. The loss layer's batch of binary cross-entropies on labels.
     * −ln(1 − p) is computed without forming 1 − p where that would lose digits: as −log1p(−p)
     * for p ≤ ½ (p = 10<sup>−10</sup> gives 1.00000000005e-10, not the 1.000000082790371e-10 of
     * −ln(fl(1 − p))), and as −ln of the exact 1 − p (Sterbenz) above ½.
     *
     * <p><b>Edge cases.</b> A certain outcome (p = 1 with y = 1, p = 0 with y = 0) gives +0; an
     * impossible one (p = 0 with y = 1, p = 1 with y = 0) gives +∞, and its outcome's sum is then
     * +∞; a subnormal p gives finite values; y = −0.0 is the outcome 0. <b>Bad input is reported,
     * not thrown:</b> if some y<sub>i</sub> is not 0 or 1 (a soft target included) or some
     * p<sub>i</sub> is NaN or outside [0, 1], the result is −1 (and out and sums are unspecified),
     * so that a caller can validate a whole batch in the same pass and look for the bad entry only
     * then.
     *
     * <p><b>Accuracy (the same promise for every backend, asserted by the verification kit; not
     * part of {@link #accuracy()}).</b> Each out<sub>i</sub> within 4 ulps of its exact value (this
     * default: the backend's own {@link #informationNats(double)}, of p or of the exact 1 − p, and
     * {@link Math#log1p}, so the terms are exactly the loss layer's per-example ones); each sum within 2 ulps
     * of the exact sum of its out<sub>i</sub>, plus n·2<sup>−106</sup> relative.
     *
     * @param y the outcomes, 0 or 1
     * @param p the probabilities of outcome 1
     * @param from the first index, inclusive
     * @param to the last index, exclusive
     * @param out receives out[i] for i in [from, to); may be {@code p} itself
     * @param sums receives, at indices 0 and 1, the sums of the out[i] with y[i] = 0 and with
     *     y[i] = 1 (0 for an outcome that does not occur)
     * @return the number of i in [from, to) with y[i] = 1, or −1 if some y[i] or p[i] is outside
     *     its domain
     * @throws IndexOutOfBoundsException if [from, to) is not a range of y, p and out, or sums has
     *     fewer than 2 entries
     */
    default long bernoulliInformationNats(double[] y, double[] p, int from, int to, double[] out,
            double[] sums) {
        Objects.checkFromToIndex(from, to, y.length);
        Objects.checkFromToIndex(from, to, p.length);
        Objects.checkFromToIndex(from, to, out.length);
        Objects.checkIndex(1, sums.length);
        double s0 = 0.0;
        double c0 = 0.0;
        double s1 = 0.0;
        double c1 = 0.0;
        long ones = 0;
        boolean valid = true;
        for (int i = from; i < to; i++) {
            double pi = p[i];
            double yi = y[i];
            if (!((yi == 0.0 || yi == 1.0) && pi >= 0.0 && pi <= 1.0)) {
                valid = false;
                pi = 0.5;       // any probability: the result reports the bad input
            }
            if (yi == 1.0) {
                ones++;
                double h = informationNats(pi);
                out[i] = h;
                double t = s1 + h;
                c1 += dev.xent.sum.CompensatedSum.error(s1, h, t);
                s1 = t;
            } else {
                double h = pi <= 0.5 ? 0.0 - Math.log1p(-pi) : informationNats(1.0 - pi);
                out[i] = h;
                double t = s0 + h;
                c0 += dev.xent.sum.CompensatedSum.error(s0, h, t);
                s0 = t;
            }
        }
        sums[0] = dev.xent.sum.CompensatedSum.value(s0, c0);
        sums[1] = dev.xent.sum.CompensatedSum.value(s1, c1);
        return valid ? ones : -1;
    }

    /**
     * The information of the observed outcomes of Bernoulli trials given by their log-odds
     * (logits), and its sums by outcome: for i in [from, to), with y<sub>i</sub> ∈ {0, 1} and
     * P(Y<sub>i</sub> = 1) = σ(z<sub>i</sub>) = 1/(1 + e<sup>−z<sub>i</sub></sup>),
     * <pre>
     *   out_i = −ln σ(z_i)       = softplus(−z_i)     if y_i = 1
     *   out_i = −ln(1 − σ(z_i))  = softplus(z_i)      if y_i = 0
     *   softplus(x) = ln(1 + e^x) = max(x, 0) + log1p(e^−|x|)
     * </pre>
     * in nats, never through σ(z) itself (which rounds to 0 or 1 for |z| beyond about 37, and
     * underflows below z ≈ −745): every term is finite and ≥ 0, and equals |z| (rounded) for the
     * wrong class once |z| ≥ 40. {@code sums} and the result as in {@link #bernoulliInformationNats}.
     * The loss layer's batch of binary cross-entropies from logits (PyTorch's
     * {@code BCEWithLogitsLoss}).
     *
     * <p><b>Edge cases.</b> z = 0 gives ln 2; z = ±{@link Double#MAX_VALUE} gives 0 or the
     * largest double; a sum beyond the largest double is +∞. <b>Bad input is reported, not
     * thrown:</b> if some y<sub>i</sub> is not 0 or 1 or some z<sub>i</sub> is not finite, the
     * result is −1 (and out and sums are unspecified).
     *
     * <p><b>Accuracy (the same promise for every backend, asserted by the verification kit; not
     * part of {@link #accuracy()}).</b> Each out<sub>i</sub> within 4 ulps of its exact value (this
     * default: {@link Math#exp} and {@link Math#log1p}, each within 1 ulp, and one addition); each
     * sum within 2 ulps of the exact sum of its out<sub>i</sub>, plus n·2<sup>−106</sup> relative.
     *
     * @param y the outcomes, 0 or 1
     * @param z the log-odds of outcome 1, finite
     * @param from the first index, inclusive
     * @param to the last index, exclusive
     * @param out receives out[i] for i in [from, to); may be {@code z} itself
     * @param sums receives, at indices 0 and 1, the sums of the out[i] with y[i] = 0 and with
     *     y[i] = 1 (0 for an outcome that does not occur)
     * @return the number of i in [from, to) with y[i] = 1, or −1 if some y[i] or z[i] is outside
     *     its domain
     * @throws IndexOutOfBoundsException if [from, to) is not a range of y, z and out, or sums has
     *     fewer than 2 entries
     */
    default long bernoulliLogitInformationNats(double[] y, double[] z, int from, int to, double[] out,
            double[] sums) {
        Objects.checkFromToIndex(from, to, y.length);
        Objects.checkFromToIndex(from, to, z.length);
        Objects.checkFromToIndex(from, to, out.length);
        Objects.checkIndex(1, sums.length);
        double s0 = 0.0;
        double c0 = 0.0;
        double s1 = 0.0;
        double c1 = 0.0;
        long ones = 0;
        boolean valid = true;
        for (int i = from; i < to; i++) {
            double yi = y[i];
            double zi = z[i];
            valid &= (yi == 0.0 || yi == 1.0) && Math.abs(zi) < Double.POSITIVE_INFINITY;
            if (yi == 1.0) {
                ones++;
                double x = -zi;
                double h = x > 0.0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
                out[i] = h;
                double t = s1 + h;
                c1 += dev.xent.sum.CompensatedSum.error(s1, h, t);
                s1 = t;
            } else {
                double h = zi > 0.0 ? zi + Math.log1p(Math.exp(-zi)) : Math.log1p(Math.exp(zi));
                out[i] = h;
                double t = s0 + h;
                c0 += dev.xent.sum.CompensatedSum.error(s0, h, t);
                s0 = t;
            }
        }
        sums[0] = dev.xent.sum.CompensatedSum.value(s0, c0);
        sums[1] = dev.xent.sum.CompensatedSum.value(s1, c1);
        return valid ? ones : -1;
    }

    // ------------------------------------------------------------------ perplexity

    /**
     * The perplexity of P, b<sup>H<sub>b</sub>(P)</sup>: the same number in every base, the
     * "effective number of equally likely events" (1 for a point mass, n for the uniform
     * distribution on n events). Computed as 2<sup>H(P) in bits</sup> with {@link Math#pow} (exact
     * for an integer exponent), H(P) being the compensated sum ({@link dev.xent.sum.CompensatedSum})
     * of this backend's {@link #entropyTermsNats per-event terms}, converted to bits. Why not the
     * backend's {@link #entropyNats}: plain left-to-right sums (the formulas as written) of the
     * 2<sup>k</sup> equal terms of a uniform distribution round (H(uniform(32)) is then not exactly
     * 5 bits), while the compensated sum of equal terms 2<sup>−k</sup>·ln 2<sup>k</sup> is exact; so
     * uniform(2<sup>k</sup>) has perplexity exactly 2<sup>k</sup> in every bundled backend (k ≤ 20
     * checked by the verification kit), with no special case. Accuracy: H within about 3 ulps; an
     * absolute error δ of H in bits is a relative error δ·ln 2 of the perplexity, so about
     * 3·ln 2·H<sub>bits</sub>·2<sup>−52</sup> relative plus 1 ulp (e.g. about 10 ulps at
     * H = 20 bits).
     *
     * @param p the distribution
     * @return the perplexity, in [1, n]
     */
    default double perplexity(Distribution p) {
        double nats = dev.xent.sum.CompensatedSum.of(entropyTermsNats(p.array()));
        return Math.pow(2.0, LogBase.BITS.fromNats(nats));
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
