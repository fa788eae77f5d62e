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
 * <h2>Stability</h2>
 * Nothing is computed through σ², which would overflow for σ &gt; 1.3e154 and underflow for
 * σ &lt; 1.5e-154: logarithms are taken of σ itself and ratios are formed before squaring. The KL
 * term ½(r² − 1) − ln r cancels for r near 1; there it is evaluated as the series δ² − δ³/3 +
 * δ⁴/4 − … in δ = (σ₁ − σ₂)/σ₂ (for |δ| &lt; 0.1), and elsewhere directly with ln r = ln σ₁ −
 * ln σ₂. Results are within a few ulps for any σ from {@link Double#MIN_NORMAL} to
 * {@link Double#MAX_VALUE}, and overflow to +∞ only when the exact value exceeds
 * {@link Double#MAX_VALUE} (e.g. r or z above about 1e154).
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

    /** ½ ln(2πe) = ½ ln(2π) + ½, the entropy of N(0, 1) in nats. */
    public static final double HALF_LN_TWO_PI_E = HALF_LN_TWO_PI + 0.5;

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
     * The differential entropy h(P) = ½ ln(2πe) + ln σ in nats.
     *
     * @return h(P); negative for σ &lt; 0.242
     */
    public double entropyNats() {
        return HALF_LN_TWO_PI_E + Math.log(sd);
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
     * The cross-entropy H(P, Q) = ½ ln(2π) + ln σ₂ + ½ r² + ½ z² in nats, P = this.
     *
     * @param q the model Q
     * @return H(P, Q), possibly +∞ on overflow of r² or z²
     */
    public double crossEntropyNats(Gaussian q) {
        Objects.requireNonNull(q, "q");
        double r = sd / q.sd;
        double z = standardizedGap(q);
        return HALF_LN_TWO_PI + Math.log(q.sd) + 0.5 * r * r + 0.5 * z * z;
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
     * The KL divergence KL(P‖Q) = ½(r² − 1) − ln r + ½ z² in nats, P = this; computed without
     * cancellation near r = 1 (see the class documentation).
     *
     * @param q the model Q
     * @return KL(P‖Q) ≥ 0, exactly 0 when P = Q
     */
    public double klDivergenceNats(Gaussian q) {
        Objects.requireNonNull(q, "q");
        double z = standardizedGap(q);
        double delta = (sd - q.sd) / q.sd;
        double f;
        if (Math.abs(delta) < 0.1) {
            // δ + δ²/2 − log1p(δ) = Σ_{j≥2} (−1)^j δ^j / j · (j = 2 has coefficient 1, not ½)
            double term = delta * delta;
            double series = term;
            for (int j = 3; j <= 24; j++) {
                term *= -delta;
                series += term / j;
            }
            f = series;
        } else {
            double r = sd / q.sd;
            f = 0.5 * (r * r - 1.0) - (Math.log(sd) - Math.log(q.sd));
        }
        return Math.max(0.0, f + 0.5 * z * z);
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

    /** z = (μ₁ − μ₂)/σ₂, without overflow in the difference when the means are huge. */
    private double standardizedGap(Gaussian q) {
        double d = mean - q.mean;
        if (Double.isInfinite(d)) {
            return mean / q.sd - q.mean / q.sd;
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
