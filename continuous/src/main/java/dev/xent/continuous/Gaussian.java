package dev.xent.continuous;

import dev.xent.LogBase;
import java.util.Locale;
import java.util.Objects;

/**
 * A normal distribution N(μ, σ²), with its differential entropy, cross-entropy and KL divergence in
 * closed form, and the Gaussian negative log-likelihood (NLL) of residuals.
 *
 * <h2>Formulas (nats; Cover &amp; Thomas, <i>Elements of Information Theory</i>, ch. 8)</h2>
 * For P = N(μ₁, σ₁²) and Q = N(μ₂, σ₂²), with r = σ₁/σ₂ and z = (μ₁ − μ₂)/σ₂:
 * <pre>
 *   h(P)     = ½ ln(2πe σ₁²)                           = ½ ln(2πe) + ln σ₁
 *   H(P, Q)  = −∫ p ln q = ½ ln(2π σ₂²) + (σ₁² + (μ₁ − μ₂)²)/(2σ₂²)
 *                                                      = ½ ln(2π) + ln σ₂ + ½ r² + ½ z²
 *   KL(P‖Q)  = H(P, Q) − h(P) = ln(σ₂/σ₁) + (σ₁² + (μ₁ − μ₂)²)/(2σ₂²) − ½
 *                                                      = (½(r² − 1) − ln r) + ½ z²
 * </pre>
 * Unlike discrete entropy, differential entropy can be negative (σ &lt; 1/√(2πe) ≈ 0.242); the
 * identity H(P, Q) = h(P) + KL(P‖Q) still holds, and KL ≥ 0 with equality iff P = Q.
 *
 * <h2>Stability and accuracy</h2>
 * Nothing is computed through σ², which would overflow for σ &gt; 1.3e154 and underflow for
 * σ &lt; 1.5e-154: logarithms are taken of σ itself and ratios are formed before squaring. Symbols
 * below: u = 2<sup>−53</sup>, ρ = fl(σ₁/σ₂) the rounded quotient, δ = r − 1.
 * <ul>
 *   <li><b>h(P) = ln(σ₁·√(2πe))</b>, with √(2πe) held as a double-double c<sub>hi</sub> +
 *       c<sub>lo</sub>: the product t = σ₁c is formed with its rounding error (one {@code fma}),
 *       and ln t is taken as log1p((t<sub>hi</sub> − 1) + t<sub>lo</sub>) when t ∈ [½, 2] (near the
 *       zero of h at σ₁ = 1/√(2πe) ≈ 0.242) and as ln t<sub>hi</sub> + t<sub>lo</sub>/t<sub>hi</sub>
 *       elsewhere; when σ₁c would leave the normal range, ln σ₁ + ln √(2πe). Error: within about
 *       2 ulps of the true value for every σ₁, including next to the zero crossing.</li>
 *   <li><b>KL(P‖Q) = f(r) + ½z²</b> with f(r) = ½(r² − 1) − ln r = ½δ² + g(δ) and
 *       g(δ) = δ − ln(1 + δ): both summands of KL, and both of f, are ≥ 0, so nothing cancels
 *       between them. For ½ ≤ r ≤ 2, δ = (σ₁ − σ₂)/σ₂ (σ₁ − σ₂ exact by Sterbenz' lemma) and g by
 *       the series g = 2s²/(1 − s) − 2(s³/3 + s⁵/5 + …) in s = (σ₁ − σ₂)/(σ₁ + σ₂) ∈ [−⅓, ⅓]
 *       (ln(1 + δ) = 2 atanh s), which converges by a factor s² ≤ 1/9 per term and has no
 *       cancellation. Outside, ½(ρ² − 1) − ln(σ₁/σ₂) with the log-ratio taken as
 *       ln ρ + (σ₁ − ρσ₂)/σ₁ (the exact remainder of the division from one {@code fma}), or as
 *       ln σ₁ − ln σ₂ when ρ leaves the normal range (then |ln r| &gt; 708 dominates). The
 *       previous version took ln σ₁ − ln σ₂ everywhere, which loses |ln σ|·u of absolute accuracy:
 *       212 ulps for σ₁ = 10<sup>−200</sup>, σ₂ = 10<sup>−199</sup>. Error now: within about
 *       4 ulps of the true value for any σ₁, σ₂ and means (the terms are non-negative, so the
 *       error is relative), exactly 0 for P = Q.</li>
 *   <li><b>H(P, Q) = ln(σ₂√(2π)) + ½r² + ½z²</b>, the logarithm as for h(P) and the three terms
 *       added with compensated (TwoSum) summation. The first term is negative for σ₂ &lt; 0.399;
 *       where it cancels against ½r² + ½z² no double formula keeps a relative accuracy, and the
 *       error bound is absolute: about 2u·(|ln(σ₂√(2π))| + ½r² + ½z²) + 2 ulps of the result
 *       (within about 4 ulps of the true value wherever the terms do not cancel).</li>
 *   <li>z = (μ₁ − μ₂)/σ₂ carries the rounding of the difference and of the quotient (relative
 *       2u); a difference that overflows is formed from halves. Results overflow to +∞ only when
 *       the exact value exceeds {@link Double#MAX_VALUE} (e.g. r or z above about 1.9e154).</li>
 * </ul>
 * The accuracy is tested against mpmath (80 digits) on a generated grid of σ from 10<sup>−300</sup>
 * to 10<sup>300</sup> and mean differences from 0 to 10<sup>300</sup>
 * ({@code continuous/src/test/resources/dev/xent/continuous/gaussian-grid.csv} and the script
 * {@code gaussian_grid.py} next to it).
 *
 * <h2>Gaussian NLL and mean squared error</h2>
 * A regression model that predicts the mean of a Gaussian target with fixed σ assigns the residual
 * e = y − ŷ the negative log-likelihood
 * <pre>
 *   NLL(e; σ) = e²/(2σ²) + ln σ + ½ ln(2π),      ½ ln(2π) = {@value #HALF_LN_TWO_PI}
 * </pre>
 * so the mean NLL over a dataset is MSE/(2σ²) + ln σ + ½ ln(2π), and for σ = 1 the identity
 * mean NLL = MSE/2 + ½ ln(2π): minimising mean squared error is minimising this cross-entropy.
 * PyTorch's {@code GaussianNLLLoss} drops the constant by default ({@code full=False}) and takes
 * the variance σ², not σ; xent keeps the constant, so the value is a true cross-entropy in nats.
 *
 * <p>Immutable and thread-safe.
 */
public final class Gaussian {

    /** ½ ln(2π) = 0.9189385332046728 (the double nearest; mpmath: 0.918938533204672741780…). */
    public static final double HALF_LN_TWO_PI = 0.9189385332046728;

    /**
     * ½ ln(2πe) = ½ ln(2π) + ½ = 1.4189385332046727, the entropy of N(0, 1) in nats (the double
     * nearest; mpmath: 1.41893853320467274178…; {@code HALF_LN_TWO_PI + 0.5} rounds one ulp higher).
     */
    public static final double HALF_LN_TWO_PI_E = 1.4189385332046727;

    /** √(2πe) as a double-double: 4.132731354122493 + 1.211870280536999e-16 (mpmath). */
    private static final double SQRT_TWO_PI_E_HI = 4.132731354122493;
    private static final double SQRT_TWO_PI_E_LO = 1.211870280536999e-16;
    /** The low part of ½ ln(2πe) (mpmath): 7.223936088184323e-17. */
    private static final double HALF_LN_TWO_PI_E_LO = 7.223936088184323e-17;

    /** √(2π) as a double-double: 2.5066282746310007 − 1.8328579980459167e-16 (mpmath). */
    private static final double SQRT_TWO_PI_HI = 2.5066282746310007;
    private static final double SQRT_TWO_PI_LO = -1.8328579980459167e-16;
    /** The low part of ½ ln(2π) (mpmath): −3.8782941580672414e-17. */
    private static final double HALF_LN_TWO_PI_LO = -3.8782941580672414e-17;

    private final double mean;
    private final double sd;

    private Gaussian(double mean, double sd) {
        this.mean = mean;
        this.sd = sd;
    }

    /**
     * N(μ, σ²).
     *
     * @param mean μ, finite
     * @param standardDeviation σ, finite and &gt; 0
     * @return the distribution
     * @throws IllegalArgumentException if μ is not finite or σ is not finite and positive
     */
    public static Gaussian of(double mean, double standardDeviation) {
        if (!(Math.abs(mean) < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "the mean of a Gaussian must be finite, got %s", mean));
        }
        checkSigma(standardDeviation);
        return new Gaussian(mean + 0.0, standardDeviation);
    }

    /**
     * The standard normal N(0, 1).
     *
     * @return N(0, 1)
     */
    public static Gaussian standard() {
        return new Gaussian(0.0, 1.0);
    }

    /**
     * The mean μ.
     *
     * @return μ
     */
    public double mean() {
        return mean;
    }

    /**
     * The standard deviation σ.
     *
     * @return σ &gt; 0
     */
    public double standardDeviation() {
        return sd;
    }

    /**
     * The natural log of the density, ln p(x) = −½((x − μ)/σ)² − ln σ − ½ ln(2π).
     *
     * @param x a point
     * @return ln p(x), −∞ far in the tails
     */
    public double logDensity(double x) {
        double u = (x - mean) / sd;
        return -0.5 * u * u - Math.log(sd) - HALF_LN_TWO_PI;
    }

    /**
     * The density p(x) = exp(ln p(x)).
     *
     * @param x a point
     * @return p(x) ≥ 0
     */
    public double density(double x) {
        return Math.exp(logDensity(x));
    }

    /**
     * The differential entropy h(P) = ½ ln(2πe σ²) = ln(σ√(2πe)) in nats, within about 2 ulps
     * (see the class documentation).
     *
     * @return h(P); negative for σ &lt; 1/√(2πe) ≈ 0.242
     */
    public double entropyNats() {
        return logOfProduct(sd, SQRT_TWO_PI_E_HI, SQRT_TWO_PI_E_LO, HALF_LN_TWO_PI_E, HALF_LN_TWO_PI_E_LO);
    }

    /**
     * The differential entropy in the given unit.
     *
     * @param unit the unit
     * @return h(P) in {@code unit}
     */
    public double entropy(LogBase unit) {
        return unit.fromNats(entropyNats());
    }

    /**
     * The cross-entropy H(P, Q) = ln(σ₂√(2π)) + ½ r² + ½ z² in nats, P = this; accuracy in the
     * class documentation.
     *
     * @param q the model Q
     * @return H(P, Q), +∞ when the exact value exceeds the largest double
     */
    public double crossEntropyNats(Gaussian q) {
        Objects.requireNonNull(q, "q");
        double r = sd / q.sd;
        double z = standardizedGap(q);
        double log = logOfProduct(q.sd, SQRT_TWO_PI_HI, SQRT_TWO_PI_LO, HALF_LN_TWO_PI, HALF_LN_TWO_PI_LO);
        double a = 0.5 * r * r;
        double b = 0.5 * z * z;
        double s1 = log + a;
        double e1 = twoSumError(log, a, s1);
        double s2 = s1 + b;
        double e2 = twoSumError(s1, b, s2);
        return Double.isInfinite(s2) ? s2 : s2 + (e1 + e2);
    }

    /**
     * The cross-entropy in the given unit.
     *
     * @param q the model Q
     * @param unit the unit
     * @return H(P, Q) in {@code unit}
     */
    public double crossEntropy(Gaussian q, LogBase unit) {
        return unit.fromNats(crossEntropyNats(q));
    }

    /**
     * The KL divergence KL(P‖Q) = ½(r² − 1) − ln r + ½ z² in nats, P = this; within about 4 ulps
     * for any parameters (see the class documentation).
     *
     * @param q the model Q
     * @return KL(P‖Q) ≥ 0, exactly 0 when P = Q; +∞ when the exact value exceeds the largest double
     */
    public double klDivergenceNats(Gaussian q) {
        Objects.requireNonNull(q, "q");
        double z = standardizedGap(q);
        return widthTerm(sd, q.sd) + 0.5 * z * z;
    }

    /**
     * f(r) = ½(r² − 1) − ln r ≥ 0 for r = σ₁/σ₂, without cancellation (see the class documentation).
     */
    static double widthTerm(double s1, double s2) {
        if (s1 == s2) {
            return 0.0;
        }
        if (s1 >= 0.5 * s2 && s1 <= 2.0 * s2) {
            double delta = (s1 - s2) / s2;                       // s1 − s2 exact (Sterbenz)
            // s = (s1 − s2)/(s1 + s2); for large widths from halves, so that the sum cannot
            // overflow (halving is exact there; for small ones it could round a subnormal)
            double s = s2 < 1.0 ? (s1 - s2) / (s1 + s2) : (0.5 * s1 - 0.5 * s2) / (0.5 * s1 + 0.5 * s2);
            return 0.5 * delta * delta + deltaMinusLog1p(s);
        }
        double rho = s1 / s2;
        if (rho == Double.POSITIVE_INFINITY) {
            return rho;
        }
        double logRatio;
        if (rho >= Double.MIN_NORMAL) {
            logRatio = Math.log(rho) + Math.fma(-rho, s2, s1) / s1;
        } else {
            logRatio = Math.log(s1) - Math.log(s2);
        }
        return rho > 1.0 ? (0.5 * rho * rho - 0.5) - logRatio : -logRatio - (0.5 - 0.5 * rho * rho);
    }

    /**
     * g = δ − ln(1 + δ) ≥ 0 as a function of s = δ/(2 + δ), |s| ≤ ⅓: ln(1 + δ) = 2 atanh s and
     * δ = 2s/(1 − s), so g = 2s²/(1 − s) − 2(s³/3 + s⁵/5 + …), summed smallest term first.
     */
    private static double deltaMinusLog1p(double s) {
        double s2 = s * s;
        // Σ_{k=0..N} s^(2k)/(2k + 3) by Horner; N = 20 leaves (1/9)^21 < 1e-20 of the first term
        double acc = 1.0 / 43.0;
        for (int j = 41; j >= 3; j -= 2) {
            acc = acc * s2 + 1.0 / j;
        }
        return 2.0 * s2 / (1.0 - s) - 2.0 * (s * s2 * acc);
    }

    /**
     * ln(x·c) for x &gt; 0 and c = cHi + cLo &gt; 0 given as a double-double, with ln c = lnHi + lnLo:
     * the product with its rounding error, then log1p near 1 or a first-order correction of ln.
     */
    private static double logOfProduct(double x, double cHi, double cLo, double lnHi, double lnLo) {
        double hi = x * cHi;
        if (hi >= Double.MIN_NORMAL && hi < Double.POSITIVE_INFINITY) {
            double lo = Math.fma(x, cHi, -hi) + x * cLo;           // x·c − hi
            if (hi >= 0.5 && hi <= 2.0) {
                return Math.log1p((hi - 1.0) + lo);                // hi − 1 exact (Sterbenz)
            }
            return Math.log(hi) + lo / hi;
        }
        return Math.log(x) + lnHi + lnLo;
    }

    /** The rounding error of a + b = s (Knuth's TwoSum), 0 when the sum is not finite. */
    private static double twoSumError(double a, double b, double s) {
        if (Double.isInfinite(s)) {
            return 0.0;
        }
        double bb = s - a;
        return (a - (s - bb)) + (b - bb);
    }

    /**
     * The KL divergence in the given unit.
     *
     * @param q the model Q
     * @param unit the unit
     * @return KL(P‖Q) in {@code unit}
     */
    public double klDivergence(Gaussian q, LogBase unit) {
        return unit.fromNats(klDivergenceNats(q));
    }

    /** z = (μ₁ − μ₂)/σ₂; a difference that overflows is formed from halves (exact scalings). */
    private double standardizedGap(Gaussian q) {
        double d = mean - q.mean;
        if (Double.isInfinite(d)) {
            return 2.0 * ((0.5 * mean - 0.5 * q.mean) / q.sd);
        }
        return d / q.sd;
    }

    /**
     * The Gaussian negative log-likelihood of one residual e = y − ŷ with standard deviation σ:
     * e²/(2σ²) + ln σ + ½ ln(2π), computed as ½(e/σ)² + ln σ + {@value #HALF_LN_TWO_PI}.
     *
     * @param residual e, finite
     * @param sigma σ, finite and &gt; 0
     * @return the NLL in nats (negative for small σ and e: it is a density)
     * @throws IllegalArgumentException if e is not finite or σ not finite and positive
     */
    public static double residualNllNats(double residual, double sigma) {
        checkSigma(sigma);
        if (!(Math.abs(residual) < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "residual must be finite, got %s", residual));
        }
        double u = residual / sigma;
        return 0.5 * u * u + Math.log(sigma) + HALF_LN_TWO_PI;
    }

    /**
     * The mean Gaussian NLL of residuals, MSE/(2σ²) + ln σ + ½ ln(2π); for σ = 1 this is
     * MSE/2 + ½ ln(2π). The sum of squares is compensated (Neumaier), so the result is within a
     * few ulps.
     *
     * @param residuals e<sub>1</sub>, …, e<sub>N</sub>, finite, N ≥ 1
     * @param sigma σ, finite and &gt; 0
     * @return the mean NLL in nats
     * @throws IllegalArgumentException if there are no residuals (naming the problem), a residual
     *     is not finite (naming its index and value), or σ is not finite and positive
     */
    public static double meanResidualNllNats(double[] residuals, double sigma) {
        checkSigma(sigma);
        double meanSq = meanOfSquares(residuals, sigma);
        return 0.5 * meanSq + Math.log(sigma) + HALF_LN_TWO_PI;
    }

    /**
     * The mean squared error (1/N) Σ e<sub>n</sub>², compensated.
     *
     * @param residuals e<sub>1</sub>, …, e<sub>N</sub>, finite, N ≥ 1
     * @return the MSE ≥ 0
     * @throws IllegalArgumentException if there are no residuals or one is not finite (naming
     *     its index and value)
     */
    public static double meanSquaredError(double[] residuals) {
        return meanOfSquares(residuals, 1.0);
    }

    /** (1/N) Σ (e/σ)², with Neumaier summation. */
    private static double meanOfSquares(double[] residuals, double sigma) {
        Objects.requireNonNull(residuals, "residuals");
        if (residuals.length == 0) {
            throw new IllegalArgumentException("no residuals: the mean of an empty dataset is undefined");
        }
        double s = 0.0;
        double c = 0.0;
        for (int i = 0; i < residuals.length; i++) {
            double e = residuals[i];
            if (!(Math.abs(e) < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "residual at index %d is not finite: %s", i, e));
            }
            double u = e / sigma;
            double x = u * u;
            double t = s + x;
            c += Math.abs(s) >= Math.abs(x) ? (s - t) + x : (x - t) + s;
            s = t;
        }
        return (Double.isInfinite(s) ? s : s + c) / residuals.length;
    }

    private static void checkSigma(double sigma) {
        if (!(sigma > 0.0 && sigma < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "a standard deviation must be finite and > 0, got %s", sigma));
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Gaussian && Double.compare(((Gaussian) o).mean, mean) == 0
                && Double.compare(((Gaussian) o).sd, sd) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * Double.hashCode(mean) + Double.hashCode(sd);
    }

    /** For example {@code N(0.0, 1.0²)}. */
    @Override
    public String toString() {
        return "N(" + mean + ", " + sd + "²)";
    }
}
