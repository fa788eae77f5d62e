package dev.xent.continuous;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import dev.xent.LogBase;
import org.junit.jupiter.api.Test;

/** Closed forms against mpmath (50 digits) evaluations of the same formulas in σ², not in ln σ. */
class GaussianTest {

    @Test
    void entropyCrossEntropyAndKlOfTwoNormals() {
        Gaussian p = Gaussian.of(1, 2);
        Gaussian q = Gaussian.of(-0.5, 3);
        assertThat(Gaussian.standard().entropyNats()).isCloseTo(1.4189385332046727, within(1e-15));
        assertThat(p.entropyNats()).isCloseTo(2.112085713764618, within(1e-15));
        assertThat(p.crossEntropyNats(q)).isCloseTo(2.3647730440950046, within(1e-15));
        assertThat(p.klDivergenceNats(q)).isCloseTo(0.2526873303303866, within(1e-15));
        assertThat(p.crossEntropyNats(q)).isCloseTo(p.entropyNats() + p.klDivergenceNats(q), within(1e-15));
        assertThat(p.crossEntropyNats(p)).isCloseTo(p.entropyNats(), within(1e-15));
        assertThat(p.klDivergenceNats(p)).isEqualTo(0.0);
        assertThat(p.entropy(LogBase.BITS)).isCloseTo(2.112085713764618 / Math.log(2), within(1e-15));
    }

    @Test
    void klNearEqualWidthsHasNoCancellation() {
        // σ₂ = 1 + 2^-30: KL = 8.67361736642081e-19 (mpmath); the naive formula gives 0 or noise
        Gaussian p = Gaussian.of(0, 1);
        Gaussian q = Gaussian.of(0, 1 + 0x1p-30);
        assertThat(p.klDivergenceNats(q)).isCloseTo(8.67361736642081e-19, withinPercentage(1e-10));
    }

    @Test
    void tinyAndHugeWidthsStayFinite() {
        Gaussian tiny = Gaussian.of(0, 1e-300);
        Gaussian huge = Gaussian.of(0, 1e300);
        // mpmath: ln(1e600) − ½ + ½·1e-1200 and ½ ln(2π·1e600) + ½·1e-1200, ½ ln(2πe) + ln 1e-300
        assertThat(tiny.klDivergenceNats(huge)).isCloseTo(1381.0510557964274, withinPercentage(1e-13));
        assertThat(tiny.crossEntropyNats(huge)).isCloseTo(691.6944664314184, withinPercentage(1e-13));
        assertThat(tiny.entropyNats()).isCloseTo(-689.3565893650091, withinPercentage(1e-13));
        // the reverse is truly beyond the largest double: σ₁²/(2σ₂²) = ½·1e1200
        assertThat(huge.klDivergenceNats(tiny)).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void meanNllWithUnitSigmaIsHalfTheMsePlusHalfLnTwoPi() {
        double[] residuals = {0.5, -1.5, 2, 0.25};
        // mpmath: MSE = 1.640625, MSE/2 + ln(2π)/2, and MSE/8 + ln 2 + ln(2π)/2 for σ = 2
        assertThat(Gaussian.meanSquaredError(residuals)).isEqualTo(1.640625);
        assertThat(Gaussian.meanResidualNllNats(residuals, 1)).isCloseTo(1.7392510332046727, within(1e-15));
        assertThat(Gaussian.meanResidualNllNats(residuals, 1))
                .isCloseTo(Gaussian.meanSquaredError(residuals) / 2 + Gaussian.HALF_LN_TWO_PI, within(1e-15));
        assertThat(Gaussian.meanResidualNllNats(residuals, 2)).isCloseTo(1.817163838764618, within(1e-15));
        // mpmath: ½ ln(2π) = 0.918938533204672741780…, nearest double 0.9189385332046728
        assertThat(Gaussian.HALF_LN_TWO_PI).isEqualTo(0.9189385332046728);
        assertThat(Gaussian.residualNllNats(0, 1)).isEqualTo(0.9189385332046728);
        // the NLL of a residual is minus the log-density of N(0, σ²) at it
        assertThat(Gaussian.residualNllNats(1.5, 2)).isCloseTo(-Gaussian.of(0, 2).logDensity(1.5), within(1e-15));
    }

    @Test
    void badParametersAreRejectedWithTheValue() {
        assertThatThrownBy(() -> Gaussian.of(0, 0)).hasMessageContaining("got 0");
        assertThatThrownBy(() -> Gaussian.of(Double.NaN, 1)).hasMessageContaining("NaN");
        assertThatThrownBy(() -> Gaussian.meanResidualNllNats(new double[0], 1)).hasMessageContaining("empty");
        assertThatThrownBy(() -> Gaussian.meanSquaredError(new double[] {1, Double.NaN}))
                .hasMessageContaining("index 1").hasMessageContaining("NaN");
    }
}
