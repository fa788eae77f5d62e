package dev.xent.continuous;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.xent.LogBase;
import org.junit.jupiter.api.Test;

/** {@link Gaussian}'s closed forms, residual likelihoods and identity, against mpmath values. */
class GaussianValuesTest {

    /** Values rounded from mpmath, of order 1: a few ulps. */
    private static final double TIGHT = 1e-15;

    @Test
    void gaussiansHaveTheirClosedForms() {
        Gaussian n01 = Gaussian.standard();
        Gaussian n12 = Gaussian.of(1, 2);
        assertThat(n12.mean()).isEqualTo(1.0);
        assertThat(n12.standardDeviation()).isEqualTo(2.0);
        // mpmath: 1/sqrt(2π) = 0.39894228040143267794; ln φ(1) = −1/2 − ln(2π)/2 = −1.4189385332046727418
        assertThat(n01.density(0)).isCloseTo(0.3989422804014327, within(TIGHT));
        assertThat(n01.logDensity(1)).isCloseTo(-1.4189385332046727, within(TIGHT));
        // H(N(0,1), N(1,2)) = ln(8π)/2 + 1/4 = 1.8620857137646180512; in bits ÷ ln 2
        assertThat(n01.crossEntropyNats(n12)).isCloseTo(1.862085713764618, within(TIGHT));
        assertThat(n01.crossEntropy(n12, LogBase.BITS)).isCloseTo(1.862085713764618 / Math.log(2), within(TIGHT));
        // KL = ln 2 + 2/8 − 1/2 = 0.44314718055994530942; in bits 0.63932623977775914816
        assertThat(n01.klDivergence(n12, LogBase.BITS)).isCloseTo(0.6393262397777591, within(TIGHT));
        // means of 1e308 and −1e308: the gap overflows, the standardised gap 2e308/1e300 does not
        Gaussian far = Gaussian.of(1e308, 1e300);
        Gaussian farOther = Gaussian.of(-1e308, 1e300);
        // KL = z²/2 with z = 2e8: 2e16
        assertThat(far.klDivergenceNats(farOther)).isCloseTo(2e16, within(4.0));
        assertThat(Gaussian.of(-0.0, 1).mean()).isEqualTo(0.0);
        assertThat(1 / Gaussian.of(-0.0, 1).mean()).isPositive(); // stored as +0.0
    }

    @Test
    void gaussianResidualLikelihoods() {
        // ½(3/2)² + ln 2 + ½ ln 2π = 2.7370857137646180512 (mpmath)
        assertThat(Gaussian.residualNllNats(3, 2)).isCloseTo(2.737085713764618, within(TIGHT));
        assertThat(Gaussian.residualNllNats(-3, 2)).isCloseTo(2.737085713764618, within(TIGHT));
        // residuals 1, 3 with σ = 2: ½·(1 + 9)/2/4 + ln 2 + ½ ln 2π = 2.2370857137646180512
        assertThat(Gaussian.meanResidualNllNats(new double[] {1, 3}, 2)).isCloseTo(2.237085713764618, within(TIGHT));
        assertThat(Gaussian.meanSquaredError(new double[] {1, -2, 0.5})).isEqualTo(1.75); // (1 + 4 + 1/4)/3
        assertThat(Gaussian.meanSquaredError(new double[] {1e-200, 1e-200})).isEqualTo(0.0); // 1e-400 underflows
        assertThat(Gaussian.meanSquaredError(new double[] {1e200, 1e200})).isEqualTo(Double.POSITIVE_INFINITY);
        // squares 1e16, 1, 1, 1, 1: exactly 1e16 + 4 (a double; ulp 2), which a plain sum loses
        // (1e16 + 1 rounds back to 1e16 every time); then one division by 5
        assertThat(Gaussian.meanSquaredError(new double[] {1e8, 1, 1, 1, 1})).isEqualTo((1e16 + 4) / 5);
        assertThatThrownBy(() -> Gaussian.residualNllNats(Double.POSITIVE_INFINITY, 1))
                .hasMessage("residual must be finite, got Infinity");
        assertThatThrownBy(() -> Gaussian.residualNllNats(1, 0))
                .hasMessage("a standard deviation must be finite and > 0, got 0.0");
        assertThatThrownBy(() -> Gaussian.meanResidualNllNats(new double[] {1}, Double.MIN_VALUE * 0))
                .hasMessage("a standard deviation must be finite and > 0, got 0.0");
        assertThatThrownBy(() -> Gaussian.of(0, Double.POSITIVE_INFINITY))
                .hasMessage("a standard deviation must be finite and > 0, got Infinity");
        assertThat(Gaussian.of(0, Double.MIN_VALUE).standardDeviation()).isEqualTo(Double.MIN_VALUE);
        assertThat(Gaussian.of(Double.MAX_VALUE, Double.MAX_VALUE).mean()).isEqualTo(Double.MAX_VALUE);
    }

    @Test
    void gaussiansAreEqualByMeanAndWidth() {
        assertThat(Gaussian.of(1, 2)).isEqualTo(Gaussian.of(1, 2)).hasSameHashCodeAs(Gaussian.of(1, 2))
                .isNotEqualTo(Gaussian.of(1, 3)).isNotEqualTo(Gaussian.of(0, 2)).isNotEqualTo("N");
        assertThat(Gaussian.of(1, 2).hashCode()).isNotEqualTo(Gaussian.of(2, 1).hashCode())
                .isNotEqualTo(0);
        assertThat(Gaussian.of(1, 2)).hasToString("N(1.0, 2.0²)");
    }
}
