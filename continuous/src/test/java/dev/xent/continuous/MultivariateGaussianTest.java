package dev.xent.continuous;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import dev.xent.LogBase;
import org.junit.jupiter.api.Test;

/**
 * The closed forms of {@link MultivariateGaussian} against values computed independently here
 * (2026-12-02): scipy 1.17's {@code scipy.stats.multivariate_normal(mean, cov).entropy()} and mpmath
 * at 50 digits (determinant, inverse and trace in mpmath matrices, the textbook formulas).
 */
class MultivariateGaussianTest {

    private static final double[][] S0 = {{2.0, 0.3, 0.1}, {0.3, 1.0, -0.2}, {0.1, -0.2, 0.5}};
    private static final double[][] S1 = {{1.0, 0.2, 0.0}, {0.2, 3.0, 0.4}, {0.0, 0.4, 2.0}};
    private static final double[] M0 = {0.0, 1.0, -1.0};
    private static final double[] M1 = {0.5, 0.0, 2.0};

    /** A few ulps times k for a well-conditioned Σ: Cholesky, solves and the scalar formulas. */
    private static final double RELATIVE = 1e-14;

    @Test
    void entropyMatchesScipyAndMpmath() {
        // scipy: 4.177317733868789 and 5.132284336967919; mpmath: h(P) = 4.1773177338687892539
        MultivariateGaussian p = MultivariateGaussian.of(M0, S0);
        MultivariateGaussian q = MultivariateGaussian.of(M1, S1);
        assertThat(p.entropyNats()).isCloseTo(4.177317733868789, within(4.177317733868789 * RELATIVE));
        assertThat(q.entropyNats()).isCloseTo(5.132284336967919, within(5.132284336967919 * RELATIVE));
        // scipy: multivariate_normal([0, 0], [[1, .5], [.5, 2]]).entropy() = 3.1176849603770567
        assertThat(MultivariateGaussian.of(new double[2], new double[][] {{1.0, 0.5}, {0.5, 2.0}}).entropyNats())
                .isCloseTo(3.1176849603770567, within(3.1176849603770567 * RELATIVE));
        assertThat(p.entropy(LogBase.BITS)).isCloseTo(4.177317733868789 / Math.log(2), within(1e-13));
    }

    @Test
    void klAndCrossEntropyMatchMpmath() {
        // mpmath: KL = 3.642119380876906712, H(P,Q) = h(P) + KL = 7.819437114745696
        MultivariateGaussian p = MultivariateGaussian.of(M0, S0);
        MultivariateGaussian q = MultivariateGaussian.of(M1, S1);
        assertThat(p.klDivergenceNats(q)).isCloseTo(3.6421193808769066, within(3.6421193808769066 * RELATIVE));
        assertThat(p.crossEntropyNats(q)).isCloseTo(7.819437114745696, within(7.819437114745696 * RELATIVE));
        assertThat(p.klDivergenceNats(p)).isEqualTo(0.0);
    }

    @Test
    void klOfNearlyEqualCovariancesKeepsItsDigits() {
        // Σ₂ = Σ₀ with 2^-30 added to the middle variance: mpmath KL(N(0,Σ₀) ‖ N(0,Σ₂)) = 2.920872467827041e-19;
        // tr − k + ln det ratio written as such cancels to noise of order 1e-16 here
        double[][] s2 = {{2.0, 0.3, 0.1}, {0.3, 1.0 + 0x1p-30, -0.2}, {0.1, -0.2, 0.5}};
        double kl = MultivariateGaussian.of(new double[3], S0).klDivergenceNats(MultivariateGaussian.of(new double[3], s2));
        assertThat(kl).isCloseTo(2.920872467827041e-19, withinPercentage(1e-5));
    }

    @Test
    void tinyAndHugeCovariancesUseTheLogDeterminantNeverTheDeterminant() {
        // scipy and mpmath: entropy of N(0, 1e-200 I₂) = -457.6791415323998 (det = 1e-400 underflows)
        MultivariateGaussian tiny = MultivariateGaussian.of(new double[2], new double[][] {{1e-200, 0}, {0, 1e-200}});
        assertThat(tiny.entropyNats()).isCloseTo(-457.6791415323998, within(457.6791415323998 * RELATIVE));
        double[][] big = new double[100][100];
        for (int i = 0; i < 100; i++) {
            big[i][i] = 1e-4;
        }
        // ln det = 100 ln 1e-4 = -921.0340371976183 (mpmath: -921.03403719761827...)
        assertThat(MultivariateGaussian.of(new double[100], big).logDeterminant())
                .isCloseTo(-921.0340371976183, within(921.0340371976183 * RELATIVE));
    }

    @Test
    void badCovariancesAreRejectedNamingTheProblem() {
        assertThatThrownBy(() -> MultivariateGaussian.of(new double[2], new double[][] {{1, 0}}))
                .hasMessageContaining("1 rows but the mean has 2 entries");
        assertThatThrownBy(() -> MultivariateGaussian.of(new double[2], new double[][] {{1, 0}, {0}}))
                .hasMessageContaining("not square: row 1 has 1 entries, not 2");
        assertThatThrownBy(() -> MultivariateGaussian.of(new double[2], new double[][] {{1, 0.5}, {0.4, 1}}))
                .hasMessageContaining("not symmetric: entry (0, 1) is 0.5 but (1, 0) is 0.4");
        assertThatThrownBy(() -> MultivariateGaussian.of(new double[2], new double[][] {{1, 2}, {2, 1}}))
                .hasMessageContaining("not positive definite").hasMessageContaining("index 1");
        assertThatThrownBy(() -> MultivariateGaussian.of(new double[2], new double[][] {{0, 0}, {0, 1}}))
                .hasMessageContaining("not positive definite").hasMessageContaining("index 0");
        assertThatThrownBy(() -> MultivariateGaussian.of(new double[2], new double[][] {{1, Double.NaN}, {0, 1}}))
                .hasMessageContaining("entry (0, 1) is not finite: NaN");
        assertThatThrownBy(() -> MultivariateGaussian.of(new double[] {0, Double.POSITIVE_INFINITY},
                new double[][] {{1, 0}, {0, 1}})).hasMessageContaining("mean at index 1 is not finite");
        MultivariateGaussian two = MultivariateGaussian.of(new double[2], new double[][] {{1, 0}, {0, 1}});
        MultivariateGaussian three = MultivariateGaussian.of(M0, S0);
        assertThatThrownBy(() -> two.klDivergenceNats(three)).hasMessageContaining("dimension 2 but Q has 3");
    }
}
