package dev.xent.testing;

import static dev.xent.testing.TutorialExample1.CE_P_Q_BITS;
import static dev.xent.testing.TutorialExample1.CE_Q_P_BITS;
import static dev.xent.testing.TutorialExample1.H_P_BITS;
import static dev.xent.testing.TutorialExample1.H_Q_BITS;
import static dev.xent.testing.TutorialExample1.KL_P_Q_BITS;
import static dev.xent.testing.TutorialExample1.KL_Q_P_BITS;
import static dev.xent.testing.TutorialExample1.RELATIVE_TOLERANCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.withinPercentage;

import dev.xent.Backends;
import dev.xent.Distribution;
import dev.xent.InformationMeasures;
import dev.xent.LogBase;
import org.junit.jupiter.api.Test;

/**
 * What every backend module proves about itself with only the api and itself on the class path:
 * the tutorial's example 1 in bits and nats, the edge-case conventions of
 * {@link InformationMeasures}, and that discovery finds exactly this backend.
 */
public abstract class BackendContract {

    /** {@code 1e-12} relative, as a percentage for AssertJ. */
    private static final org.assertj.core.data.Percentage TOLERANCE =
            withinPercentage(RELATIVE_TOLERANCE * 100);

    private static final double LN2 = Math.log(2.0);

    private final Distribution p = Distribution.of(TutorialExample1.P).withLabels(TutorialExample1.LABELS);
    private final Distribution q = Distribution.of(TutorialExample1.Q).withLabels(TutorialExample1.LABELS);

    /**
     * The backend under test, created directly (not through discovery).
     *
     * @return a new instance
     */
    protected abstract InformationMeasures backend();

    /**
     * The id the backend must report.
     *
     * @return the id
     */
    protected abstract String expectedId();

    @Test
    void reproducesEveryNumberOfTheTutorialsExample1InBits() {
        InformationMeasures b = backend();
        assertThat(b.crossEntropy(p, q, LogBase.BITS)).isCloseTo(CE_P_Q_BITS, TOLERANCE);
        assertThat(b.crossEntropy(q, p, LogBase.BITS)).isCloseTo(CE_Q_P_BITS, TOLERANCE);
        assertThat(b.crossEntropy(p, p, LogBase.BITS)).isCloseTo(H_P_BITS, TOLERANCE);
        assertThat(b.crossEntropy(q, q, LogBase.BITS)).isCloseTo(H_Q_BITS, TOLERANCE);
        assertThat(b.entropy(p, LogBase.BITS)).isCloseTo(H_P_BITS, TOLERANCE);
        assertThat(b.entropy(q, LogBase.BITS)).isCloseTo(H_Q_BITS, TOLERANCE);
        assertThat(b.klDivergence(p, q, LogBase.BITS)).isCloseTo(KL_P_Q_BITS, TOLERANCE);
        assertThat(b.klDivergence(q, p, LogBase.BITS)).isCloseTo(KL_Q_P_BITS, TOLERANCE);
    }

    @Test
    void reproducesTheSameNumbersInNats() {
        InformationMeasures b = backend();
        assertThat(b.crossEntropy(p, q, LogBase.NATS)).isCloseTo(CE_P_Q_BITS * LN2, TOLERANCE);
        assertThat(b.crossEntropy(q, p, LogBase.NATS)).isCloseTo(CE_Q_P_BITS * LN2, TOLERANCE);
        assertThat(b.entropy(p, LogBase.NATS)).isCloseTo(H_P_BITS * LN2, TOLERANCE);
        assertThat(b.entropy(q, LogBase.NATS)).isCloseTo(H_Q_BITS * LN2, TOLERANCE);
        assertThat(b.klDivergence(p, q, LogBase.NATS)).isCloseTo(KL_P_Q_BITS * LN2, TOLERANCE);
        assertThat(b.klDivergence(q, p, LogBase.NATS)).isCloseTo(KL_Q_P_BITS * LN2, TOLERANCE);
        // the raw hot-loop methods give the same values
        assertThat(b.crossEntropyNats(TutorialExample1.P, TutorialExample1.Q))
                .isCloseTo(CE_P_Q_BITS * LN2, TOLERANCE);
        assertThat(b.entropyNats(TutorialExample1.P)).isCloseTo(H_P_BITS * LN2, TOLERANCE);
        assertThat(b.klDivergenceNats(TutorialExample1.P, TutorialExample1.Q))
                .isCloseTo(KL_P_Q_BITS * LN2, TOLERANCE);
    }

    @Test
    void crossEntropyIsEntropyPlusDivergenceOnTheTutorialsExample() {
        InformationMeasures b = backend();
        double direct = b.crossEntropy(p, q, LogBase.BITS);
        double decomposed = b.entropy(p, LogBase.BITS) + b.klDivergence(p, q, LogBase.BITS);
        assertThat(direct).isCloseTo(decomposed, TOLERANCE);
    }

    @Test
    void entropyOfEveryOneHotLabelIsExactlyZero() {
        InformationMeasures b = backend();
        for (int n = 1; n <= 5; n++) {
            for (int k = 0; k < n; k++) {
                Distribution label = Distribution.oneHot(n, k);
                assertThat(b.entropy(label, LogBase.BITS)).as("H(one-hot %d of %d)", k, n).isEqualTo(0.0);
                assertThat(b.entropy(label, LogBase.NATS)).isEqualTo(0.0);
                assertThat(b.crossEntropy(label, label, LogBase.NATS)).isEqualTo(0.0);
                assertThat(b.klDivergence(label, label, LogBase.NATS)).isEqualTo(0.0);
            }
        }
    }

    @Test
    void aZeroInQWhereThereIsMassInPIsInfinite() {
        InformationMeasures b = backend();
        Distribution certain = Distribution.of(0.0, 1.0);
        Distribution impossible = Distribution.of(1.0, 0.0);
        assertThat(b.crossEntropy(certain, impossible, LogBase.BITS)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(b.klDivergence(certain, impossible, LogBase.BITS)).isEqualTo(Double.POSITIVE_INFINITY);
        Distribution spread = Distribution.of(0.25, 0.25, 0.5);
        Distribution gap = Distribution.of(0.5, 0.0, 0.5);
        assertThat(b.crossEntropy(spread, gap, LogBase.NATS)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(b.klDivergence(spread, gap, LogBase.NATS)).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void eventsWithoutMassInPCostNothingEvenWhereQIsZero() {
        InformationMeasures b = backend();
        Distribution halfHalf = Distribution.of(0.5, 0.5, 0.0);
        // H(P,P) = H(P) = 1 bit: 0·log 0 = 0 for the third event
        assertThat(b.crossEntropy(halfHalf, halfHalf, LogBase.BITS)).isCloseTo(1.0, TOLERANCE);
        assertThat(b.klDivergence(halfHalf, halfHalf, LogBase.BITS)).isEqualTo(0.0);
        // Q = (1/4, 1/2, 1/4): H(P,Q) = ½·2 + ½·1 = 1.5 bits, KL = 0.5 bits
        Distribution model = Distribution.of(0.25, 0.5, 0.25);
        assertThat(b.crossEntropy(halfHalf, model, LogBase.BITS)).isCloseTo(1.5, TOLERANCE);
        assertThat(b.klDivergence(halfHalf, model, LogBase.BITS)).isCloseTo(0.5, TOLERANCE);
    }

    @Test
    void divergenceOfADistributionFromItselfIsZeroAndNeverNegative() {
        InformationMeasures b = backend();
        assertThat(b.klDivergence(p, p, LogBase.NATS)).isEqualTo(0.0);
        // Q one ulp away from P in each entry: the true KL is about 1e-33 and rounding may push the
        // computed sum either way. Every backend promises at most about
        // (n + 2)·2^-53·Σ p(|ln p| + |ln q|) ≈ 4 · 1.1e-16 · 1.2 ≈ 5.3e-16 absolute error here (the
        // naive backend's bound; the others do far better), and never a negative result.
        double[] pp = {0.3, 0.7};
        double[] qq = {Math.nextUp(0.3), Math.nextDown(0.7)};
        double naiveBound = 1e-15;
        assertThat(b.klDivergenceNats(pp, qq)).isGreaterThanOrEqualTo(0.0).isLessThan(naiveBound);
        assertThat(b.klDivergenceNats(qq, pp)).isGreaterThanOrEqualTo(0.0).isLessThan(naiveBound);
    }

    @Test
    void divergenceOfNearlyIdenticalDistributionsKeepsItsDigits() {
        // P = (1/2, 1/2), Q = (1/2 + 2^-30, 1/2 - 2^-30): KL = -1/2 ln(1 - 2^-58) = 1.7347234759768071e-18
        // nats (mpmath, 50 digits, from the exact doubles). Σ p(ln p − ln q) and Σ p ln(fl(p/q)) both
        // give 0 here; every backend's declared bound is at most (n + 8)·u·Σ|p ln(p/q)| ≈ 1e-24, a
        // relative 6e-7 of the true value
        double[] pp = {0.5, 0.5};
        double[] qq = {0.5 + 0x1p-30, 0.5 - 0x1p-30};
        assertThat(backend().klDivergenceNats(pp, qq)).isCloseTo(1.7347234759768071e-18,
                org.assertj.core.api.Assertions.withinPercentage(1e-4));
    }

    @Test
    void jensenShannonOfTheTutorialsPairAndOfNearlyIdenticalPairsKeepsItsDigits() {
        InformationMeasures b = backend();
        // mpmath (50-60 digits, from the exact doubles): JS(P, Q) of the tutorial = 0.29126084062606400482
        // nats; P = (1/2, 1/2), Q = (1/2 ± 2^-30): 4.336808689942018e-19; (0.3, 0.7) against
        // (0.3 + 2^-40, 0.7 - 2^-40): 4.923694122335186e-25. The entropy form H(M) - (H(P) + H(Q))/2
        // gives noise of order 1e-16 on the last two; the bound of every backend's KL form is a
        // relative 1e-5 and 1e-2 of them
        assertThat(b.jensenShannonDivergence(p, q, LogBase.NATS)).isCloseTo(0.291260840626064004,
                org.assertj.core.api.Assertions.within(4 * Math.ulp(0.29126084062606400)));
        assertThat(b.jensenShannonDivergenceNats(new double[] {0.5, 0.5}, new double[] {0.5 + 0x1p-30, 0.5 - 0x1p-30}))
                .isCloseTo(4.336808689942018e-19, org.assertj.core.api.Assertions.withinPercentage(1e-3));
        assertThat(b.jensenShannonDivergenceNats(new double[] {0.3, 0.7}, new double[] {0.3 + 0x1p-40, 0.7 - 0x1p-40}))
                .isCloseTo(4.923694122335186e-25, org.assertj.core.api.Assertions.withinPercentage(1));
        assertThat(b.jensenShannonDivergence(p, p, LogBase.BITS)).isEqualTo(0.0);
        assertThat(b.perplexity(Distribution.uniform(1024))).isEqualTo(1024.0);
    }

    @Test
    void uniformEntropyIsTheLogOfTheNumberOfEvents() {
        InformationMeasures b = backend();
        assertThat(b.entropy(Distribution.uniform(8), LogBase.BITS)).isCloseTo(3.0, TOLERANCE);
        assertThat(b.entropy(Distribution.uniform(10), LogBase.BANS)).isCloseTo(1.0, TOLERANCE);
        assertThat(b.entropy(Distribution.uniform(1), LogBase.NATS)).isEqualTo(0.0);
    }

    @Test
    void informationIsMinusTheLogOfTheProbability() {
        InformationMeasures b = backend();
        assertThat(b.information(0.5, LogBase.BITS)).isCloseTo(1.0, TOLERANCE);
        assertThat(b.information(0.125, LogBase.BITS)).isCloseTo(3.0, TOLERANCE);
        assertThat(b.information(1.0, LogBase.BITS)).isEqualTo(0.0);
        assertThat(b.information(0.0, LogBase.BITS)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThatThrownBy(() -> b.information(1.5, LogBase.BITS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1.5");
        assertThatThrownBy(() -> b.information(Double.NaN, LogBase.BITS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
    }

    @Test
    void quotientsThatWouldOverflowStayFinite() {
        InformationMeasures b = backend();
        // p/q = 0.5 / 4.9e-324 overflows a double, but KL = 0.5·ln(0.5/4.9e-324) + 0.5·ln(0.5/(1-4.9e-324))
        double tiny = Double.MIN_VALUE;
        double[] pp = {0.5, 0.5};
        double[] qq = {tiny, 1.0};
        double expected = 0.5 * (Math.log(0.5) - Math.log(tiny)) + 0.5 * Math.log(0.5);
        assertThat(b.klDivergenceNats(pp, qq)).isCloseTo(expected, withinPercentage(1e-10));
        assertThat(b.crossEntropyNats(pp, qq)).isCloseTo(-0.5 * Math.log(tiny), withinPercentage(1e-10));
    }

    @Test
    void mismatchedLengthsAreRejectedNamingBothLengths() {
        InformationMeasures b = backend();
        assertThatThrownBy(() -> b.crossEntropyNats(new double[] {1.0}, new double[] {0.5, 0.5}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1").hasMessageContaining("2");
        assertThatThrownBy(() -> b.klDivergenceNats(new double[] {0.5, 0.5}, new double[] {1.0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2").hasMessageContaining("1");
        assertThatThrownBy(() -> b.crossEntropy(Distribution.uniform(3), Distribution.uniform(4), LogBase.BITS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3").hasMessageContaining("4");
    }

    @Test
    void differentlyLabelledEventsAreNotCompared() {
        InformationMeasures b = backend();
        Distribution other = Distribution.of(TutorialExample1.Q).withLabels("cat", "dog", "fish");
        assertThatThrownBy(() -> b.crossEntropy(p, other, LogBase.BITS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("red").hasMessageContaining("cat");
    }

    @Test
    void discoveryFindsExactlyThisBackendWhenItIsTheOnlyOne() {
        assertThat(Backends.ids()).containsExactly(expectedId());
        assertThat(backend().id()).isEqualTo(expectedId());
        assertThat(Backends.defaultBackend().id()).isEqualTo(expectedId());
        assertThat(Backends.byId(expectedId()).getClass()).isEqualTo(backend().getClass());
        assertThat(backend().description()).isNotBlank();
    }
}
