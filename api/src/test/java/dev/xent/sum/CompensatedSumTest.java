package dev.xent.sum;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link CompensatedSum} against exact sums computed with {@link BigDecimal}. */
class CompensatedSumTest {

    private static double exact(double[] x) {
        BigDecimal s = BigDecimal.ZERO;
        for (double v : x) {
            s = s.add(new BigDecimal(v));
        }
        return s.doubleValue();
    }

    @Test
    void recoversWhatPlainSummationLoses() {
        // 1 + 10^6 terms of 2^-60: plain summation drops every one of them
        double[] x = new double[1_000_001];
        Arrays.fill(x, 0x1p-60);
        x[0] = 1.0;
        double plain = 0.0;
        for (double v : x) {
            plain += v;
        }
        assertThat(plain).isEqualTo(1.0);
        assertThat(CompensatedSum.of(x)).isEqualTo(exact(x)).isEqualTo(1.0 + 1_000_000 * 0x1p-60);
    }

    @Test
    void sameSignSumsAreWithinTwoUlpsOfTheExactSumInAnyGrouping() {
        SplittableRandom r = new SplittableRandom(20261202L);
        for (int trial = 0; trial < 200; trial++) {
            double[] x = r.doubles(1 + r.nextInt(5000), 0.0, 1.0).map(v -> v * Math.pow(10, -r.nextInt(20))).toArray();
            double truth = exact(x);
            CompensatedSum whole = new CompensatedSum();
            for (double v : x) {
                whole.add(v);
            }
            int cut = r.nextInt(x.length + 1);
            CompensatedSum left = new CompensatedSum();
            CompensatedSum right = new CompensatedSum();
            for (int i = 0; i < x.length; i++) {
                (i < cut ? left : right).add(x[i]);
            }
            double merged = right.add(left).value();
            assertThat(Math.abs(whole.value() - truth)).isLessThanOrEqualTo(2 * Math.ulp(truth));
            assertThat(Math.abs(merged - truth)).isLessThanOrEqualTo(2 * Math.ulp(truth));
            assertThat(CompensatedSum.of(x)).isEqualTo(whole.value());
        }
    }

    @Test
    void anOverflowIsReportedAsInfinityNotNaN() {
        CompensatedSum s = new CompensatedSum().add(Double.MAX_VALUE).add(Double.MAX_VALUE);
        assertThat(s.value()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(CompensatedSum.of(new double[] {1.0, Double.POSITIVE_INFINITY, 2.0}))
                .isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(new CompensatedSum().value()).isZero();
    }

    @Test
    void theErrorTermIsExact() {
        double s = 1.0;
        double x = 0x1p-60;
        double t = s + x;
        assertThat(new BigDecimal(s).add(new BigDecimal(x)))
                .isEqualByComparingTo(new BigDecimal(t).add(new BigDecimal(CompensatedSum.error(s, x, t))));
        assertThat(CompensatedSum.error(x, s, t)).isEqualTo(x);
    }
}
