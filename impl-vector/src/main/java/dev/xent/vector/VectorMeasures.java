package dev.xent.vector;

import dev.xent.Accuracy;
import dev.xent.Accuracy.KlBound;
import dev.xent.Accuracy.KlScale;
import dev.xent.Accuracy.Ulps;
import dev.xent.InformationMeasures;
import java.util.Objects;
import java.util.Optional;

/**
 * The backend {@code vector}: entropy, cross-entropy and KL divergence computed several doubles at
 * a time with the JDK's incubating Vector API ({@code jdk.incubator.vector}) when the JVM has it —
 * otherwise by scalar code with the same algorithm and the same accuracy (<i>Two modes</i> below) —
 * whose lane-wise logarithm the JIT compiles to a vectorised library routine (Intel's SVML on x86; 8 doubles per
 * AVX-512 instruction on this machine), with compensated lane-wise sums:
 * <pre>
 *   H(P)    = −Σ p_i ln p_i
 *   H(P,Q)  = −Σ p_i ln q_i
 *   KL(P‖Q) =  Σ p_i r(p_i, q_i),   r(p, q) = ln ρ + (p − ρ·q)/p,   ρ = fl(p / q)
 * </pre>
 * <b>How.</b> Each block of L lanes (L = 8 with AVX-512, 4 with AVX2) computes its L terms
 * t = p·f with one vector logarithm, records the product's rounding error exactly as
 * fma(p, f, −t), and adds t to a per-lane running sum with Knuth's branch-free TwoSum, whose
 * rounding error goes into a per-lane compensation — Neumaier's compensated summation done lane by
 * lane, with TwoSum instead of Neumaier's magnitude test so that no lane needs a branch. The last
 * n mod L entries (the scalar tail) use the same formulas with {@link Math#log} and {@link Math#fma},
 * and the lanes are combined with the same compensated sum at the end.
 *
 * <p><b>Conventions, lane-wise.</b> In H(P), lanes with p<sub>i</sub> = 0 are masked: the
 * logarithm is taken of 1 instead (so 0·ln 0 never becomes 0·(−∞) = NaN) and the term is exactly 0.
 * KL first runs without the mask and reruns with it (p = q = 1 in masked lanes) only if some
 * quotient came out 0, below 2<sup>−1022</sup> or not finite, which p<sub>i</sub> = 0 causes.
 * H(P,Q) first runs without the mask — 0·ln q<sub>i</sub> = 0 for any q<sub>i</sub> &gt; 0, which
 * saves a compare and a blend per vector — and its sum is then finite unless some q<sub>i</sub> = 0:
 * a non-finite sum is checked by a scalar scan, reported as +∞ if some q<sub>i</sub> = 0 &lt;
 * p<sub>i</sub>, and otherwise (zeros of Q only where P is 0 too) recomputed with the mask. On valid
 * input nothing else can make a sum non-finite: every term is at most 745 in size. KL is reported as
 * max(0, sum).
 *
 * <p><b>The log-ratio near p ≈ q.</b> ln p − ln q loses every digit when p ≈ q (the
 * {@code naive} backend's weakness); {@code kl} and {@code commons} switch to log1p((p − q)/q).
 * This backend needs one formula for all lanes, and uses the exact remainder of the division: with
 * ρ = fl(p/q), the remainder p − ρ·q is exactly representable and one fused multiply-add computes
 * it, so ln(p/q) = ln ρ + ln(1 + (p − ρq)/(ρq)) = ln ρ + (p − ρq)/p up to a relative 2<sup>−105</sup>.
 * ln ρ is accurate to about 1 ulp even for ρ next to 1, and the correction restores the half ulp
 * that rounding the quotient lost. The formula needs ρ to be a normal double: if any lane's ρ
 * overflows or falls below 2<sup>−1022</sup> (q &lt; p·2<sup>−1024</sup> or p &lt;
 * q·2<sup>−1022</sup>), the whole KL is recomputed by the scalar loop, which uses ln p − ln q for
 * those entries — correct, about as fast as the {@code kl} backend, and never seen on ordinary data.
 *
 * <p><b>Accuracy.</b> The vector logarithm is within 1 ulp (measured here against
 * {@link StrictMath#log}: at most 1 ulp apart over 10<sup>6</sup> random arguments), the products are
 * exact after their fma correction, and the compensated sums add the terms with an error of about
 * 1 ulp of the result plus n·2<sup>−106</sup> relative to Σ|terms|. The promise, which the
 * verification kit asserts against its 60-digit oracle: H(P) and H(P,Q), whose terms have one sign,
 * within 4 ulps of the true value for any n (measured: about 1 ulp at most), and KL(P‖Q) within an
 * absolute 4·2<sup>−53</sup>·Σ|p<sub>i</sub> ln(p<sub>i</sub>/q<sub>i</sub>)| + 2 ulps — the bounds of
 * {@code commons}, at a small fraction of its cost ({@code bench/RESULTS.md} compares both with an
 * mpmath reference). As {@link #accuracy()} declares it (u = 2<sup>−53</sup>):
 * {@code H(P) 4 ulps; H(P,Q) 4 ulps; KL(P‖Q) 4·u·Σ|p ln(p/q)| + 2 ulps}. Subnormal p lose the division correction, an absolute error below 2<sup>−1074</sup>
 * per term.
 *
 * <p><b>Two modes, one promise.</b> The module {@code jdk.incubator.vector} is only present when
 * the JVM is started with {@code --add-modules jdk.incubator.vector}. This class, the one
 * registered with the service loader, uses no incubating class itself: {@code Mode} checks
 * {@code ModuleLayer.boot().findModule("jdk.incubator.vector")} once, and only then are the vector
 * loops ({@code VectorKernels}) loaded. Without the module the backend runs in its <i>scalar
 * mode</i> ({@code ScalarKernels}): the same formulas and the same compensated sums — each product
 * made exact with {@link Math#fma}, each addition's error kept by TwoSum — with {@link Math#log}
 * (a JIT intrinsic, within 1 ulp) instead of the vector logarithm, the logarithms of each chunk of
 * 256 entries taken in one loop and summed in another with two independent sums. It declares the
 * same {@link #accuracy()}, and the verification kit proves both modes (impl-vector's Surefire runs
 * it with and without the module). {@link #description()} says which mode runs. Peer: Lucene's
 * {@code VectorizationProvider} makes the same check and, without the module, logs a hint and uses
 * scalar code; xent does the same, with the hint in the description.
 *
 * <p><b>Threads.</b> Inputs longer than 16,384 entries are cut into fixed blocks of 16,384, each
 * block's compensated sum kept as an unevaluated pair and the pairs merged in block order; from
 * 65,536 entries on, the blocks are shared with the fork/join pool the caller runs in (the common
 * pool for an ordinary thread), the caller computing blocks too. The blocks depend on n alone, so a
 * result is the same bit for bit with one thread or many. {@code -D}{@value #PARALLEL_PROPERTY}
 * {@code =false} keeps every call on the caller's thread. Inside a parallel stream or a fork/join
 * task the blocks queue in the caller's pool: no thread is added, nothing deadlocks.
 *
 * <p>Stateless and thread-safe. Nothing is allocated per element: once the JIT has compiled a loop
 * its vectors live in registers (before that, in the interpreter, the incubating API boxes them).
 * In the vector mode each block of at least L entries (L = 8 lanes with AVX-512) allocates one
 * array of L doubles (80 bytes) to combine the lane sums — {@code lane(k)} with a variable k, or a
 * tree of {@code slice}s, made the JDK 17 compiler box the vectors of the main loop instead, which
 * cost more than the array (measured again on 2026-11-24: H(P) at n = 10<sup>6</sup> took 1.0
 * instead of 0.8 ns per element with {@code lane(k)}); in the scalar mode each block of at least 64
 * entries allocates one array of 256 doubles for the chunk's logarithms; inputs of more than one
 * block allocate one array of two doubles per block, and on several threads a few tasks. Inputs
 * shorter than that (a binary loss's two entries) take the scalar loop and allocate nothing. (Also
 * tried and measured slower, so not kept: KL's correction added as the exact remainder p − ρq to
 * the compensation, without the second division: 1.30 against 1.17 ns per element at
 * n = 10<sup>6</sup>, 3 JMH forks each.)
 */
public final class VectorMeasures implements InformationMeasures {

    /** The JVM option that enables the Vector API mode: {@value}. */
    public static final String FLAG = "--add-modules jdk.incubator.vector";

    /**
     * The system property that keeps every call on the calling thread: {@value}. {@code false}
     * means one thread; {@code true}, or the property unset, lets inputs of at least 65,536 entries
     * use every core (see the class documentation). Read once, when the class is initialised; any
     * other value makes the backend unavailable, with a reason that says so.
     */
    public static final String PARALLEL_PROPERTY = "xent.vector.parallel";

    private static final String PARALLEL_SETTING = System.getProperty(PARALLEL_PROPERTY, "true");

    /** null when the backend can compute, else the reason why not. */
    private static final String UNAVAILABLE = checkParallelSetting(PARALLEL_SETTING);

    /** null for {@code true} or {@code false}, else the reason why the backend cannot compute. */
    static String checkParallelSetting(String setting) {
        if ("true".equals(setting) || "false".equals(setting)) {
            return null;
        }
        return "the system property " + PARALLEL_PROPERTY + " is '" + setting + "'; it must be true (long"
                + " inputs on every core, the default) or false (one thread)";
    }

    private final Mode mode;
    private final Kernels kernels;
    private final boolean parallel;

    /**
     * Creates the backend in this JVM's mode ({@link Mode#CURRENT}) with the threads that
     * {@value #PARALLEL_PROPERTY} allows; the service loader calls this.
     */
    public VectorMeasures() {
        this(Mode.CURRENT, !"false".equals(PARALLEL_SETTING));
    }

    /** A backend in a given mode, for the tests ({@link Mode#VECTOR_API} only where the JVM has it). */
    VectorMeasures(Mode mode, boolean parallel) {
        this.mode = mode;
        this.kernels = mode.kernels();
        this.parallel = parallel;
    }

    @Override
    public String id() {
        return "vector";
    }

    /**
     * Which mode runs, how it computes and on how many threads.
     *
     * @return e.g. {@code "Vector API (jdk.incubator.vector): vector log, …"} or, in a JVM without
     *     the module, {@code "scalar mode (start java with --add-modules jdk.incubator.vector for the
     *     Vector API): Math.log, …"}
     */
    @Override
    public String description() {
        String threads = parallel ? "; long inputs on every core" : "; one thread (" + PARALLEL_PROPERTY + "=false)";
        if (mode == Mode.VECTOR_API) {
            return "Vector API (jdk.incubator.vector): vector log, fma-exact products, compensated lane-wise"
                    + " sums" + threads;
        }
        return "scalar mode (start java with " + FLAG + " for the Vector API): Math.log, fma-exact products,"
                + " compensated sums" + threads;
    }

    /** H(P) and H(P,Q) 4 ulps; KL 4·u·Σ|p ln(p/q)| + 2 ulps (see the class documentation). */
    private static final Accuracy ACCURACY = Accuracy.of(Ulps.constant(4), Ulps.constant(4),
            new KlBound(Ulps.constant(4), KlScale.TERMS, 2));

    /**
     * H(P) and H(P,Q) within 4 ulps for any n, KL(P‖Q) within
     * 4·2<sup>−53</sup>·Σ|p ln(p/q)| + 2 ulps, derived in the class documentation; the same in
     * both modes and on any number of threads.
     *
     * @return the declared bounds
     */
    @Override
    public Accuracy accuracy() {
        return ACCURACY;
    }

    /**
     * On one thread, relative to the bare {@code Math.log} loop (docs/performance.md, H(P,Q) at
     * n = 10<sup>6</sup>): 0.22 with the Vector API, 1.2 in scalar mode. Both are below
     * {@code commons}' 3.9, so this backend, equally accurate, is the default in either mode.
     *
     * @return 0.22 or 1.2
     */
    @Override
    public double relativeCost() {
        return mode == Mode.VECTOR_API ? 0.22 : 1.2;
    }

    /**
     * Empty unless the system property {@value #PARALLEL_PROPERTY} has a value other than
     * {@code true} or {@code false}; then the reason, quoting it. (Without the Vector API the
     * backend is usable, in scalar mode.)
     *
     * @return empty if usable, else why not and how to fix it
     */
    @Override
    public Optional<String> unavailableReason() {
        return Optional.ofNullable(UNAVAILABLE);
    }

    /**
     * H(P) = −Σ p<sub>i</sub> ln p<sub>i</sub>, compensated.
     *
     * @param p the probabilities
     * @return H(P) in nats
     * @throws IllegalStateException if the backend is unavailable (see {@link #unavailableReason()})
     */
    @Override
    public double entropyNats(double[] p) {
        requireAvailable();
        return 0.0 - BlockSums.sum(kernels, BlockSums.Measure.ENTROPY, p, p, parallel);
    }

    /**
     * H(P,Q) = −Σ p<sub>i</sub> ln q<sub>i</sub>, compensated.
     *
     * @param p the probabilities of P
     * @param q the probabilities of Q
     * @return H(P,Q) in nats, +∞ when some q<sub>i</sub> = 0 &lt; p<sub>i</sub>
     * @throws IllegalStateException if the backend is unavailable (see {@link #unavailableReason()})
     */
    @Override
    public double crossEntropyNats(double[] p, double[] q) {
        InformationMeasures.requireSameLength(p, q);
        requireAvailable();
        return 0.0 - BlockSums.sum(kernels, BlockSums.Measure.CROSS_ENTROPY, p, q, parallel);
    }

    /**
     * KL(P‖Q) = Σ p<sub>i</sub> (ln ρ<sub>i</sub> + (p<sub>i</sub> − ρ<sub>i</sub>q<sub>i</sub>)/p<sub>i</sub>),
     * compensated, reported as 0 if rounding makes it negative.
     *
     * @param p the probabilities of P
     * @param q the probabilities of Q
     * @return KL(P‖Q) in nats, +∞ when some q<sub>i</sub> = 0 &lt; p<sub>i</sub>
     * @throws IllegalStateException if the backend is unavailable (see {@link #unavailableReason()})
     */
    @Override
    public double klDivergenceNats(double[] p, double[] q) {
        InformationMeasures.requireSameLength(p, q);
        requireAvailable();
        return Math.max(0.0, BlockSums.sum(kernels, BlockSums.Measure.KL, p, q, parallel));
    }

    /**
     * out[i] = −ln p[i] on [from, to), vectorised ({@link VectorLossKernels}; in the scalar mode
     * the interface's default loop), and the compensated sum; p[i] is checked in the same pass.
     *
     * @param p the probabilities
     * @param from the first index, inclusive
     * @param to the last index, exclusive
     * @param out receives the terms
     * @return their sum, +∞ if some p[i] = 0, NaN if some p[i] is not in [0, 1]
     * @throws IllegalStateException if the backend is unavailable (see {@link #unavailableReason()})
     */
    @Override
    public double informationNats(double[] p, int from, int to, double[] out) {
        Objects.checkFromToIndex(from, to, p.length);
        Objects.checkFromToIndex(from, to, out.length);
        requireAvailable();
        if (mode != Mode.VECTOR_API) {
            return InformationMeasures.super.informationNats(p, from, to, out);
        }
        return VectorLossKernels.information(p, from, to, out);
    }

    /**
     * The information of Bernoulli outcomes on [from, to), vectorised with one logarithm per term
     * ({@link VectorLossKernels}: −ln(1 − p) as −(ln a + e/a), a = fl(1 − p), e its exact rounding
     * error; in the scalar mode the interface's default loop), and the compensated sums by outcome; y[i] and p[i] are checked by vector compares in
     * the same pass.
     *
     * @param y the outcomes, 0 or 1
     * @param p the probabilities of outcome 1
     * @param from the first index, inclusive
     * @param to the last index, exclusive
     * @param out receives the terms
     * @param sums receives the sums of outcome 0 and outcome 1
     * @return the number of outcomes 1, −1 if some y[i] or p[i] is outside its domain
     * @throws IllegalStateException if the backend is unavailable (see {@link #unavailableReason()})
     */
    @Override
    public long bernoulliInformationNats(double[] y, double[] p, int from, int to, double[] out,
            double[] sums) {
        Objects.checkFromToIndex(from, to, y.length);
        Objects.checkFromToIndex(from, to, p.length);
        Objects.checkFromToIndex(from, to, out.length);
        Objects.checkIndex(1, sums.length);
        requireAvailable();
        if (mode != Mode.VECTOR_API) {
            return InformationMeasures.super.bernoulliInformationNats(y, p, from, to, out, sums);
        }
        return VectorLossKernels.bernoulli(y, p, from, to, out, sums);
    }

    /**
     * The information of Bernoulli outcomes from log-odds on [from, to), vectorised
     * ({@link VectorLossKernels}: softplus with one vector exp and one vector log1p; in the scalar
     * mode the interface's default loop), and the
     * compensated sums by outcome; y[i] and z[i] are checked by vector compares in the same pass.
     *
     * @param y the outcomes, 0 or 1
     * @param z the log-odds of outcome 1
     * @param from the first index, inclusive
     * @param to the last index, exclusive
     * @param out receives the terms
     * @param sums receives the sums of outcome 0 and outcome 1
     * @return the number of outcomes 1, −1 if some y[i] or z[i] is outside its domain
     * @throws IllegalStateException if the backend is unavailable (see {@link #unavailableReason()})
     */
    @Override
    public long bernoulliLogitInformationNats(double[] y, double[] z, int from, int to, double[] out,
            double[] sums) {
        Objects.checkFromToIndex(from, to, y.length);
        Objects.checkFromToIndex(from, to, z.length);
        Objects.checkFromToIndex(from, to, out.length);
        Objects.checkIndex(1, sums.length);
        requireAvailable();
        if (mode != Mode.VECTOR_API) {
            return InformationMeasures.super.bernoulliLogitInformationNats(y, z, from, to, out, sums);
        }
        return VectorLossKernels.bernoulliLogit(y, z, from, to, out, sums);
    }

    private static void requireAvailable() {
        if (UNAVAILABLE != null) {
            throw new IllegalStateException("the xent backend 'vector' is unavailable: " + UNAVAILABLE);
        }
    }
}
