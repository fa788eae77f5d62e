package dev.xent.continuous;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;

/**
 * Identities of the multivariate normal's closed forms (Cover &amp; Thomas ch. 8) as properties
 * (QuickTheories, fixed seed): covariances Σ = BBᵀ + εI from random B with entries in [−1, 1],
 * 1 to 5 dimensions, means in [−10, 10].
 */
class MultivariateGaussianProperties {

    private static final long SEED = 20261202L;

    private static final double U = 0x1p-53;

    private record Pair(MultivariateGaussian p, MultivariateGaussian q) {
        @Override
        public String toString() {
            return p + " vs " + q;
        }
    }

    private static double[][] spd(org.quicktheories.core.RandomnessSource in, int k) {
        Gen<Double> unit = SourceDSL.doubles().between(-1.0, 1.0);
        double[][] b = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                b[i][j] = unit.generate(in);
            }
        }
        double[][] s = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                double v = 0.0;
                for (int m = 0; m < k; m++) {
                    v += b[i][m] * b[j][m];
                }
                s[i][j] = v + (i == j ? 0.1 : 0.0);
            }
        }
        return s;
    }

    private static double[] mean(org.quicktheories.core.RandomnessSource in, int k) {
        Gen<Double> g = SourceDSL.doubles().between(-10.0, 10.0);
        double[] m = new double[k];
        for (int i = 0; i < k; i++) {
            m[i] = g.generate(in);
        }
        return m;
    }

    private static Gen<Pair> pairs() {
        return in -> {
            int k = Generate.range(1, 5).generate(in);
            return new Pair(MultivariateGaussian.of(mean(in, k), spd(in, k)), MultivariateGaussian.of(mean(in, k), spd(in, k)));
        };
    }

    @Test
    void klOfADistributionWithItselfIsExactlyZeroAndKlIsNeverNegative() {
        qt().withFixedSeed(SEED).withExamples(300).forAll(pairs()).checkAssert(pq -> {
            assertThat(pq.p().klDivergenceNats(pq.p())).isEqualTo(0.0);
            assertThat(pq.p().klDivergenceNats(pq.q())).isGreaterThanOrEqualTo(0.0);
        });
    }

    @Test
    void crossEntropyIsEntropyPlusKl() {
        qt().withFixedSeed(SEED).withExamples(300).forAll(pairs()).checkAssert(pq -> {
            double h = pq.p().entropyNats();
            double kl = pq.p().klDivergenceNats(pq.q());
            double ce = pq.p().crossEntropyNats(pq.q());
            assertThat(Math.abs(ce - (h + kl))).isLessThanOrEqualTo(Math.ulp(ce));
        });
    }

    @Test
    void oneByOneCovarianceReducesToTheUnivariateForms() {
        Gen<double[]> params = in -> new double[] {
            SourceDSL.doubles().between(-1e3, 1e3).generate(in), Math.pow(10, SourceDSL.doubles().between(-100, 100).generate(in)),
            SourceDSL.doubles().between(-1e3, 1e3).generate(in), Math.pow(10, SourceDSL.doubles().between(-100, 100).generate(in))};
        qt().withFixedSeed(SEED).withExamples(500).forAll(params.describedAs(Arrays::toString)).checkAssert(c -> {
            double s1 = c[1];
            double s2 = c[3];
            // Σ = [σ²]; its Cholesky factor √(σ²) differs from σ by at most an ulp, i.e. ln L by u
            MultivariateGaussian p = MultivariateGaussian.of(new double[] {c[0]}, new double[][] {{s1 * s1}});
            MultivariateGaussian q = MultivariateGaussian.of(new double[] {c[2]}, new double[][] {{s2 * s2}});
            Gaussian gp = Gaussian.of(c[0], s1);
            Gaussian gq = Gaussian.of(c[2], s2);
            double h = gp.entropyNats();
            assertThat(Math.abs(p.entropyNats() - h)).isLessThanOrEqualTo(4 * U + 4 * Math.ulp(h));
            double kl = gp.klDivergenceNats(gq);
            // σ₁/σ₂ from the rounded roots: relative 2u in r, so a few u of KL's size plus ulps
            if (kl == Double.POSITIVE_INFINITY) {
                assertThat(p.klDivergenceNats(q)).isEqualTo(kl);       // the exact KL exceeds the largest double
            } else {
                assertThat(Math.abs(p.klDivergenceNats(q) - kl)).isLessThanOrEqualTo(8 * U * (kl + 1) + 8 * Math.ulp(kl));
            }
        });
    }

    @Test
    void entropyAndKlAreAdditiveOverABlockDiagonalCovariance() {
        qt().withFixedSeed(SEED).withExamples(200).forAll(pairs(), pairs()).checkAssert((a, b) -> {
            MultivariateGaussian p = block(a.p(), b.p());
            MultivariateGaussian q = block(a.q(), b.q());
            double h = a.p().entropyNats() + b.p().entropyNats();
            double scale = Math.abs(a.p().entropyNats()) + Math.abs(b.p().entropyNats()) + 10;
            assertThat(Math.abs(p.entropyNats() - h)).isLessThanOrEqualTo(16 * U * scale);
            double kl = a.p().klDivergenceNats(a.q()) + b.p().klDivergenceNats(b.q());
            assertThat(Math.abs(p.klDivergenceNats(q) - kl)).isLessThanOrEqualTo(16 * U * kl + Math.ulp(kl));
        });
    }

    private static MultivariateGaussian block(MultivariateGaussian x, MultivariateGaussian y) {
        int k1 = x.dimension();
        int k = k1 + y.dimension();
        double[] m = new double[k];
        double[][] s = new double[k][k];
        System.arraycopy(x.mean(), 0, m, 0, k1);
        System.arraycopy(y.mean(), 0, m, k1, y.dimension());
        double[][] sx = x.covariance();
        double[][] sy = y.covariance();
        for (int i = 0; i < k1; i++) {
            System.arraycopy(sx[i], 0, s[i], 0, k1);
        }
        for (int i = 0; i < y.dimension(); i++) {
            System.arraycopy(sy[i], 0, s[k1 + i], k1, y.dimension());
        }
        return MultivariateGaussian.of(m, s);
    }
}
