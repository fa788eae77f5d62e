package dev.xent.continuous;

import dev.xent.LogBase;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;

/**
 * A multivariate normal distribution N(μ, Σ) in k dimensions, with its differential entropy,
 * cross-entropy and KL divergence in closed form.
 *
 * <h2>Formulas (nats; Cover &amp; Thomas, <i>Elements of Information Theory</i>, Theorem 8.4.1)</h2>
 * For P = N(μ₀, Σ₀) and Q = N(μ₁, Σ₁) in k dimensions:
 * <pre>
 *   h(P)     = ½ ln((2πe)^k det Σ₀)
 *   KL(P‖Q)  = ½ ( tr(Σ₁⁻¹Σ₀) + (μ₁ − μ₀)ᵀ Σ₁⁻¹ (μ₁ − μ₀) − k + ln(det Σ₁ / det Σ₀) )
 *   H(P, Q)  = h(P) + KL(P‖Q) = ½ ( k ln 2π + ln det Σ₁ + tr(Σ₁⁻¹Σ₀) + (μ₁ − μ₀)ᵀ Σ₁⁻¹ (μ₁ − μ₀) )
 * </pre>
 * For k = 1 they are {@link Gaussian}'s.
 *
 * <h2>How</h2>
 * Commons Math 3.6.1 does the linear algebra: {@link CholeskyDecomposition} Σ = LLᵀ (L lower
 * triangular) and {@link MatrixUtils#solveLowerTriangularSystem} for L₁⁻¹. The log-determinant is
 * ln det Σ = 2 Σ ln L<sub>ii</sub> — never det Σ then its logarithm, which overflows or underflows
 * long before the entropy does (det of 100 × 100 identity·10<sup>−4</sup> is 10<sup>−400</sup>).
 * KL is computed from A = L₁⁻¹L₀, itself lower triangular with a<sub>ii</sub> =
 * L₀<sub>ii</sub>/L₁<sub>ii</sub>: tr(Σ₁⁻¹Σ₀) = ‖A‖²<sub>F</sub> and ln det(Σ₁⁻¹Σ₀) = 2 Σ ln a<sub>ii</sub>,
 * so
 * <pre>
 *   KL(P‖Q) = Σ_i f(a_ii) + ½ Σ_{i&gt;j} a_ij² + ½ ‖L₁⁻¹(μ₁ − μ₀)‖²,   f(r) = ½(r² − 1) − ln r ≥ 0
 * </pre>
 * a sum of non-negative terms (no cancellation of tr − k against the log-determinants when
 * Σ₀ ≈ Σ₁), with f computed as for the univariate KL (a series near r = 1). KL(N‖N) is exactly 0,
 * and KL is never negative.
 *
 * <h2>Accuracy</h2>
 * Each term carries the error of the Cholesky factors and the triangular solves, of order
 * k·κ(Σ)·u relative (κ the condition number, u = 2<sup>−53</sup>), on top of a few ulps for the
 * scalar formulas; for well-conditioned Σ the results are within a few ulps·k of the true values
 * (tested against mpmath and scipy's {@code multivariate_normal.entropy}). h(P) is the sum
 * ½k ln(2πe) + Σ ln L<sub>ii</sub>, which cancels where it crosses 0.
 *
 * <h2>Validation</h2>
 * The mean must be finite; the covariance must be k × k with finite entries, symmetric within a
 * relative {@value #SYMMETRY_TOLERANCE} (|Σ<sub>ij</sub> − Σ<sub>ji</sub>| ≤
 * {@value #SYMMETRY_TOLERANCE}·max(|Σ<sub>ij</sub>|, |Σ<sub>ji</sub>|): a matrix written with 12
 * significant digits, or computed in a different order, passes; a transposition typo fails), and
 * positive definite (every Cholesky pivot &gt; 0). The stored matrix is the symmetric
 * ½(Σ + Σᵀ). Messages name the offending index or entry and its value.
 *
 * <p>Immutable and thread-safe.
 */
public final class MultivariateGaussian {

    /** The relative tolerance of the symmetry check: {@value}. */
    public static final double SYMMETRY_TOLERANCE = 1e-12;

    private final double[] mean;
    private final double[][] covariance;
    private final RealMatrix lower;
    private final double logDeterminant;

    private MultivariateGaussian(double[] mean, double[][] covariance, RealMatrix lower) {
        this.mean = mean;
        this.covariance = covariance;
        this.lower = lower;
        double s = 0.0;
        for (int i = 0; i < mean.length; i++) {
            s += Math.log(lower.getEntry(i, i));
        }
        this.logDeterminant = 2.0 * s;
    }

    /**
     * N(μ, Σ), validated (see the class documentation).
     *
     * @param mean μ, k ≥ 1 finite entries
     * @param covariance Σ, k × k, finite, symmetric within {@value #SYMMETRY_TOLERANCE} relative,
     *     positive definite
     * @return the distribution
     * @throws IllegalArgumentException if the mean is empty or not finite, or the covariance is not
     *     k × k, has a non-finite entry, is not symmetric or not positive definite (naming the index
     *     or the entry and the value)
     */
    public static MultivariateGaussian of(double[] mean, double[][] covariance) {
        Objects.requireNonNull(mean, "mean");
        Objects.requireNonNull(covariance, "covariance");
        int k = mean.length;
        if (k == 0) {
            throw new IllegalArgumentException("a multivariate normal needs at least one dimension");
        }
        for (int i = 0; i < k; i++) {
            if (!Double.isFinite(mean[i])) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "the mean at index %d is not finite: %s", i, mean[i]));
            }
        }
        if (covariance.length != k) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "the covariance has %d rows but the mean has %d entries: it must be %d x %d",
                    covariance.length, k, k, k));
        }
        double[][] sym = new double[k][k];
        for (int i = 0; i < k; i++) {
            Objects.requireNonNull(covariance[i], "covariance row");
            if (covariance[i].length != k) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "the covariance is not square: row %d has %d entries, not %d", i, covariance[i].length, k));
            }
        }
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                double a = covariance[i][j];
                if (!Double.isFinite(a)) {
                    throw new IllegalArgumentException(String.format(Locale.ROOT,
                            "the covariance entry (%d, %d) is not finite: %s", i, j, a));
                }
                double b = covariance[j][i];
                if (!(Math.abs(a - b) <= SYMMETRY_TOLERANCE * Math.max(Math.abs(a), Math.abs(b)))) {
                    throw new IllegalArgumentException(String.format(Locale.ROOT,
                            "the covariance is not symmetric: entry (%d, %d) is %s but (%d, %d) is %s"
                                    + " (relative tolerance %s)", i, j, a, j, i, b, SYMMETRY_TOLERANCE));
                }
                sym[i][j] = i == j ? a : 0.5 * a + 0.5 * b;
            }
        }
        RealMatrix lower;
        try {
            lower = new CholeskyDecomposition(MatrixUtils.createRealMatrix(sym), 1.0, 0.0).getL();
        } catch (NonPositiveDefiniteMatrixException e) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "the covariance is not positive definite: its Cholesky pivot at index %d is %s,"
                            + " not > 0 (a variance of 0, or a correlation of magnitude 1 or more)",
                    e.getRow(), e.getArgument()), e);
        }
        for (int i = 0; i < k; i++) {
            if (!(lower.getEntry(i, i) > 0.0 && Double.isFinite(lower.getEntry(i, i)))) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "the covariance is not positive definite: its Cholesky factor's diagonal at index"
                                + " %d is %s", i, lower.getEntry(i, i)));
            }
        }
        return new MultivariateGaussian(mean.clone(), sym, lower);
    }

    /**
     * The dimension k.
     *
     * @return k ≥ 1
     */
    public int dimension() {
        return mean.length;
    }

    /**
     * The mean μ.
     *
     * @return a copy of μ
     */
    public double[] mean() {
        return mean.clone();
    }

    /**
     * The covariance Σ (symmetrised: ½(Σ + Σᵀ) of the matrix given).
     *
     * @return a copy of Σ
     */
    public double[][] covariance() {
        double[][] c = new double[covariance.length][];
        for (int i = 0; i < c.length; i++) {
            c[i] = covariance[i].clone();
        }
        return c;
    }

    /**
     * ln det Σ = 2 Σ ln L<sub>ii</sub> from the Cholesky factor, finite even where det Σ itself
     * would overflow or underflow.
     *
     * @return ln det Σ
     */
    public double logDeterminant() {
        return logDeterminant;
    }

    /**
     * The differential entropy h(P) = ½ ln((2πe)<sup>k</sup> det Σ) = ½k ln(2πe) + Σ ln L<sub>ii</sub>
     * in nats.
     *
     * @return h(P), negative for small Σ
     */
    public double entropyNats() {
        return dimension() * Gaussian.HALF_LN_TWO_PI_E + 0.5 * logDeterminant;
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
     * KL(P‖Q) in nats, P = this, as the sum of non-negative terms of the class documentation.
     *
     * @param q the model Q, of the same dimension
     * @return KL(P‖Q) ≥ 0, exactly 0 when P and Q have the same mean and covariance
     * @throws IllegalArgumentException if the dimensions differ
     */
    public double klDivergenceNats(MultivariateGaussian q) {
        requireSameDimension(q);
        int k = dimension();
        double width = 0.0;
        double offDiagonal = 0.0;
        for (int j = 0; j < k; j++) {
            width += Gaussian.widthTerm(lower.getEntry(j, j), q.lower.getEntry(j, j));
            RealVector column = lower.getColumnVector(j);
            MatrixUtils.solveLowerTriangularSystem(q.lower, column);   // column j of A = L₁⁻¹L₀
            for (int i = j + 1; i < k; i++) {
                double a = column.getEntry(i);
                offDiagonal += a * a;
            }
        }
        double[] d = new double[k];
        for (int i = 0; i < k; i++) {
            d[i] = q.mean[i] - mean[i];
        }
        RealVector y = new ArrayRealVector(d, false);
        MatrixUtils.solveLowerTriangularSystem(q.lower, y);
        double mahalanobis = y.dotProduct(y);
        return width + 0.5 * offDiagonal + 0.5 * mahalanobis;
    }

    /**
     * KL(P‖Q) in the given unit.
     *
     * @param q the model Q
     * @param unit the unit
     * @return KL(P‖Q) in {@code unit}
     * @throws IllegalArgumentException if the dimensions differ
     */
    public double klDivergence(MultivariateGaussian q, LogBase unit) {
        return unit.fromNats(klDivergenceNats(q));
    }

    /**
     * The cross-entropy H(P, Q) = h(P) + KL(P‖Q) in nats, P = this.
     *
     * @param q the model Q, of the same dimension
     * @return H(P, Q)
     * @throws IllegalArgumentException if the dimensions differ
     */
    public double crossEntropyNats(MultivariateGaussian q) {
        return entropyNats() + klDivergenceNats(q);
    }

    /**
     * The cross-entropy in the given unit.
     *
     * @param q the model Q
     * @param unit the unit
     * @return H(P, Q) in {@code unit}
     * @throws IllegalArgumentException if the dimensions differ
     */
    public double crossEntropy(MultivariateGaussian q, LogBase unit) {
        return unit.fromNats(crossEntropyNats(q));
    }

    private void requireSameDimension(MultivariateGaussian q) {
        Objects.requireNonNull(q, "q");
        if (q.dimension() != dimension()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "P has dimension %d but Q has %d", dimension(), q.dimension()));
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MultivariateGaussian && Arrays.equals(((MultivariateGaussian) o).mean, mean)
                && Arrays.deepEquals(((MultivariateGaussian) o).covariance, covariance);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(mean) + Arrays.deepHashCode(covariance);
    }

    /** For example {@code N([0.0, 1.0], [[1.0, 0.5], [0.5, 2.0]])}. */
    @Override
    public String toString() {
        return "N(" + Arrays.toString(mean) + ", " + Arrays.deepToString(covariance) + ")";
    }
}
