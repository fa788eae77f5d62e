package dev.xent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.xent.testing.FormulaMeasures;
import dev.xent.testing.TutorialExample1;
import org.junit.jupiter.api.Test;

/**
 * The api's own methods on values worked out independently (mpmath at 40 digits, or by hand; the
 * value is quoted at each): the default methods of {@link InformationMeasures}, {@link LogBase}'s
 * conversions and identity, {@link Distribution}'s small
 * factories and identity. Written for mutation testing (docs/testing.md): each assertion pins a
 * value that a wrong sign, bound or return would change.
 */
class ApiValuesTest {

    /** Values rounded from mpmath, of order 1: a few ulps. */
    private static final double TIGHT = 1e-15;

    private static final InformationMeasures FORMULAS = new FormulaMeasures();

    private static final Distribution P = Distribution.of(TutorialExample1.P).withLabels(TutorialExample1.LABELS);
    private static final Distribution Q = Distribution.of(TutorialExample1.Q).withLabels(TutorialExample1.LABELS);

    private static void assertRelative(double actual, double expected) {
        assertThat(actual).isCloseTo(expected, within(TutorialExample1.RELATIVE_TOLERANCE * Math.abs(expected)));
    }

    @Test
    void theDefaultMeasuresOnDistributionsGiveTheTutorialsBits() {
        assertRelative(FORMULAS.entropy(P, LogBase.BITS), TutorialExample1.H_P_BITS);
        assertRelative(FORMULAS.crossEntropy(P, Q, LogBase.BITS), TutorialExample1.CE_P_Q_BITS);
        assertRelative(FORMULAS.klDivergence(P, Q, LogBase.BITS), TutorialExample1.KL_P_Q_BITS);
        assertRelative(FORMULAS.crossEntropy(P, Q, LogBase.NATS), TutorialExample1.CE_P_Q_BITS * Math.log(2));
    }

    @Test
    void theDefaultInformationIsMinusTheLogarithm() {
        assertThat(FORMULAS.informationNats(0.25)).isCloseTo(1.3862943611198906, within(TIGHT)); // ln 4
        assertThat(FORMULAS.information(0.25, LogBase.BITS)).isCloseTo(2.0, within(TIGHT));
        assertThat(FORMULAS.informationNats(1.0)).isEqualTo(0.0).isEqualTo(+0.0);
        assertThat(1 / FORMULAS.informationNats(1.0)).isPositive(); // +0.0, not −0.0
        assertThat(FORMULAS.informationNats(0.0)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(FORMULAS.informationNats(Double.MIN_VALUE)).isCloseTo(744.4400719213812, within(1e-12));
        for (double bad : new double[] {-1e-300, 1.0000000000000002, Double.NaN, -0.5}) {
            assertThatThrownBy(() -> FORMULAS.informationNats(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("information needs a probability in [0, 1], got " + bad);
        }
    }

    @Test
    void aBackendThatDeclaresNothingIsTheFormulasAsWrittenAtUnitCost() {
        InformationMeasures bare = new FormulaMeasures();
        assertThat(bare.accuracy()).isSameAs(Accuracy.FORMULAS_AS_WRITTEN);
        assertThat(bare.relativeCost()).isEqualTo(1.0);
        assertThat(Accuracy.FORMULAS_AS_WRITTEN.entropy()).isNotNull();
        assertThat(Accuracy.FORMULAS_AS_WRITTEN.crossEntropy()).isNotNull();
        assertThat(Accuracy.FORMULAS_AS_WRITTEN.kl()).isNotNull();
    }

    @Test
    void distributionsOverDifferentEventsAreRejected() {
        Distribution two = Distribution.of(0.5, 0.5);
        assertThatThrownBy(() -> FORMULAS.crossEntropy(P, two, LogBase.BITS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("P has 3 events but Q has 2");
        assertThatThrownBy(() -> FORMULAS.klDivergence(two, P, LogBase.BITS))
                .hasMessageStartingWith("P has 2 events but Q has 3");
        Distribution relabelled = Distribution.of(TutorialExample1.Q).withLabels("a", "b", "c");
        assertThatThrownBy(() -> FORMULAS.crossEntropy(P, relabelled, LogBase.BITS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("P's events [red, green, blue] differ from Q's [a, b, c]");
        assertThatThrownBy(() -> FORMULAS.klDivergence(P, relabelled, LogBase.BITS))
                .hasMessage("P's events [red, green, blue] differ from Q's [a, b, c]");
        // unlabelled against labelled: only the sizes count
        assertRelative(FORMULAS.crossEntropy(Distribution.of(TutorialExample1.P), Q, LogBase.BITS),
                TutorialExample1.CE_P_Q_BITS);
    }

    @Test
    void logBasesConvertAndCompareByTheirBase() {
        assertThat(LogBase.BITS.lnBase()).isCloseTo(0.6931471805599453, within(TIGHT));
        assertThat(LogBase.NATS.lnBase()).isEqualTo(1.0);
        assertThat(LogBase.BITS.convert(1.0, LogBase.NATS)).isCloseTo(0.6931471805599453, within(TIGHT));
        // 1 bit in bans: ln 2 / ln 10 = 0.30102999566398119521 (mpmath)
        assertThat(LogBase.BITS.convert(1.0, LogBase.BANS)).isCloseTo(0.3010299956639812, within(TIGHT));
        assertThat(LogBase.BITS.convert(1.5, LogBase.of(2))).isEqualTo(1.5);
        assertThat(LogBase.of(2)).isEqualTo(LogBase.BITS).hasSameHashCodeAs(LogBase.BITS);
        assertThat(LogBase.BITS).isNotEqualTo(LogBase.NATS).isNotEqualTo("bits");
        assertThat(LogBase.BITS.hashCode()).isNotEqualTo(LogBase.NATS.hashCode());
    }

    @Test
    void distributionsSmallFactoriesAndIdentity() {
        Distribution b = Distribution.bernoulli(-0.0);
        assertThat(1 / b.probability(1)).isPositive(); // −0 becomes +0
        assertThat(b.probability(0)).isEqualTo(1.0);
        assertThat(Distribution.bernoulli(1.0).probability(0)).isEqualTo(0.0);
        assertThat(Distribution.bernoulli(0.3).probability(0)).isCloseTo(0.7, within(1e-16));
        assertThatThrownBy(() -> Distribution.bernoulli(1.0000000000000002)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Distribution.bernoulli(-Double.MIN_VALUE)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Distribution.oneHot(1, 0).probability(0)).isEqualTo(1.0);
        assertThatThrownBy(() -> Distribution.oneHot(0, 0)).hasMessageContaining("got n = 0");
        assertThatThrownBy(() -> Distribution.oneHot(3, 3))
                .hasMessage("one-hot index 3 is out of range for 3 events (valid: 0 to 2)");
        assertThat(Distribution.uniform(1).probability(0)).isEqualTo(1.0);
        assertThat(Distribution.fromCounts(0, 2).probability(1)).isEqualTo(1.0);
        assertThat(P.hasLabels()).isTrue();
        assertThat(Distribution.of(0.5, 0.5).hasLabels()).isFalse();
        assertThat(P).isEqualTo(Distribution.of(TutorialExample1.P).withLabels(TutorialExample1.LABELS))
                .isNotEqualTo(Distribution.of(TutorialExample1.P)).isNotEqualTo(Q).isNotEqualTo("P");
        assertThat(P.hashCode()).isNotEqualTo(Distribution.of(TutorialExample1.P).hashCode());
        assertThat(Distribution.of(0.5, 0.5)).hasToString("[0.5, 0.5]");
        assertThat(P).hasToString("[red=0.1, green=0.4, blue=0.5]");
        // the tolerance for 2 events is 8·2·2^-52 = 2^-48: a sum of exactly 1 + 2^-48 is accepted,
        // 1 + 2^-47 is not (both sums are exact in binary)
        assertThat(Distribution.sumTolerance(2)).isEqualTo(0x1p-48);
        assertThat(Distribution.of(0.5, 0.5 + 0x1p-48).sum()).isEqualTo(1 + 0x1p-48);
        assertThat(Distribution.of(0.5, 0.5 - 0x1p-48).size()).isEqualTo(2);
        assertThatThrownBy(() -> Distribution.of(0.5, 0.5 + 0x1p-47))
                .hasMessageStartingWith("probabilities sum to 1.000000000000007, which differs from 1 by"
                        + " 7.11e-15, more than the tolerance 3.55e-15 for 2 events");
    }
}
