package dev.xent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.xent.testing.FormulaMeasures;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The family's default methods on a stand-in backend: the weighted Jensen–Shannon divergence
 * against mpmath, and every length and label check of the per-event terms and of JS.
 */
class FamilyChecksTest {

    private static final InformationMeasures B = new FormulaMeasures();
    private static final Distribution P = Distribution.of(0.1, 0.4, 0.5);
    private static final Distribution Q = Distribution.of(0.8, 0.15, 0.05);

    @Test
    void theWeightedJensenShannonDivergenceOfThreeDistributions() {
        // mpmath, 50 digits on the stored doubles: Σ_j π_j Σ_i (p ln(p/m) − p + m), m = Σ π_j p_j,
        // for P, Q and uniform(3) with weights (0.2, 0.3, 0.5): 0.157833239935394865…
        double js = B.jensenShannonDivergence(List.of(P, Q, Distribution.uniform(3)), new double[] {0.2, 0.3, 0.5},
                LogBase.NATS);
        assertThat(js).isCloseTo(0.15783323993539486, within(4 * Math.ulp(0.15783323993539486)));
        assertThat(B.jensenShannonDivergence(List.of(P, Q, Distribution.uniform(3)), new double[] {0.2, 0.3, 0.5},
                LogBase.BITS)).isCloseTo(0.15783323993539486 / Math.log(2), within(1e-15));
    }

    @Test
    void distributionsOfWeightZeroDoNotCount() {
        assertThat(B.jensenShannonDivergence(List.of(P, P, Q), new double[] {0.5, 0.5, 0.0}, LogBase.NATS))
                .isEqualTo(0.0);
        assertThat(B.jensenShannonDivergence(List.of(P, Q), new double[] {1.0, 0.0}, LogBase.NATS)).isEqualTo(0.0);
    }

    @Test
    void theWeightedDivergenceNeedsTheSameEvents() {
        assertThatThrownBy(() -> B.jensenShannonDivergence(List.of(P, Distribution.of(0.5, 0.5)),
                new double[] {0.5, 0.5}, LogBase.NATS)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("distribution 1 has 2 events but distribution 0 has 3");
        Distribution a = P.withLabels("x", "y", "z");
        Distribution b = Q.withLabels("x", "y", "w");
        assertThatThrownBy(() -> B.jensenShannonDivergence(List.of(a, b), new double[] {0.5, 0.5}, LogBase.NATS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("distribution 1's events");
        assertThatThrownBy(() -> B.jensenShannonDivergence(a, b, LogBase.NATS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("differ");
    }

    @Test
    void everyTwoDistributionMethodRejectsDifferentLengths() {
        double[] three = {0.1, 0.4, 0.5};
        double[] two = {0.5, 0.5};
        for (Runnable r : new Runnable[] {
            () -> B.crossEntropyTermsNats(three, two), () -> B.klDivergenceTermsNats(three, two),
            () -> B.jensenShannonDivergenceNats(three, two),
            () -> B.crossEntropyTerms(P, Distribution.of(0.5, 0.5), LogBase.NATS),
            () -> B.jensenShannonDivergence(P, Distribution.of(0.5, 0.5), LogBase.NATS),
            () -> B.crossEntropy(P, Distribution.of(0.5, 0.5), LogBase.NATS)}) {
            assertThatThrownBy(r::run).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("P has 3 events but Q has 2");
        }
    }

    @Test
    void loadingKeepsEveryRegisteredBackendInOrder() {
        InformationMeasures other = new FormulaMeasures();
        assertThat(Backends.load(List.of(B, other))).containsExactly(B, other);
    }
}
