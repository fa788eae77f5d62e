package dev.xent.verification;

import static org.quicktheories.generators.SourceDSL.doubles;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.generators.Generate;

/**
 * The named generators of the kit: probability vectors (raw {@code double[]}, as the backends take
 * them) with their edge cases mixed in on purpose, and pairs, permutations and products built from
 * them. Every generator counts what it produced, and {@link #report()} says how often each class
 * was exercised, so that a run shows it really met subnormals, zeros and thousands of events.
 *
 * <p>Distributions are random integer weights divided by their sum. The sum of at most 4096 weights
 * below 2<sup>40</sup> is exact, so each p<sub>i</sub> is the correctly rounded w<sub>i</sub>/W and
 * Σ p<sub>i</sub> is 1 within a few ulps — as real data is. Weights shrink toward 1, so a shrunk
 * counterexample tends toward the uniform distribution on the fewest events that still fail.
 */
final class Generators {

    /** The largest number of events the generators produce ("thousands"). */
    static final int MAX_EVENTS = 4096;

    private static final long MAX_WEIGHT = 1L << 40;

    private static final Map<String, LongAdder> EXERCISED = new ConcurrentSkipListMap<>();

    private Generators() {
    }

    /** Two distributions over the same events, printed readably. */
    record PQ(double[] p, double[] q) {
        @Override
        public String toString() {
            return "P=" + Arrays.toString(p) + " Q=" + Arrays.toString(q);
        }
    }

    /** A pair and a permutation of its events: (πP)<sub>i</sub> = P<sub>π(i)</sub>. */
    record Permuted(PQ pair, int[] permutation) {
        double[] p() {
            return permute(pair.p(), permutation);
        }

        double[] q() {
            return permute(pair.q(), permutation);
        }

        @Override
        public String toString() {
            return pair + " π=" + Arrays.toString(permutation);
        }
    }

    /** Two pairs (P₁, Q₁) and (P₂, Q₂), whose products P₁⊗P₂ and Q₁⊗Q₂ the additivity laws use. */
    record Product(PQ first, PQ second) {
        double[] p() {
            return product(first.p(), second.p());
        }

        double[] q() {
            return product(first.q(), second.q());
        }

        @Override
        public String toString() {
            return "(" + first + ") ⊗ (" + second + ")";
        }
    }

    // ---------------------------------------------------------------- counting

    private static <T> Gen<T> counted(String name, Gen<T> gen) {
        return gen.map(v -> {
            EXERCISED.computeIfAbsent(name, k -> new LongAdder()).increment();
            return v;
        });
    }

    /**
     * How often each class of input was generated so far in this JVM (shrinking included).
     *
     * @return one line per class, e.g. "nearlyDegenerate: 1234"
     */
    static String report() {
        StringBuilder s = new StringBuilder("xent verification, inputs exercised (" + Settings.replay()
                + "):\n");
        EXERCISED.forEach((k, v) -> s.append(String.format(Locale.ROOT, "  %-22s %8d%n", k, v.sum())));
        return s.toString();
    }

    /**
     * Counts of each class so far.
     *
     * @return a snapshot: class name → count
     */
    static Map<String, Long> counts() {
        Map<String, Long> m = new ConcurrentSkipListMap<>();
        EXERCISED.forEach((k, v) -> m.put(k, v.sum()));
        return m;
    }

    // ---------------------------------------------------------------- drawing helpers

    private static int draw(RandomnessSource in, int lo, int hi) {
        return Generate.range(lo, hi).generate(in);
    }

    private static long drawLong(RandomnessSource in, long lo, long hi) {
        return Generate.longRange(lo, hi).generate(in);
    }

    /**
     * A number of events: mostly small (where shrinking ends and bugs show), sometimes hundreds,
     * sometimes thousands.
     */
    private static int size(RandomnessSource in) {
        int bucket = draw(in, 0, 9);
        if (bucket < 6) {
            return draw(in, 1, 10);
        }
        if (bucket < 9) {
            return draw(in, 11, 200);
        }
        return draw(in, 201, MAX_EVENTS);
    }

    private static double[] normalised(long[] w) {
        long total = 0;
        for (long x : w) {
            total += x;
        }
        double[] p = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            p[i] = (double) w[i] / (double) total; // total < 2^53: exact
        }
        return p;
    }

    private static double[] positive(RandomnessSource in, int n) {
        long[] w = new long[n];
        for (int i = 0; i < n; i++) {
            w[i] = drawLong(in, 1, MAX_WEIGHT);
        }
        return normalised(w);
    }

    private static double[] zerosAmong(RandomnessSource in, int n) {
        long[] w = new long[n];
        boolean any = false;
        for (int i = 0; i < n; i++) {
            boolean zero = draw(in, 0, 2) == 0;
            w[i] = zero ? 0 : drawLong(in, 1, MAX_WEIGHT);
            any |= !zero;
        }
        if (!any) {
            w[draw(in, 0, n - 1)] = 1;
        }
        return normalised(w);
    }

    private static double[] skewed(RandomnessSource in, int n) {
        double[] w = new double[n];
        if (draw(in, 0, 1) == 0) {
            // geometric: w_i = r^i with r = 10^-k, so later events underflow to subnormals and 0
            double r = Math.pow(10.0, -draw(in, 1, 40));
            double x = 1.0;
            for (int i = 0; i < n; i++) {
                w[i] = x;
                x *= r;
            }
        } else {
            // Zipf: w_i = 1 / (i + 1)^s
            int s = draw(in, 1, 6);
            for (int i = 0; i < n; i++) {
                w[i] = Math.pow(i + 1.0, -s);
            }
        }
        double total = 0.0;
        for (double x : w) {
            total += x;
        }
        for (int i = 0; i < n; i++) {
            w[i] /= total;
        }
        return w;
    }

    private static double[] degenerate(RandomnessSource in, int n) {
        double[] p = new double[n];
        int hot = draw(in, 0, n - 1);
        double rest = 0.0;
        for (int i = 0; i < n; i++) {
            if (i == hot) {
                continue;
            }
            switch (draw(in, 0, 3)) {
                case 0:
                    p[i] = Math.pow(10.0, -draw(in, 17, 300));               // 1e-17 … 1e-300
                    break;
                case 1:
                    p[i] = Double.MIN_VALUE * draw(in, 1, 1 << 20);         // subnormal
                    break;
                case 2:
                    p[i] = draw(in, 1, 1000) * 0x1p-53;                      // a few ulps of 1
                    break;
                default:
                    p[i] = 0.0;
                    break;
            }
            rest += p[i];
        }
        p[hot] = 1.0 - rest;
        return p;
    }

    static double[] permute(double[] x, int[] perm) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = x[perm[i]];
        }
        return y;
    }

    static double[] product(double[] a, double[] b) {
        double[] c = new double[a.length * b.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < b.length; j++) {
                c[i * b.length + j] = a[i] * b[j];
            }
        }
        return c;
    }

    private static Gen<double[]> readable(Gen<double[]> gen) {
        return gen.describedAs(Arrays::toString);
    }

    // ---------------------------------------------------------------- distributions

    /**
     * Strictly positive distributions of 1 to {@value #MAX_EVENTS} events, random weights.
     *
     * @return the generator
     */
    static Gen<double[]> randomDistributions() {
        return readable(counted("random", in -> positive(in, size(in))));
    }

    /**
     * Distributions with zeros (about a third of the events), at least one event with mass.
     *
     * @return the generator
     */
    static Gen<double[]> withZeros() {
        return readable(counted("withZeros", in -> zerosAmong(in, size(in))));
    }

    /**
     * One-hot (point-mass) distributions e<sub>k</sub>: a known class label.
     *
     * @return the generator
     */
    static Gen<double[]> oneHot() {
        return readable(counted("oneHot", in -> {
            int n = size(in);
            double[] p = new double[n];
            p[draw(in, 0, n - 1)] = 1.0;
            return p;
        }));
    }

    /**
     * Uniform distributions, every entry the double nearest 1/n.
     *
     * @return the generator
     */
    static Gen<double[]> uniform() {
        return readable(counted("uniform", in -> {
            double[] p = new double[size(in)];
            Arrays.fill(p, 1.0 / p.length);
            return p;
        }));
    }

    /**
     * Nearly degenerate distributions: one event close to 1 (1 minus the rest), the others drawn from
     * 10<sup>−17</sup>…10<sup>−300</sup>, subnormals, a few ulps of 1, and zeros; 2 to 64 events.
     *
     * @return the generator
     */
    static Gen<double[]> nearlyDegenerate() {
        return readable(counted("nearlyDegenerate", in -> degenerate(in, draw(in, 2, 64))));
    }

    /**
     * Very skewed distributions: geometric with ratio 10<sup>−1</sup>…10<sup>−40</sup> (the tail
     * underflows through the subnormals to 0) or Zipf with exponent 1…6; up to {@value #MAX_EVENTS}
     * events.
     *
     * @return the generator
     */
    static Gen<double[]> verySkewed() {
        return readable(counted("verySkewed", in -> skewed(in, size(in))));
    }

    /**
     * Distributions of every kind above, mixed: random 50%, with zeros 10%, nearly degenerate 15%,
     * very skewed 15%, one-hot 5%, uniform 5%.
     *
     * @return the generator
     */
    static Gen<double[]> distributions() {
        List<Pair<Integer, Gen<double[]>>> mix = new ArrayList<>();
        mix.add(Pair.of(50, randomDistributions()));
        mix.add(Pair.of(10, withZeros()));
        mix.add(Pair.of(15, nearlyDegenerate()));
        mix.add(Pair.of(15, verySkewed()));
        mix.add(Pair.of(5, oneHot()));
        mix.add(Pair.of(5, uniform()));
        return readable(Generate.frequency(mix));
    }

    // ---------------------------------------------------------------- pairs

    /**
     * Pairs on the same support, both strictly positive: random, or very skewed against random.
     *
     * @return the generator
     */
    static Gen<PQ> sameSupportPairs() {
        return counted("sameSupportPairs", in -> {
            int n = size(in);
            double[] p = draw(in, 0, 3) == 0 ? skewed(in, n) : positive(in, n);
            return new PQ(p, positive(in, n));
        });
    }

    /**
     * A pair of distributions with small integer weights, P = w<sub>P</sub>/Σw<sub>P</sub> and
     * Q = w<sub>Q</sub>/Σw<sub>Q</sub>, printed with its weights so that a witness reads like a
     * textbook example: {@code P = (2, 1)/3, Q = (1, 1)/2}.
     *
     * @param weightsP the weights of P
     * @param weightsQ the weights of Q
     * @param pair the normalised distributions
     */
    record WeightedPair(long[] weightsP, long[] weightsQ, PQ pair) {

        /**
         * How simple the pair is to read: fewer events first, then smaller weights.
         *
         * @return a key ordering simpler pairs first
         */
        long simplicity() {
            long total = 0;
            for (int i = 0; i < weightsP.length; i++) {
                total += weightsP[i] + weightsQ[i];
            }
            return weightsP.length * 1_000_000L + total;
        }

        @Override
        public String toString() {
            return "P = " + fraction(weightsP) + " = " + Arrays.toString(pair.p()) + ", Q = " + fraction(weightsQ)
                    + " = " + Arrays.toString(pair.q());
        }

        private static String fraction(long[] w) {
            long total = 0;
            StringBuilder s = new StringBuilder("(");
            for (int i = 0; i < w.length; i++) {
                s.append(i == 0 ? "" : ", ").append(w[i]);
                total += w[i];
            }
            return s.append(")/").append(total).toString();
        }
    }

    /**
     * Pairs of 2 to 4 events with integer weights from 1 to 9 (both strictly positive): the inputs
     * of the asymmetry search, small enough that the witness it prints is read at a glance.
     *
     * @return the generator
     */
    static Gen<WeightedPair> smallWeightPairs() {
        return counted("smallWeightPairs", in -> {
            int n = draw(in, 2, 4);
            long[] wp = new long[n];
            long[] wq = new long[n];
            for (int i = 0; i < n; i++) {
                wp[i] = drawLong(in, 1, 9);
                wq[i] = drawLong(in, 1, 9);
            }
            return new WeightedPair(wp, wq, new PQ(normalised(wp), normalised(wq)));
        });
    }

    /**
     * Pairs where Q has zeros only where P has zeros (so H(P,Q) and KL(P‖Q) are finite), and P may
     * have more zeros, or be nearly degenerate.
     *
     * @return the generator
     */
    static Gen<PQ> zerosOnlyWhereP() {
        return counted("zerosOnlyWhereP", in -> {
            int n = size(in);
            double[] p = draw(in, 0, 3) == 0 ? degenerate(in, Math.max(2, Math.min(n, 64)))
                    : zerosAmong(in, n);
            n = p.length;
            long[] w = new long[n];
            for (int i = 0; i < n; i++) {
                w[i] = p[i] == 0.0 && draw(in, 0, 1) == 0 ? 0 : drawLong(in, 1, MAX_WEIGHT);
            }
            return new PQ(p, normalised(w));
        });
    }

    /**
     * Pairs where Q has a zero where P has mass: H(P,Q) = KL(P‖Q) = +∞. At least 2 events.
     *
     * @return the generator
     */
    static Gen<PQ> qMissesSomeMass() {
        return counted("qMissesSomeMass", in -> {
            int n = Math.max(2, size(in));
            double[] p = zerosAmong(in, n);
            long[] w = new long[n];
            int massive = -1;
            for (int i = 0; i < n; i++) {
                w[i] = draw(in, 0, 2) == 0 ? 0 : drawLong(in, 1, MAX_WEIGHT);
                if (p[i] > 0.0 && massive < 0) {
                    massive = i;
                }
            }
            w[massive] = 0;                                      // Q misses P's first event with mass
            int other = (massive + 1) % n;
            w[other] = Math.max(w[other], 1);                    // and Q keeps some mass somewhere
            return new PQ(p, normalised(w));
        });
    }

    /**
     * Pairs where Q is P perturbed by a relative 10<sup>−2</sup>…10<sup>−6</sup> and renormalised:
     * KL(P‖Q) is tiny and the difference ln p − ln q cancels — where backends differ most.
     *
     * @return the generator
     */
    static Gen<PQ> nearbyPairs() {
        return counted("nearbyPairs", in -> {
            int n = Math.max(2, size(in));
            double[] p = positive(in, n);
            double eps = Math.pow(10.0, -draw(in, 2, 6));
            double[] q = new double[n];
            double total = 0.0;
            for (int i = 0; i < n; i++) {
                q[i] = p[i] * (1.0 + eps * (draw(in, 0, 2000) - 1000) / 1000.0);
                total += q[i];
            }
            for (int i = 0; i < n; i++) {
                q[i] /= total;
            }
            return new PQ(p, q);
        });
    }

    /**
     * Pairs of any of the finite kinds: same support 60%, Q zeros only where P 25%, nearby 15%.
     *
     * @return the generator
     */
    static Gen<PQ> finitePairs() {
        List<Pair<Integer, Gen<PQ>>> mix = new ArrayList<>();
        mix.add(Pair.of(60, sameSupportPairs()));
        mix.add(Pair.of(25, zerosOnlyWhereP()));
        mix.add(Pair.of(15, nearbyPairs()));
        return Generate.frequency(mix);
    }

    /**
     * A finite pair and a uniformly random permutation of its events (Fisher–Yates).
     *
     * @return the generator
     */
    static Gen<Permuted> permutations() {
        Gen<PQ> pairs = finitePairs();
        return counted("permutations", in -> {
            PQ pair = pairs.generate(in);
            int n = pair.p().length;
            int[] perm = new int[n];
            for (int i = 0; i < n; i++) {
                perm[i] = i;
            }
            for (int i = n - 1; i > 0; i--) {
                int j = draw(in, 0, i);
                int t = perm[i];
                perm[i] = perm[j];
                perm[j] = t;
            }
            return new Permuted(pair, perm);
        });
    }

    /**
     * Two independent finite pairs of at most 64 events each, for P₁⊗P₂ (at most 4096 events).
     *
     * @return the generator
     */
    static Gen<Product> independentProducts() {
        return counted("independentProducts", in -> {
            int n1 = draw(in, 1, 64);
            int n2 = draw(in, 1, 64);
            return new Product(smallPair(in, n1), smallPair(in, n2));
        });
    }

    private static PQ smallPair(RandomnessSource in, int n) {
        double[] p = draw(in, 0, 2) == 0 ? zerosAmong(in, n) : positive(in, n);
        return new PQ(p, positive(in, n));
    }

    /**
     * A prediction over k classes (strictly positive, or with tiny entries) and a true class label.
     *
     * @return the generator
     */
    static Gen<LabelledPrediction> labelledPredictions() {
        return counted("labelledPredictions", in -> {
            int classes = draw(in, 2, 64);
            int examples = draw(in, 1, 32);
            double[][] q = new double[examples][];
            int[] y = new int[examples];
            for (int e = 0; e < examples; e++) {
                q[e] = draw(in, 0, 3) == 0 ? skewed(in, classes) : positive(in, classes);
                y[e] = draw(in, 0, classes - 1);
                if (q[e][y[e]] == 0.0) {
                    y[e] = 0;                               // skewed tails underflow: keep CE finite
                }
            }
            return new LabelledPrediction(q, y);
        });
    }

    /** A batch of predicted distributions q[e] and their true labels y[e]. */
    record LabelledPrediction(double[][] q, int[] y) {
        @Override
        public String toString() {
            StringBuilder s = new StringBuilder();
            for (int e = 0; e < y.length; e++) {
                s.append("y=").append(y[e]).append(" q=").append(Arrays.toString(q[e])).append("; ");
            }
            return s.toString();
        }
    }

    /**
     * Binary predictions ŷ ∈ [0, 1] (including exactly 0 and 1, and values within 10<sup>−300</sup>
     * of them) with labels y ∈ {0, 1}.
     *
     * @return the generator
     */
    static Gen<double[]> binaryPredictions() {
        Gen<Double> unit = doubles().between(0.0, 1.0);
        return readable(counted("binaryPredictions", in -> {
            int kind = draw(in, 0, 4);
            double yhat;
            if (kind == 0) {
                yhat = draw(in, 0, 1);
            } else if (kind == 1) {
                yhat = Math.pow(10.0, -draw(in, 1, 300));
            } else if (kind == 2) {
                yhat = 1.0 - draw(in, 1, 1000) * 0x1p-53;
            } else {
                yhat = unit.generate(in);
            }
            return new double[] {draw(in, 0, 1), yhat};
        }));
    }

    /**
     * Strictly positive distributions of 1000 to {@value #MAX_EVENTS} events: where summation error
     * grows.
     *
     * @return the generator
     */
    static Gen<double[]> thousandsOfEvents() {
        return readable(counted("thousandsOfEvents", in -> positive(in, draw(in, 1000, MAX_EVENTS))));
    }

    /**
     * Pairs whose P comes from the given generator and whose Q is random and strictly positive on the
     * same events.
     *
     * @param ps the generator of P
     * @return the generator of pairs
     */
    static Gen<PQ> withRandomQ(Gen<double[]> ps) {
        return in -> {
            double[] p = ps.generate(in);
            return new PQ(p, positive(in, p.length));
        };
    }
}
