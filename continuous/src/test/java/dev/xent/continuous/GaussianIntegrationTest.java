package dev.xent.continuous;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import org.apache.commons.math3.analysis.UnivariateFunction;
import org.apache.commons.math3.analysis.integration.IterativeLegendreGaussIntegrator;
import org.apache.commons.math3.analysis.integration.UnivariateIntegrator;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

/**
 * The closed forms of {@link Gaussian} cross-checked against their definitions as integrals,
 * evaluated numerically with Commons Math's adaptive Gauss–Legendre quadrature
 * ({@link IterativeLegendreGaussIntegrator}) and Commons Math's own normal log-density
 * ({@link NormalDistribution#logDensity(double)}), independent of xent's formulas:
 * <pre>
 *   h(P)     = −∫ p(x) ln p(x) dx
 *   H(P, Q)  = −∫ p(x) ln q(x) dx
 *   KL(P‖Q)  =  ∫ p(x) (ln p(x) − ln q(x)) dx
 * </pre>
 * Each integral is taken in the standardised variable x = μ₁ + σ₁u over u ∈ [−12, 12] (the
 * standard normal mass outside is below 4e-33), so the same quadrature serves σ = 1e-300 and
 * σ = 1e300. A cross-check in a test rather than a public "integrate" method: it is evidence about
 * the closed forms, not a feature anyone should call instead of them.
 */
class GaussianIntegrationTest {

    /** Quadrature asked for 1e-13 relative; checked at 1e-10 % … i.e. 1e-12 relative. */
    private static final double PERCENT = 1e-10;

    private static final NormalDistribution PHI = new NormalDistribution(0, 1);

    private static final double[][] CASES = {
        // μ₁, σ₁, μ₂, σ₂
        {1, 2, -0.5, 3},
        {0, 1, 0, 1},
        // narrow and close: (0, 1e-8) vs (1e-8, 3e-8); a mean of 5 with σ = 1e-8 would defeat the
        // quadrature, not the closed form: x = μ + σu then rounds to 1e-7 of σ
        {0, 1e-8, 1e-8, 3e-8},
        {1e6, 1e5, -1e6, 4e5},
        {0, 1e-300, 0, 1e300},
        {-3, 7, 2, 0.5},
    };

    private static double integrate(UnivariateFunction f) {
        UnivariateIntegrator integrator = new IterativeLegendreGaussIntegrator(16, 1e-13, 1e-300);
        return integrator.integrate(10_000_000, f, -12, 12);
    }

    /** ∫ φ(u) g(μ₁ + σ₁u) du = E_P[g(X)]. */
    private static double expectation(double mu1, double sigma1, UnivariateFunction g) {
        return integrate(u -> PHI.density(u) * g.value(mu1 + sigma1 * u));
    }

    @Test
    void closedFormsMatchNumericalIntegration() {
        for (double[] c : CASES) {
            double mu1 = c[0];
            double s1 = c[1];
            double mu2 = c[2];
            double s2 = c[3];
            NormalDistribution p = new NormalDistribution(mu1, s1);
            NormalDistribution q = new NormalDistribution(mu2, s2);
            Gaussian gp = Gaussian.of(mu1, s1);
            Gaussian gq = Gaussian.of(mu2, s2);
            String name = gp + " vs " + gq;

            double h = -expectation(mu1, s1, p::logDensity);
            double ce = -expectation(mu1, s1, q::logDensity);
            double kl = expectation(mu1, s1, x -> p.logDensity(x) - q.logDensity(x));

            assertThat(gp.entropyNats()).as("h of %s", name).isCloseTo(h, withinPercentage(PERCENT));
            assertThat(gp.crossEntropyNats(gq)).as("H of %s", name).isCloseTo(ce, withinPercentage(PERCENT));
            if (kl == 0.0) {
                assertThat(gp.klDivergenceNats(gq)).as("KL of %s", name).isEqualTo(0.0);
            } else {
                assertThat(gp.klDivergenceNats(gq)).as("KL of %s", name).isCloseTo(kl, withinPercentage(PERCENT));
            }
        }
    }
}
