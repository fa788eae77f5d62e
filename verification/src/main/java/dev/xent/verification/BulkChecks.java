package dev.xent.verification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xent.InformationMeasures;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Consumer;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.generators.Generate;

/**
 * The checks of the bulk operations that the loss layer's batches use,
 * {@link InformationMeasures#informationNats(double[], int, int, double[])} and
 * {@link InformationMeasures#bernoulliInformationNats}: their promise is the same for every
 * backend (the interface's javadoc), so these checks hold any backend to it — the interface's own
 * default methods included. The reference for each term is {@link StrictMath}'s logarithm
 * (fdlibm, within 1 ulp), independent of whatever a backend uses; the reference for each sum is the
 * exact sum of the terms the backend wrote ({@link BigDecimal}).
 */
final class BulkChecks {

    /** Examples per property (times 100 with {@code -Dxent.verification.deep=true}). */
    static final int EXAMPLES = 300;

    /** A term within 4 ulps of its exact value, the reference within 1: 5 ulps apart at most. */
    static final double TERM_ULPS = 4 + 1;

    /** A sum within 2 ulps of the exact sum of its terms (the n·2<sup>−106</sup> term is below 1 ulp here). */
    static final double SUM_ULPS = 2;

    /** Two chunks' sums added once more: 2 + 2 + 1 ulps apart from the whole range's at most. */
    static final double CHUNK_ULPS = 5;

    /** What no backend writes: marks the entries of {@code out} outside the range. */
    private static final double UNTOUCHED = -12345.0;

    private BulkChecks() {
    }

    /** A batch: the arrays (y only for the Bernoulli operation), and a range [from, to) of them. */
    record Batch(double[] y, double[] p, int from, int to, int split) {
        @Override
        public String toString() {
            return "y=" + Arrays.toString(y) + " p=" + Arrays.toString(p) + " range [" + from + ", "
                    + to + ") split at " + split;
        }
    }

    // ---------------------------------------------------------------- generators

    /**
     * One probability, of a kind drawn first: exactly 0 or 1, 10<sup>−k</sup> (k ≤ 300), a
     * subnormal, 1 − k·2<sup>−53</sup>, ½ and its neighbours (the switch of −ln(1 − p)), uniform.
     */
    private static double probability(RandomnessSource in) {
        int kind = Generate.range(0, 7).generate(in);
        switch (kind) {
            case 0:
                return Generate.range(0, 1).generate(in);
            case 1:
                return Math.pow(10.0, -Generate.range(1, 300).generate(in));
            case 2:
                return Generate.range(1, 1000).generate(in) * Double.MIN_VALUE;
            case 3:
                return 1.0 - Generate.range(1, 1000).generate(in) * 0x1p-53;
            case 4:
                return 0.5 + Generate.range(-2, 2).generate(in) * 0x1p-54;
            default:
                return Generate.longRange(0, 1L << 53).generate(in) * 0x1p-53;
        }
    }

    /**
     * Batches of 0 to 45 entries (so that vectors of 2, 4 or 8 lanes have whole blocks and a tail)
     * with a random range and a random split point in it; impossible outcomes (p = 0 for y = 1, p =
     * 1 for y = 0) only when {@code impossible}.
     */
    static Gen<Batch> batches(boolean impossible) {
        return in -> {
            int n = Generate.range(0, 45).generate(in);
            double[] y = new double[n];
            double[] p = new double[n];
            for (int i = 0; i < n; i++) {
                y[i] = Generate.range(0, 1).generate(in);
                p[i] = probability(in);
                if (!impossible && (y[i] == 1.0 ? p[i] == 0.0 : p[i] == 1.0)) {
                    p[i] = 0.5;
                }
            }
            int from = Generate.range(0, n).generate(in);
            int to = Generate.range(from, n).generate(in);
            int split = Generate.range(from, to).generate(in);
            return new Batch(y, p, from, to, split);
        };
    }

    // ---------------------------------------------------------------- the checks

    /**
     * informationNats over a range: each out[i] is −ln p[i] within 4 ulps (+0 at p = 1), entries
     * outside the range are not written, the result is the sum of the terms within 2 ulps, and a
     * range computed in two chunks gives the same terms (within the bound) and the same sum within
     * 5 ulps.
     */
    static void bulkInformationIsTheScalarInformationAndItsCompensatedSum(InformationMeasures b) {
        property(b, "bulk information is the scalar information and its compensated sum",
                batches(false).map(BulkChecks::withoutZeros), batch -> {
                    double[] out = untouched(batch.p.length);
                    double sum = b.informationNats(batch.p, batch.from, batch.to, out);
                    BigDecimal exact = BigDecimal.ZERO;
                    for (int i = 0; i < out.length; i++) {
                        if (i < batch.from || i >= batch.to) {
                            assertThat(out[i]).as("out[%d] outside the range", i).isEqualTo(UNTOUCHED);
                            continue;
                        }
                        double reference = batch.p[i] == 1.0 ? 0.0 : -StrictMath.log(batch.p[i]);
                        assertTerm(out[i], reference, i, batch.p[i]);
                        exact = exact.add(new BigDecimal(out[i]));
                    }
                    assertSum(sum, exact, "the sum");
                    double[] parts = untouched(batch.p.length);
                    double first = b.informationNats(batch.p, batch.from, batch.split, parts);
                    double second = b.informationNats(batch.p, batch.split, batch.to, parts);
                    for (int i = batch.from; i < batch.to; i++) {
                        assertThat(parts[i]).as("out[%d] computed in two chunks", i)
                                .isCloseTo(out[i], org.assertj.core.api.Assertions.within(
                                        Tolerance.ulps(2 * TERM_ULPS, out[i])));
                    }
                    assertThat(first + second).as("the sums of two chunks")
                            .isCloseTo(sum, org.assertj.core.api.Assertions.within(Tolerance.ulps(CHUNK_ULPS, sum)));
                });
    }

    /**
     * bernoulliInformationNats over a range: each out[i] is −ln p[i] (y = 1) or −ln(1 − p[i])
     * (y = 0, the reference as −log1p(−p) for p ≤ ½) within 4 ulps, entries outside the range are
     * not written, the two sums are the sums of their outcome's terms within 2 ulps, the result is
     * the number of outcomes 1, and two chunks give the same terms and sums.
     */
    static void bulkBernoulliInformationIsTheScalarDefinitionAndItsSumsByOutcome(InformationMeasures b) {
        property(b, "bulk Bernoulli information is the scalar definition and its sums by outcome",
                batches(false), batch -> {
                    double[] out = untouched(batch.p.length);
                    double[] sums = {Double.NaN, Double.NaN};
                    long ones = b.bernoulliInformationNats(batch.y, batch.p, batch.from, batch.to, out, sums);
                    BigDecimal[] exact = {BigDecimal.ZERO, BigDecimal.ZERO};
                    long expectedOnes = 0;
                    for (int i = 0; i < out.length; i++) {
                        if (i < batch.from || i >= batch.to) {
                            assertThat(out[i]).as("out[%d] outside the range", i).isEqualTo(UNTOUCHED);
                            continue;
                        }
                        double pi = batch.p[i];
                        int outcome = (int) batch.y[i];
                        expectedOnes += outcome;
                        assertTerm(out[i], referenceBernoulli(outcome, pi), i, pi);
                        exact[outcome] = exact[outcome].add(new BigDecimal(out[i]));
                    }
                    assertThat(ones).as("the number of outcomes 1").isEqualTo(expectedOnes);
                    assertSum(sums[0], exact[0], "the sum of outcome 0");
                    assertSum(sums[1], exact[1], "the sum of outcome 1");
                    double[] parts = untouched(batch.p.length);
                    double[] a = new double[2];
                    double[] c = new double[2];
                    long onesA = b.bernoulliInformationNats(batch.y, batch.p, batch.from, batch.split, parts, a);
                    long onesC = b.bernoulliInformationNats(batch.y, batch.p, batch.split, batch.to, parts, c);
                    assertThat(onesA + onesC).as("outcomes 1 counted in two chunks").isEqualTo(expectedOnes);
                    for (int i = batch.from; i < batch.to; i++) {
                        assertThat(parts[i]).as("out[%d] computed in two chunks", i)
                                .isCloseTo(out[i], org.assertj.core.api.Assertions.within(
                                        Tolerance.ulps(2 * TERM_ULPS, out[i])));
                    }
                    for (int k = 0; k < 2; k++) {
                        assertThat(a[k] + c[k]).as("the sums of outcome %d in two chunks", k)
                                .isCloseTo(sums[k], org.assertj.core.api.Assertions.within(
                                        Tolerance.ulps(CHUNK_ULPS, sums[k])));
                    }
                });
    }

    /**
     * The edge values and bad input of both operations, at every position of a batch of 19
     * entries (so every lane of a block and the tail of any vector width is tried): p = 1 gives +0
     * (not −0); an impossible event gives +∞ and a sum of +∞ (only for its outcome); a subnormal
     * p gives a finite value, −ln 2<sup>−1074</sup> = 744.4400719213812 (mpmath); p = 10<sup>−10</sup>
     * with y = 0 gives 1.00000000005e-10 (mpmath: 1.00000000005000000364e-10 from the stored
     * double); an empty range gives 0; NaN, −0.5 or 1.5 as p anywhere gives NaN (resp. −1), and a
     * y of ½, 2 or NaN gives −1.
     */
    static void bulkOperationsKeepTheirEdgeValuesAndReportBadInput(InformationMeasures b) {
        String check = "bulk operations keep their edge values and report bad input";
        int n = 19;
        double[] half = new double[n];
        Arrays.fill(half, 0.5);
        double[] ones = new double[n];
        Arrays.fill(ones, 1.0);
        double[] zeros = new double[n];
        double[] out = new double[n];
        double[] sums = new double[2];
        assertThat(b.informationNats(half, 3, 3, out)).as(says(b, check, "an empty range")).isEqualTo(0.0);
        assertThat(b.bernoulliInformationNats(ones, half, 5, 5, out, sums)).as(says(b, check, "an empty range"))
                .isEqualTo(0L);
        assertThat(sums).as(says(b, check, "the sums of an empty range")).containsExactly(0.0, 0.0);
        assertThat(b.informationNats(ones, 0, n, out)).as(says(b, check, "Σ −ln 1")).isEqualTo(0.0);
        for (int i = 0; i < n; i++) {
            assertThat(Double.compare(out[i], 0.0)).as(says(b, check, "−ln 1 at %d is +0, not %s", i, out[i]))
                    .isZero();
        }
        for (int i = 0; i < n; i++) {
            double[] p = half.clone();
            p[i] = 0.0;
            assertThat(b.informationNats(p, 0, n, out)).as(says(b, check, "p = 0 at %d", i))
                    .isEqualTo(Double.POSITIVE_INFINITY);
            assertThat(out[i]).as(says(b, check, "−ln 0 at %d", i)).isEqualTo(Double.POSITIVE_INFINITY);
            p[i] = Double.MIN_VALUE;
            b.informationNats(p, 0, n, out);
            assertThat(out[i]).as(says(b, check, "−ln of the smallest subnormal at %d", i))
                    .isCloseTo(744.4400719213812, org.assertj.core.api.Assertions.within(
                            Tolerance.ulps(TERM_ULPS, 744.4400719213812)));
            double[] y = zeros.clone();
            p = half.clone();
            p[i] = 1e-10;
            b.bernoulliInformationNats(y, p, 0, n, out, sums);
            assertThat(out[i]).as(says(b, check, "−ln(1 − 1e-10) at %d", i))
                    .isCloseTo(1.00000000005e-10, org.assertj.core.api.Assertions.within(
                            Tolerance.ulps(TERM_ULPS, 1.00000000005e-10)));
            p[i] = 1.0;
            b.bernoulliInformationNats(y, p, 0, n, out, sums);
            assertThat(sums[0]).as(says(b, check, "outcome 0 with p = 1 at %d", i))
                    .isEqualTo(Double.POSITIVE_INFINITY);
            assertThat(out[i]).as(says(b, check, "−ln(1 − 1) at %d", i)).isEqualTo(Double.POSITIVE_INFINITY);
            y[i] = 1.0;
            b.bernoulliInformationNats(y, p, 0, n, out, sums);
            assertThat(Double.compare(out[i], 0.0)).as(says(b, check, "−ln 1 for outcome 1 at %d is +0", i))
                    .isZero();
            p[i] = 0.0;
            assertThat(b.bernoulliInformationNats(y, p, 0, n, out, sums)).as(says(b, check, "count at %d", i))
                    .isEqualTo(1L);
            assertThat(sums[1]).as(says(b, check, "outcome 1 with p = 0 at %d", i))
                    .isEqualTo(Double.POSITIVE_INFINITY);
            assertThat(sums[0]).as(says(b, check, "outcome 0 beside it, at %d", i)).isFinite();
            for (double bad : new double[] {Double.NaN, -0.5, 1.5}) {
                p = half.clone();
                p[i] = bad;
                assertThat(b.informationNats(p, 0, n, out)).as(says(b, check, "p = %s at %d", bad, i)).isNaN();
                assertThat(b.bernoulliInformationNats(zeros, p, 0, n, out, sums))
                        .as(says(b, check, "p = %s at %d", bad, i)).isEqualTo(-1L);
            }
            for (double bad : new double[] {0.5, 2.0, Double.NaN, -1.0}) {
                y = zeros.clone();
                y[i] = bad;
                assertThat(b.bernoulliInformationNats(y, half, 0, n, out, sums))
                        .as(says(b, check, "y = %s at %d", bad, i)).isEqualTo(-1L);
            }
        }
    }

    /**
     * One logit, of a kind drawn first: 0, ±10<sup>k</sup> (|k| ≤ 300), ±{@link Double#MAX_VALUE},
     * near ±745 (where e<sup>z</sup> underflows), uniform in [−50, 50].
     */
    private static double logit(RandomnessSource in) {
        int kind = Generate.range(0, 5).generate(in);
        double sign = Generate.range(0, 1).generate(in) == 0 ? -1.0 : 1.0;
        switch (kind) {
            case 0:
                return 0.0;
            case 1:
                return sign * Math.pow(10.0, Generate.range(-300, 300).generate(in));
            case 2:
                return sign * Double.MAX_VALUE;
            case 3:
                return sign * (740 + Generate.range(0, 100).generate(in) * 0.1);
            default:
                return (Generate.longRange(0, 1L << 53).generate(in) * 0x1p-53 - 0.5) * 100;
        }
    }

    /** Batches of logits as {@link #batches} draws probabilities. */
    static Gen<Batch> logitBatches() {
        return batches(true).mutate((batch, in) -> {
            double[] z = new double[batch.p.length];
            for (int i = 0; i < z.length; i++) {
                z[i] = logit(in);
            }
            return new Batch(batch.y, z, batch.from, batch.to, batch.split);
        });
    }

    /** softplus(x) = ln(1 + e<sup>x</sup>) by {@link StrictMath} (within about 2 ulps). */
    private static double softplus(double x) {
        return x > 0.0 ? x + StrictMath.log1p(StrictMath.exp(-x)) : StrictMath.log1p(StrictMath.exp(x));
    }

    /** The reference softplus within 2 ulps, the term within 4: 6 ulps apart at most. */
    static final double LOGIT_TERM_ULPS = 4 + 2;

    /**
     * bernoulliLogitInformationNats over a range: each out[i] is softplus(−z) (y = 1) or
     * softplus(z) (y = 0) within 4 ulps, entries outside the range not written, the sums by outcome
     * within 2 ulps of the sums of the terms, the count of outcomes 1, and two chunks giving the
     * same; plus its edge values (mpmath) and bad input at every position of 19 entries.
     */
    static void bulkBernoulliLogitInformationIsSoftplusAndItsSumsByOutcome(InformationMeasures b) {
        property(b, "bulk Bernoulli information from logits is softplus and its sums by outcome", logitBatches(),
                batch -> {
                    double[] out = untouched(batch.p.length);
                    double[] sums = {Double.NaN, Double.NaN};
                    long ones = b.bernoulliLogitInformationNats(batch.y, batch.p, batch.from, batch.to, out, sums);
                    BigDecimal[] exact = {BigDecimal.ZERO, BigDecimal.ZERO};
                    long expectedOnes = 0;
                    for (int i = 0; i < out.length; i++) {
                        if (i < batch.from || i >= batch.to) {
                            assertThat(out[i]).as("out[%d] outside the range", i).isEqualTo(UNTOUCHED);
                            continue;
                        }
                        int outcome = (int) batch.y[i];
                        expectedOnes += outcome;
                        double reference = softplus(outcome == 1 ? -batch.p[i] : batch.p[i]);
                        if (reference == 0.0) {
                            assertThat(out[i]).as("out[%d] for z = %s", i, batch.p[i]).isZero();
                        } else {
                            assertThat(out[i]).as("out[%d] for z = %s", i, batch.p[i]).isCloseTo(reference,
                                    org.assertj.core.api.Assertions.within(Tolerance.ulps(LOGIT_TERM_ULPS, reference)));
                        }
                        exact[outcome] = exact[outcome].add(new BigDecimal(out[i]));
                    }
                    assertThat(ones).as("the number of outcomes 1").isEqualTo(expectedOnes);
                    for (int k = 0; k < 2; k++) {
                        // beyond the largest double by half its ulp at least: the sum rounds to +∞
                        BigDecimal overflow = new BigDecimal(Double.MAX_VALUE)
                                .add(new BigDecimal(Math.ulp(Double.MAX_VALUE) / 2));
                        if (exact[k].compareTo(overflow) >= 0) {
                            assertThat(sums[k]).as("a sum beyond the largest double").isEqualTo(Double.POSITIVE_INFINITY);
                        } else {
                            assertSum(sums[k], exact[k], "the sum of outcome " + k);
                        }
                    }
                    double[] parts = untouched(batch.p.length);
                    double[] a = new double[2];
                    double[] c = new double[2];
                    long onesA = b.bernoulliLogitInformationNats(batch.y, batch.p, batch.from, batch.split, parts, a);
                    long onesC = b.bernoulliLogitInformationNats(batch.y, batch.p, batch.split, batch.to, parts, c);
                    assertThat(onesA + onesC).as("outcomes 1 counted in two chunks").isEqualTo(expectedOnes);
                    for (int i = batch.from; i < batch.to; i++) {
                        assertThat(parts[i]).as("out[%d] computed in two chunks", i)
                                .isCloseTo(out[i], org.assertj.core.api.Assertions.within(
                                        Tolerance.ulps(2 * LOGIT_TERM_ULPS, out[i])));
                    }
                    for (int k = 0; k < 2; k++) {
                        if (sums[k] < Double.POSITIVE_INFINITY && a[k] + c[k] < Double.POSITIVE_INFINITY) {
                            assertThat(a[k] + c[k]).as("the sums of outcome %d in two chunks", k)
                                    .isCloseTo(sums[k], org.assertj.core.api.Assertions.within(
                                            Tolerance.ulps(CHUNK_ULPS, sums[k])));
                        }
                    }
                });
        String check = "bulk Bernoulli information from logits keeps its edge values and reports bad input";
        int n = 19;
        double[] zeros = new double[n];
        double[] out = new double[n];
        double[] sums = new double[2];
        for (int i = 0; i < n; i++) {
            double[] z = new double[n];
            double[] y = zeros.clone();
            z[i] = -40.0;
            y[i] = 1.0;
            assertThat(b.bernoulliLogitInformationNats(y, z, 0, n, out, sums)).as(says(b, check, "count at %d", i))
                    .isEqualTo(1L);
            // mpmath: softplus(40) = 40.000000000000000004248…, softplus(0) = ln 2
            assertThat(out[i]).as(says(b, check, "softplus(40) at %d", i)).isEqualTo(40.0);
            assertThat(out[(i + 1) % n]).as(says(b, check, "softplus(0) beside it")).isCloseTo(0.6931471805599453,
                    org.assertj.core.api.Assertions.within(Tolerance.ulps(LOGIT_TERM_ULPS, 0.6931471805599453)));
            y[i] = 0.0;
            b.bernoulliLogitInformationNats(y, z, 0, n, out, sums);
            // mpmath: softplus(−40) = 4.248354255291589e-18
            assertThat(out[i]).as(says(b, check, "softplus(−40) at %d", i)).isCloseTo(4.248354255291589e-18,
                    org.assertj.core.api.Assertions.within(Tolerance.ulps(LOGIT_TERM_ULPS, 4.248354255291589e-18)));
            for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
                double[] zb = new double[n];
                zb[i] = bad;
                assertThat(b.bernoulliLogitInformationNats(zeros, zb, 0, n, out, sums))
                        .as(says(b, check, "z = %s at %d", bad, i)).isEqualTo(-1L);
            }
            for (double bad : new double[] {0.5, 2.0, Double.NaN, -1.0}) {
                double[] yb = zeros.clone();
                yb[i] = bad;
                assertThat(b.bernoulliLogitInformationNats(yb, zeros, 0, n, out, sums))
                        .as(says(b, check, "y = %s at %d", bad, i)).isEqualTo(-1L);
            }
        }
    }

    // ---------------------------------------------------------------- plumbing

    /** The batch with every p = 0 (an impossible event, checked apart) replaced by ½. */
    private static Batch withoutZeros(Batch batch) {
        double[] p = batch.p.clone();
        for (int i = 0; i < p.length; i++) {
            p[i] = p[i] == 0.0 ? 0.5 : p[i];
        }
        return new Batch(batch.y, p, batch.from, batch.to, batch.split);
    }

    /** −ln p for outcome 1, −ln(1 − p) for outcome 0, by {@link StrictMath}. */
    private static double referenceBernoulli(int outcome, double p) {
        if (outcome == 1) {
            return p == 1.0 ? 0.0 : -StrictMath.log(p);
        }
        return p <= 0.5 ? -StrictMath.log1p(-p) : -StrictMath.log(1.0 - p);
    }

    private static void assertTerm(double term, double reference, int i, double p) {
        if (reference == 0.0) {
            assertThat(Double.compare(term, 0.0)).as("out[%d] for p = %s is +0, not %s", i, p, term).isZero();
        } else {
            assertThat(term).as("out[%d] for p = %s", i, p).isCloseTo(reference,
                    org.assertj.core.api.Assertions.within(Tolerance.ulps(TERM_ULPS, reference)));
        }
    }

    private static void assertSum(double sum, BigDecimal exact, String what) {
        double e = exact.doubleValue();
        assertThat(sum).as("%s (exact %s)", what, exact.toString())
                .isCloseTo(e, org.assertj.core.api.Assertions.within(Tolerance.ulps(SUM_ULPS, e)));
    }

    private static double[] untouched(int n) {
        double[] out = new double[n];
        Arrays.fill(out, UNTOUCHED);
        return out;
    }

    private static String says(InformationMeasures b, String check, String format, Object... args) {
        return String.format(Locale.ROOT, "[%s] %s: ", b.id(), check) + String.format(Locale.ROOT, format, args);
    }

    private static <T> void property(InformationMeasures b, String identity, Gen<T> gen, Consumer<T> check) {
        try {
            Settings.qt(EXAMPLES).forAll(gen).checkAssert(check);
        } catch (AssertionError e) {
            throw new AssertionError(String.format(Locale.ROOT, "[%s] %s does not hold; %s%n%s", b.id(),
                    identity, Settings.replay(), e.getMessage()), e);
        }
    }
}
