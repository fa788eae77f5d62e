package dev.xent.verification;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The accuracy oracle: the true value of each measure for double inputs, computed in
 * {@link BigDecimal} with {@value #DIGITS} significant digits. It is test code, not a backend:
 * it is slow (a few microseconds per logarithm) and exists only to measure the backends' errors.
 *
 * <p>The inputs are exact binary fractions ({@code new BigDecimal(double)} is exact), so "the true
 * value" is the exact mathematics on the doubles as given: −Σ p<sub>i</sub> ln p<sub>i</sub>, with
 * the conventions of {@code InformationMeasures} (0·ln 0 = 0; +∞ when some q<sub>i</sub> = 0 &lt;
 * p<sub>i</sub>).
 *
 * <h2>The logarithm</h2>
 * For x = m·2<sup>e</sup> with m ∈ [1, 2) (subnormals are scaled up first, exactly):
 * <pre>
 *   ln x = e·ln 2 + ln c_j + ln(m / c_j),   c_j = 1 + j/64,  j = ⌊64(m − 1)⌋
 *   ln r = 2 atanh z = 2 (z + z³/3 + z⁵/5 + …),   z = (r − 1)/(r + 1)
 * </pre>
 * The table reduction leaves r ∈ [1, 1 + 1/64), so |z| &lt; 1/129 and each series term gains
 * more than four digits; the series stops below 10<sup>−{@value #DIGITS}</sup>·10<sup>−8</sup>.
 * ln 2 and the 64 table entries come from the same series (z = 1/3 at most) at {@value #TABLE_DIGITS}
 * digits. This is the classic argument reduction of libm implementations (e.g. Tang's table-driven
 * logarithm) with an arbitrary-precision series instead of a polynomial; the results are checked
 * against mpmath in {@code OracleTest}.
 *
 * <p>With {@value #DIGITS} digits, |ln x| ≤ 745 and at most 4096 terms, the error of a sum is below
 * 10<sup>−50</sup> of Σ|terms| — some 34 decimal orders below a double's rounding, even for a KL
 * whose terms cancel down to 10<sup>−16</sup> of Σ|terms|.
 */
final class Oracle {

    /** Significant digits of every intermediate result. */
    static final int DIGITS = 60;

    /** Digits of the constants ln 2 and ln c_j. */
    static final int TABLE_DIGITS = 80;

    static final MathContext MC = new MathContext(DIGITS, RoundingMode.HALF_EVEN);

    private static final MathContext TABLE_MC = new MathContext(TABLE_DIGITS, RoundingMode.HALF_EVEN);

    private static final int TABLE_SIZE = 64;

    private static final BigDecimal TWO = BigDecimal.valueOf(2);

    private static final BigDecimal LN2 = atanhSeries(BigDecimal.ONE, BigDecimal.valueOf(3), TABLE_MC);

    private static final BigDecimal[] C = new BigDecimal[TABLE_SIZE];

    private static final BigDecimal[] LN_C = new BigDecimal[TABLE_SIZE];

    static {
        for (int j = 0; j < TABLE_SIZE; j++) {
            // c_j = 1 + j/64 = (64 + j)/64, ln c_j = 2 atanh(j / (128 + j))
            C[j] = new BigDecimal(1.0 + j / 64.0);
            LN_C[j] = atanhSeries(BigDecimal.valueOf(j), BigDecimal.valueOf(128L + j), TABLE_MC);
        }
    }

    private Oracle() {
    }

    /** 2 atanh(num/den) = ln((den + num)/(den − num)) by its series. */
    private static BigDecimal atanhSeries(BigDecimal num, BigDecimal den, MathContext mc) {
        BigDecimal z = num.divide(den, mc);
        return TWO.multiply(atanh(z, mc), mc);
    }

    /** atanh z = z + z³/3 + z⁵/5 + … for |z| ≤ 1/3. */
    private static BigDecimal atanh(BigDecimal z, MathContext mc) {
        BigDecimal z2 = z.multiply(z, mc);
        BigDecimal power = z;
        BigDecimal sum = z;
        BigDecimal stop = BigDecimal.ONE.movePointLeft(mc.getPrecision() + 8);
        for (int k = 3; ; k += 2) {
            power = power.multiply(z2, mc);
            BigDecimal term = power.divide(BigDecimal.valueOf(k), mc);
            sum = sum.add(term, mc);
            if (term.abs().compareTo(stop) < 0) {
                return sum;
            }
        }
    }

    /**
     * The natural logarithm of a positive finite double, to {@value #DIGITS} digits.
     *
     * @param x a positive finite double, subnormals included
     * @return ln x
     */
    static BigDecimal ln(double x) {
        if (!(x > 0.0 && x < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("the oracle's ln needs a positive finite double, got " + x);
        }
        int e = Math.getExponent(x);
        double m;
        if (e < Double.MIN_EXPONENT) {
            double scaled = x * 0x1p54; // exact: a subnormal times a power of two
            e = Math.getExponent(scaled) - 54;
            m = Math.scalb(scaled, -(e + 54));
        } else {
            m = Math.scalb(x, -e);
        }
        if (m == 1.0) {
            return LN2.multiply(BigDecimal.valueOf(e), MC);
        }
        int j = (int) ((m - 1.0) * TABLE_SIZE);
        BigDecimal r = new BigDecimal(m).divide(C[j], MC);
        BigDecimal z = r.subtract(BigDecimal.ONE).divide(r.add(BigDecimal.ONE), MC);
        BigDecimal lnR = TWO.multiply(atanh(z, MC), MC);
        return LN2.multiply(BigDecimal.valueOf(e), TABLE_MC).add(LN_C[j], TABLE_MC).add(lnR, MC);
    }

    /** Logarithms of every positive entry, {@code null} for zeros. */
    static BigDecimal[] lns(double[] p) {
        BigDecimal[] l = new BigDecimal[p.length];
        for (int i = 0; i < p.length; i++) {
            l[i] = p[i] > 0.0 ? ln(p[i]) : null;
        }
        return l;
    }

    /** True when H(P,Q) and KL(P‖Q) are +∞: some q<sub>i</sub> = 0 &lt; p<sub>i</sub>. */
    static boolean infinite(double[] p, double[] q) {
        for (int i = 0; i < p.length; i++) {
            if (p[i] > 0.0 && q[i] == 0.0) {
                return true;
            }
        }
        return false;
    }

    /** The true values for one pair, with the scales the declared KL bounds are stated in. */
    record Truth(BigDecimal entropy, BigDecimal crossEntropy, BigDecimal kl,
                 BigDecimal klAbsTerms, BigDecimal klAbsLogs) {
    }

    /**
     * H(P), H(P,Q), KL(P‖Q) = Σ p ln p − Σ p ln q (each term exactly p·(ln p − ln q)), Σ|p ln(p/q)|
     * and Σ p(|ln p| + |ln q|), for a pair where Q has mass wherever P has.
     *
     * @param p the probabilities of P
     * @param q the probabilities of Q, positive wherever p is
     * @return the true values
     */
    static Truth truth(double[] p, double[] q) {
        if (infinite(p, q)) {
            throw new IllegalArgumentException("H(P,Q) and KL(P||Q) are infinite for this pair");
        }
        BigDecimal h = BigDecimal.ZERO;
        BigDecimal ce = BigDecimal.ZERO;
        BigDecimal kl = BigDecimal.ZERO;
        BigDecimal klAbs = BigDecimal.ZERO;
        BigDecimal logsAbs = BigDecimal.ZERO;
        for (int i = 0; i < p.length; i++) {
            if (p[i] > 0.0) {
                BigDecimal pi = new BigDecimal(p[i]);
                BigDecimal lp = ln(p[i]);
                BigDecimal lq = q[i] == p[i] ? lp : ln(q[i]);
                BigDecimal termH = pi.multiply(lp, MC);
                BigDecimal termCe = pi.multiply(lq, MC);
                BigDecimal termKl = pi.multiply(lp.subtract(lq, MC), MC);
                h = h.subtract(termH, MC);
                ce = ce.subtract(termCe, MC);
                kl = kl.add(termKl, MC);
                klAbs = klAbs.add(termKl.abs(), MC);
                logsAbs = logsAbs.add(termH.abs().add(termCe.abs(), MC), MC);
            }
        }
        return new Truth(h, ce, kl, klAbs, logsAbs);
    }

    /**
     * The error of a computed double in ulps of the true value: |computed − true| / ulp(true).
     *
     * @param computed a backend's result
     * @param truth the true value
     * @return the error in ulps of the true value (a double, so fractions show)
     */
    static double ulps(double computed, BigDecimal truth) {
        if (!Double.isFinite(computed)) {
            return Double.POSITIVE_INFINITY;
        }
        double ulp = Math.ulp(truth.doubleValue());
        return new BigDecimal(computed).subtract(truth, MC).abs()
                .divide(new BigDecimal(ulp), MC).doubleValue();
    }

    /**
     * The absolute error |computed − true| as a double.
     *
     * @param computed a backend's result
     * @param truth the true value
     * @return the absolute error, +∞ for a non-finite result
     */
    static double absoluteError(double computed, BigDecimal truth) {
        if (!Double.isFinite(computed)) {
            return Double.POSITIVE_INFINITY;
        }
        return new BigDecimal(computed).subtract(truth, MC).abs().doubleValue();
    }
}
