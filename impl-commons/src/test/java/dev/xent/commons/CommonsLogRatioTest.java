package dev.xent.commons;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * The branches of the log-ratio ln(p/q) inside KL(P‖Q), one event at a time (the raw method checks
 * only lengths, so p·ln(p/q) of one pair is the whole KL), against mpmath at 50 digits on the
 * exact doubles; and the backend's declarations. Written for mutation testing (docs/testing.md):
 * a wrong branch loses digits these tolerances see.
 */
class CommonsLogRatioTest {

    private final CommonsMeasures backend = new CommonsMeasures();

    private double kl(double p, double q) {
        return backend.klDivergenceNats(new double[] {p}, new double[] {q});
    }

    @Test
    void nearbyProbabilitiesKeepEveryDigitThroughLog1p() {
        // 0.3000001·ln(0.3000001/0.3) = 1.0000001666954038223e-7 (mpmath); the logarithm of the
        // rounded ratio gives 1.0000001668064262e-7, off by 1.1e-10 relative
        assertThat(kl(0.3000001, 0.3)).isCloseTo(1.0000001666954038223e-7, within(1e-14 * 1e-7));
    }

    @Test
    void farProbabilitiesUseTheRatio() {
        // 0.7·ln(0.7/0.3) = 0.59310850227104247347 (mpmath)
        assertThat(kl(0.7, 0.3)).isCloseTo(0.59310850227104247347, within(4e-16));
        // 0.3·ln(0.3/1e-300) = 206.87146652816632309 (mpmath)
        assertThat(kl(0.3, 1e-300)).isCloseTo(206.87146652816632309, within(1e-13));
    }

    @Test
    void aRatioBeyondTheLargestDoubleIsTakenAsADifferenceOfLogarithms() {
        // 1/1e-310 overflows; ln(1/1e-310) = 713.8013788281541651 (mpmath, q the subnormal double)
        assertThat(kl(1.0, 1e-310)).isCloseTo(713.8013788281541651, within(1e-12));
    }

    @Test
    void moreThanOneBlockOfEventsIsSummed() {
        // H of the uniform distribution on 8 events is ln 8 = 2.0794415416798359283 (mpmath)
        double[] u = new double[8];
        java.util.Arrays.fill(u, 0.125);
        assertThat(backend.entropyNats(u)).isCloseTo(2.0794415416798359283, within(2e-15));
        assertThat(backend.crossEntropyNats(u, u)).isCloseTo(2.0794415416798359283, within(2e-15));
    }

    @Test
    void theDeclaredAccuracyAndCostAreTheDocumentedOnes() {
        assertThat(backend.accuracy()).isNotNull();
        assertThat(backend.relativeCost()).isEqualTo(3.9); // the javadoc's figure
    }
}
