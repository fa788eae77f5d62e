package dev.xent.vector;

/**
 * The three sums of {@link VectorMeasures} over one range of the arrays, in one of the backend's
 * two modes ({@link Mode}): {@link VectorKernels} on the Vector API, {@link ScalarKernels} without
 * it. Both compute the same compensated sum — each product p·f made exact with an fma, each
 * addition's error kept by TwoSum — and differ only in how many terms they keep in flight.
 *
 * <p>Every method returns Σ p<sub>i</sub>·f<sub>i</sub> over {@code [from, to)} for the entries
 * with p<sub>i</sub> &gt; 0, not negated and not clamped: f is ln p (entropy), ln q (cross-entropy,
 * where some q<sub>i</sub> = 0 &lt; p<sub>i</sub> gives −∞) or ln(p/q) (KL, where it gives +∞).
 * The value returned is the sum rounded once, s + c. When {@code out} is not null the method also
 * stores the unevaluated pair, the running sum s at {@code out[slot]} and its compensation c at
 * {@code out[slot + 1]}, so that {@link BlockSums} can merge the blocks of a long input without
 * rounding each block first; with {@code out} null it allocates nothing beyond what the mode needs.
 * Implementations are stateless and thread-safe.
 */
interface Kernels {

    /**
     * Σ p ln p over {@code [from, to)}; entries with p = 0 contribute 0.
     *
     * @param p the probabilities
     * @param from the first index
     * @param to one past the last index
     * @param out where to store (s, c), or null
     * @param slot the index of s in {@code out}
     * @return s + c
     */
    double entropy(double[] p, int from, int to, double[] out, int slot);

    /**
     * Σ p ln q over {@code [from, to)}; −∞ if some q = 0 &lt; p there.
     *
     * @param p the probabilities of P
     * @param q the probabilities of Q
     * @param from the first index
     * @param to one past the last index
     * @param out where to store (s, c), or null
     * @param slot the index of s in {@code out}
     * @return s + c
     */
    double crossEntropy(double[] p, double[] q, int from, int to, double[] out, int slot);

    /**
     * Σ p ln(p/q) over {@code [from, to)}; +∞ if some q = 0 &lt; p there.
     *
     * @param p the probabilities of P
     * @param q the probabilities of Q
     * @param from the first index
     * @param to one past the last index
     * @param out where to store (s, c), or null
     * @param slot the index of s in {@code out}
     * @return s + c
     */
    double klDivergence(double[] p, double[] q, int from, int to, double[] out, int slot);
}
