package dev.xent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import org.junit.jupiter.api.Test;

/**
 * {@link EiselLemire}'s step against the JDK's {@link Double#parseDouble} (correctly rounded by its
 * specification) on the text of the same w · 10<sup>q</sup>: whenever the step returns a value it
 * has the same bits; it declines only near a tie; and it does not decline the fields pandas writes.
 */
class EiselLemireTest {

    private static final long SEED = 20261203L;

    /** The JDK's bits for w · 10^q, w read as unsigned. */
    private static long jdk(long w, int q) {
        return Double.doubleToRawLongBits(Double.parseDouble(Long.toUnsignedString(w) + "e" + q));
    }

    /** The exact midpoint of two doubles. */
    private static BigDecimal midpoint(double a, double b) {
        return new BigDecimal(a).add(new BigDecimal(b)).divide(BigDecimal.valueOf(2));
    }

    /** Whether w · 10^q lies within 2^-100 (relatively) of the midpoint of two neighbouring doubles. */
    private static boolean nearATie(long w, int q) {
        BigDecimal x = new BigDecimal(new java.math.BigInteger(Long.toUnsignedString(w)), -q);
        double d = x.doubleValue();
        for (double other : new double[] {Math.nextUp(d), Math.nextDown(d)}) {
            BigDecimal mid = midpoint(d, other);
            BigDecimal gap = x.subtract(mid).abs();
            if (gap.compareTo(x.multiply(new BigDecimal(0x1p-100))) <= 0) {
                return true;
            }
        }
        return false;
    }

    @Test
    void everyValueItReturnsIsTheJdksOverTheWholeRange() {
        // w from 1 to 10^19 - 1 (unsigned), its number of digits uniform, and every q in range
        int[] declined = {0};
        qt().withFixedSeed(SEED).withExamples(200_000)
                .forAll(integers().between(1, 19), longs().all(),
                        integers().between(EiselLemire.MIN_Q, EiselLemire.MAX_Q))
                .checkAssert((digits, bits, q) -> {
                    long w = Long.parseUnsignedLong(Long.toUnsignedString(bits | 1L << 63).substring(0, digits));
                    long got = EiselLemire.bits(w, q);
                    if (got == EiselLemire.DECLINED) {
                        // only a tie, or a value a hair from one, is left to the full conversion
                        assertThat(nearATie(w, q)).as("%se%d declined", Long.toUnsignedString(w), q).isTrue();
                        declined[0]++;
                    } else {
                        assertThat(got).as("%se%d", Long.toUnsignedString(w), q).isEqualTo(jdk(w, q));
                    }
                });
        // the ties among these are exact small products (a short odd w with a small q ≥ 0)
        assertThat(declined[0]).isLessThan(200_000 / 100);
    }

    @Test
    void nearTiesItIsRightOrDeclines() {
        // the exact midpoint of a double and its successor, cut to 19, 18 or 17 significant digits,
        // and one or two units either side in the last digit: values within a few units of a tie
        qt().withFixedSeed(SEED).withExamples(20_000)
                .forAll(longs().between(Double.doubleToRawLongBits(1e-290), Double.doubleToRawLongBits(1e280)),
                        integers().between(17, 19), integers().between(-2, 2))
                .checkAssert((dBits, digits, step) -> {
                    double d = Double.longBitsToDouble(dBits);
                    BigDecimal mid = midpoint(d, Math.nextUp(d));
                    BigDecimal cut = mid.round(new MathContext(digits, RoundingMode.DOWN));
                    // the unscaled digits plus the step, as an unsigned long (19 digits may pass 2^63)
                    long w = cut.unscaledValue().longValue() + step;
                    int q = -cut.scale();
                    long got = EiselLemire.bits(w, q);
                    if (got != EiselLemire.DECLINED) {
                        assertThat(got).as("%se%d", Long.toUnsignedString(w), q).isEqualTo(jdk(w, q));
                    }
                });
    }

    @Test
    void exactTiesAreDeclinedAndTheTextStillRoundsToEven() throws NumberSyntax.NotANumber {
        // 2^53 + 1, 2^53 + 3 and 10^23 = 5^23 · 2^23 (5^23 odd, of 54 bits) lie exactly halfway
        // between two doubles
        assertThat(EiselLemire.bits(9_007_199_254_740_993L, 0)).isEqualTo(EiselLemire.DECLINED);
        assertThat(EiselLemire.bits(9_007_199_254_740_995L, 0)).isEqualTo(EiselLemire.DECLINED);
        assertThat(EiselLemire.bits(1L, 23)).isEqualTo(EiselLemire.DECLINED);
        // the full conversion rounds them to the even neighbour
        assertThat(NumberSyntax.parse("9007199254740993")).isEqualTo(9_007_199_254_740_992.0);
        assertThat(NumberSyntax.parse("9007199254740995")).isEqualTo(9_007_199_254_740_996.0);
        assertThat(NumberSyntax.parse("1e23")).isEqualTo(0x1.52d02c7e14af6p76);
        // a double itself, and a hair off a tie, are decided
        assertThat(Double.longBitsToDouble(EiselLemire.bits(9_007_199_254_740_994L, 0)))
                .isEqualTo(9_007_199_254_740_994.0);
        assertThat(Double.longBitsToDouble(EiselLemire.bits(9_007_199_254_740_993_1L, -1)))
                .isEqualTo(9_007_199_254_740_994.0);
        assertThat(Double.longBitsToDouble(EiselLemire.bits(9_007_199_254_740_992_9L, -1)))
                .isEqualTo(9_007_199_254_740_992.0);
    }

    @Test
    void theFieldsPandasWritesAreConvertedHereNotDeclined() {
        // 17 significant digits (above 2^53, so not Clinger's path) and an exponent
        String[] fields = {"0.16295868803944988", "0.056886866094462626", "0.9999999999999999",
            "1.7976931348623157e308", "2.2250738585072014e-308", "0.30000000000000004", "1.2345678901234567e-05"};
        long[] w = {16295868803944988L, 56886866094462626L, 9999999999999999L, 17976931348623157L,
            22250738585072014L, 30000000000000004L, 12345678901234567L};
        int[] q = {-17, -18, -16, 292, -324, -17, -21};
        for (int i = 0; i < fields.length; i++) {
            long expected = Double.doubleToRawLongBits(Double.parseDouble(fields[i]));
            long got = EiselLemire.bits(w[i], q[i]);
            if (q[i] >= EiselLemire.MIN_Q && q[i] <= EiselLemire.MAX_Q) {
                assertThat(got).as(fields[i]).isEqualTo(expected);
            } else {
                assertThat(got).as(fields[i] + ": outside the range").isEqualTo(EiselLemire.DECLINED);
            }
        }
    }

    @Test
    void theRangeHoldsOnlyNormalDoubles() {
        // the extremes of the range: 1e-307 and (10^19 - 1)e288 are normal and finite
        assertThat(Double.longBitsToDouble(EiselLemire.bits(1L, EiselLemire.MIN_Q))).isEqualTo(1e-307);
        long largest = EiselLemire.bits(Long.parseUnsignedLong("9999999999999999999"), EiselLemire.MAX_Q);
        assertThat(Double.longBitsToDouble(largest)).isEqualTo(Double.parseDouble("9999999999999999999e288"))
                .isLessThan(Double.MAX_VALUE);
        assertThat(Math.getExponent(Double.longBitsToDouble(EiselLemire.bits(1L, EiselLemire.MIN_Q))))
                .isGreaterThanOrEqualTo(Double.MIN_EXPONENT);
        assertThat(EiselLemire.bits(1L, EiselLemire.MIN_Q - 1)).isEqualTo(EiselLemire.DECLINED);
        assertThat(EiselLemire.bits(1L, EiselLemire.MAX_Q + 1)).isEqualTo(EiselLemire.DECLINED);
    }
}
