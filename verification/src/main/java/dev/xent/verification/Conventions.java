package dev.xent.verification;

import static dev.xent.verification.TutorialExample1.CE_P_Q_BITS;
import static dev.xent.verification.TutorialExample1.CE_Q_P_BITS;
import static dev.xent.verification.TutorialExample1.H_P_BITS;
import static dev.xent.verification.TutorialExample1.H_Q_BITS;
import static dev.xent.verification.TutorialExample1.KL_P_Q_BITS;
import static dev.xent.verification.TutorialExample1.KL_Q_P_BITS;
import static dev.xent.verification.TutorialExample1.RELATIVE_TOLERANCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import dev.xent.Distribution;
import dev.xent.InformationMeasures;
import dev.xent.LogBase;

/**
 * The conventions of {@link InformationMeasures} (its class javadoc's table of edge cases) and the
 * tutorial's worked example 1 (<i>A Gentle Introduction to Cross-Entropy for Machine Learning</i>),
 * on short, hand-computed inputs: each check one method, run by
 * {@link InformationMeasuresVerification} against any backend.
 */
final class Conventions {

    /** {@code 1e-12} relative, as a percentage for AssertJ. */
    private static final org.assertj.core.data.Percentage TOLERANCE =
            withinPercentage(RELATIVE_TOLERANCE * 100);

    private static final double LN2 = Math.log(2.0);

    private static final Distribution P = Distribution.of(TutorialExample1.P).withLabels(TutorialExample1.LABELS);
    private static final Distribution Q = Distribution.of(TutorialExample1.Q).withLabels(TutorialExample1.LABELS);

    private Conventions() {
    }

    static void reproducesEveryNumberOfTheTutorialsExample1InBits(InformationMeasures b) {
        assertThat(b.crossEntropy(P, Q, LogBase.BITS)).isCloseTo(CE_P_Q_BITS, TOLERANCE);
        assertThat(b.crossEntropy(Q, P, LogBase.BITS)).isCloseTo(CE_Q_P_BITS, TOLERANCE);
        assertThat(b.crossEntropy(P, P, LogBase.BITS)).isCloseTo(H_P_BITS, TOLERANCE);
        assertThat(b.crossEntropy(Q, Q, LogBase.BITS)).isCloseTo(H_Q_BITS, TOLERANCE);
        assertThat(b.entropy(P, LogBase.BITS)).isCloseTo(H_P_BITS, TOLERANCE);
        assertThat(b.entropy(Q, LogBase.BITS)).isCloseTo(H_Q_BITS, TOLERANCE);
        assertThat(b.klDivergence(P, Q, LogBase.BITS)).isCloseTo(KL_P_Q_BITS, TOLERANCE);
        assertThat(b.klDivergence(Q, P, LogBase.BITS)).isCloseTo(KL_Q_P_BITS, TOLERANCE);
    }

    static void reproducesTheSameNumbersInNats(InformationMeasures b) {
        assertThat(b.crossEntropy(P, Q, LogBase.NATS)).isCloseTo(CE_P_Q_BITS * LN2, TOLERANCE);
        assertThat(b.crossEntropy(Q, P, LogBase.NATS)).isCloseTo(CE_Q_P_BITS * LN2, TOLERANCE);
        assertThat(b.entropy(P, LogBase.NATS)).isCloseTo(H_P_BITS * LN2, TOLERANCE);
        assertThat(b.entropy(Q, LogBase.NATS)).isCloseTo(H_Q_BITS * LN2, TOLERANCE);
        assertThat(b.klDivergence(P, Q, LogBase.NATS)).isCloseTo(KL_P_Q_BITS * LN2, TOLERANCE);
        assertThat(b.klDivergence(Q, P, LogBase.NATS)).isCloseTo(KL_Q_P_BITS * LN2, TOLERANCE);
        // the raw hot-loop methods give the same values
        assertThat(b.crossEntropyNats(TutorialExample1.P, TutorialExample1.Q))
                .isCloseTo(CE_P_Q_BITS * LN2, TOLERANCE);
        assertThat(b.entropyNats(TutorialExample1.P)).isCloseTo(H_P_BITS * LN2, TOLERANCE);
        assertThat(b.klDivergenceNats(TutorialExample1.P, TutorialExample1.Q))
                .isCloseTo(KL_P_Q_BITS * LN2, TOLERANCE);
    }

    static void crossEntropyIsEntropyPlusDivergenceOnTheTutorialsExample(InformationMeasures b) {
        double direct = b.crossEntropy(P, Q, LogBase.BITS);
        double decomposed = b.entropy(P, LogBase.BITS) + b.klDivergence(P, Q, LogBase.BITS);
        assertThat(direct).isCloseTo(decomposed, TOLERANCE);
    }

    static void entropyOfEveryOneHotLabelIsExactlyZero(InformationMeasures b) {
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

    static void aZeroInQWhereThereIsMassInPIsInfinite(InformationMeasures b) {
        Distribution certain = Distribution.of(0.0, 1.0);
        Distribution impossible = Distribution.of(1.0, 0.0);
        assertThat(b.crossEntropy(certain, impossible, LogBase.BITS)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(b.klDivergence(certain, impossible, LogBase.BITS)).isEqualTo(Double.POSITIVE_INFINITY);
        Distribution spread = Distribution.of(0.25, 0.25, 0.5);
        Distribution gap = Distribution.of(0.5, 0.0, 0.5);
        assertThat(b.crossEntropy(spread, gap, LogBase.NATS)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(b.klDivergence(spread, gap, LogBase.NATS)).isEqualTo(Double.POSITIVE_INFINITY);
    }

    static void eventsWithoutMassInPCostNothingEvenWhereQIsZero(InformationMeasures b) {
        Distribution halfHalf = Distribution.of(0.5, 0.5, 0.0);
        // H(P,P) = H(P) = 1 bit: 0·log 0 = 0 for the third event
        assertThat(b.crossEntropy(halfHalf, halfHalf, LogBase.BITS)).isCloseTo(1.0, TOLERANCE);
        assertThat(b.klDivergence(halfHalf, halfHalf, LogBase.BITS)).isEqualTo(0.0);
        // Q = (1/4, 1/2, 1/4): H(P,Q) = ½·2 + ½·1 = 1.5 bits, KL = 0.5 bits
        Distribution model = Distribution.of(0.25, 0.5, 0.25);
        assertThat(b.crossEntropy(halfHalf, model, LogBase.BITS)).isCloseTo(1.5, TOLERANCE);
        assertThat(b.klDivergence(halfHalf, model, LogBase.BITS)).isCloseTo(0.5, TOLERANCE);
    }

    static void divergenceOfADistributionFromItselfIsZeroAndNeverNegative(InformationMeasures b) {
        assertThat(b.klDivergence(P, P, LogBase.NATS)).isEqualTo(0.0);
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

    static void uniformEntropyIsTheLogOfTheNumberOfEvents(InformationMeasures b) {
        assertThat(b.entropy(Distribution.uniform(8), LogBase.BITS)).isCloseTo(3.0, TOLERANCE);
        assertThat(b.entropy(Distribution.uniform(10), LogBase.BANS)).isCloseTo(1.0, TOLERANCE);
        assertThat(b.entropy(Distribution.uniform(1), LogBase.NATS)).isEqualTo(0.0);
    }

    static void informationIsMinusTheLogOfTheProbability(InformationMeasures b) {
        assertThat(b.information(0.5, LogBase.BITS)).isCloseTo(1.0, TOLERANCE);
        assertThat(b.information(0.125, LogBase.BITS)).isCloseTo(3.0, TOLERANCE);
        assertThat(b.information(1.0, LogBase.BITS)).isEqualTo(0.0);
        assertThat(b.information(0.0, LogBase.BITS)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThatThrownBy(() -> b.information(1.5, LogBase.BITS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1.5");
        assertThatThrownBy(() -> b.information(Double.NaN, LogBase.BITS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
    }

    static void quotientsThatWouldOverflowStayFinite(InformationMeasures b) {
        // p/q = 0.5 / 4.9e-324 overflows a double, but KL = 0.5·ln(0.5/4.9e-324) + 0.5·ln(0.5/(1-4.9e-324))
        double tiny = Double.MIN_VALUE;
        double[] pp = {0.5, 0.5};
        double[] qq = {tiny, 1.0};
        double expected = 0.5 * (Math.log(0.5) - Math.log(tiny)) + 0.5 * Math.log(0.5);
        assertThat(b.klDivergenceNats(pp, qq)).isCloseTo(expected, withinPercentage(1e-10));
        assertThat(b.crossEntropyNats(pp, qq)).isCloseTo(-0.5 * Math.log(tiny), withinPercentage(1e-10));
    }

    static void divergenceOfNearlyIdenticalDistributionsMeetsTheDeclaredBound(InformationMeasures b) {
        double[] pp = {0.5, 0.5};
        double[] qq = {0.5 + 0x1p-30, 0.5 - 0x1p-30};
        double truth = 1.7347234759768071e-18;
        double bound = Tolerance.kl(b.accuracy(), 2, Tolerance.KlScales.estimate(pp, qq), truth);
        assertThat(b.klDivergenceNats(pp, qq)).as("KL((1/2, 1/2) || (1/2 + 2^-30, 1/2 - 2^-30)), declared %s",
                b.accuracy().kl()).isCloseTo(truth, within(bound));
    }

    static void jensenShannonAndPerplexityKeepTheirDigits(InformationMeasures b) {
        assertThat(b.jensenShannonDivergence(P, Q, LogBase.NATS)).isCloseTo(0.291260840626064004,
                within(4 * Math.ulp(0.29126084062606400)));
        assertThat(b.jensenShannonDivergenceNats(new double[] {0.5, 0.5}, new double[] {0.5 + 0x1p-30, 0.5 - 0x1p-30}))
                .isCloseTo(4.336808689942018e-19, withinPercentage(1e-3));
        assertThat(b.jensenShannonDivergenceNats(new double[] {0.3, 0.7}, new double[] {0.3 + 0x1p-40, 0.7 - 0x1p-40}))
                .isCloseTo(4.923694122335186e-25, withinPercentage(1));
        assertThat(b.jensenShannonDivergence(P, P, LogBase.BITS)).isEqualTo(0.0);
        assertThat(b.perplexity(Distribution.uniform(1024))).isEqualTo(1024.0);
    }

    static void mismatchedLengthsAreRejectedNamingBothLengths(InformationMeasures b) {
        assertThatThrownBy(() -> b.crossEntropyNats(new double[] {1.0}, new double[] {0.5, 0.5}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1").hasMessageContaining("2");
        assertThatThrownBy(() -> b.klDivergenceNats(new double[] {0.5, 0.5}, new double[] {1.0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2").hasMessageContaining("1");
        assertThatThrownBy(() -> b.crossEntropy(Distribution.uniform(3), Distribution.uniform(4), LogBase.BITS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3").hasMessageContaining("4");
    }

    static void differentlyLabelledEventsAreNotCompared(InformationMeasures b) {
        Distribution other = Distribution.of(TutorialExample1.Q).withLabels("cat", "dog", "fish");
        assertThatThrownBy(() -> b.crossEntropy(P, other, LogBase.BITS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("red").hasMessageContaining("cat");
    }
}
