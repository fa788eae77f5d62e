package dev.xent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.xent.testing.FormulaMeasures;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The default methods of {@link InformationMeasures} for the rest of the family — per-event terms,
 * Jensen–Shannon, weighted Jensen–Shannon, perplexity — on the test stand-in backend: conventions,
 * input checks and values computed independently with mpmath (50 digits, from the exact doubles).
 */
class FamilyOfMeasuresTest {

    private final InformationMeasures b = new FormulaMeasures();
    /**
     * The stand-in's KL is Σ p(ln p − ln q), within the formulas-as-written bound
     * (n + 2)·u·Σ p(|ln p| + |ln q|) ≈ 5·1.1e-16·2.8 here: 2e-15 (in nats; JS has half of two such).
     */
    private static final double STAND_IN = 2e-15;

    private final Distribution p = Distribution.of(0.1, 0.4, 0.5);
    private final Distribution q = Distribution.of(0.8, 0.15, 0.05);

    @Test
    void termsFollowTheConventionsOfTheWholeMeasures() {
        Distribution half = Distribution.of(0.5, 0.5, 0.0);
        Distribution gap = Distribution.of(0.5, 0.0, 0.5);
        assertThat(b.entropyTerms(half, LogBase.BITS)).containsExactly(0.5, 0.5, 0.0);
        assertThat(b.crossEntropyTerms(half, gap, LogBase.BITS)).containsExactly(0.5, Double.POSITIVE_INFINITY, 0.0);
        assertThat(b.klDivergenceTerms(half, gap, LogBase.BITS)).containsExactly(0.0, Double.POSITIVE_INFINITY, 0.0);
        // mpmath: p ln(p/q) in bits for the tutorial's pair: -0.30000000000000004, 0.5660149997115376,
        // 1.660964047443681 (each within an ulp or two after the conversion to bits)
        double[] kl = b.klDivergenceTerms(p, q, LogBase.BITS);
        assertThat(kl[0]).isCloseTo(-0.30000000000000004, within(2 * Math.ulp(0.3)));
        assertThat(kl[1]).isCloseTo(0.5660149997115376, within(2 * Math.ulp(0.566)));
        assertThat(kl[2]).isCloseTo(1.660964047443681, within(2 * Math.ulp(1.66)));
    }

    @Test
    void termsRefuseDistributionsOverDifferentEvents() {
        Distribution labelled = p.withLabels("red", "green", "blue");
        Distribution other = q.withLabels("r", "g", "b");
        assertThatThrownBy(() -> b.klDivergenceTerms(labelled, other, LogBase.BITS)).hasMessageContaining("differ");
        assertThatThrownBy(() -> b.crossEntropyTerms(p, Distribution.of(0.5, 0.5), LogBase.BITS))
                .hasMessageContaining("P has 3 events but Q has 2");
    }

    @Test
    void jensenShannonOfTheTutorialsPair() {
        // mpmath: JS = 0.29126084062606400482 nats = 0.42020057037637326 bits; sqrt in bits 0.6482287947757128
        assertThat(b.jensenShannonDivergence(p, q, LogBase.NATS)).isCloseTo(0.291260840626064, within(STAND_IN));
        assertThat(b.jensenShannonDivergence(p, q, LogBase.BITS)).isCloseTo(0.42020057037637326, within(2 * STAND_IN));
        assertThat(b.jensenShannonDistance(p, q, LogBase.BITS)).isCloseTo(0.6482287947757128, within(2 * STAND_IN));
        assertThat(b.jensenShannonDivergence(q, p, LogBase.NATS)).isEqualTo(b.jensenShannonDivergence(p, q, LogBase.NATS));
        assertThat(b.jensenShannonDivergence(Distribution.of(1, 0), Distribution.of(0, 1), LogBase.BITS)).isEqualTo(1.0);
    }

    @Test
    void weightedJensenShannonAgreesWithTheTwoDistributionFormAndChecksItsInput() {
        double two = b.jensenShannonDivergence(List.of(p, q), new double[] {0.5, 0.5}, LogBase.NATS);
        assertThat(two).isCloseTo(0.291260840626064, within(STAND_IN));
        // mpmath: JS_(0.2,0.3,0.5)(P, Q, U3) = H(M) - Σ π H = 0.15783323993539486 nats (U3 = uniform)
        double three = b.jensenShannonDivergence(List.of(p, q, Distribution.uniform(3)),
                new double[] {0.2, 0.3, 0.5}, LogBase.NATS);
        assertThat(three).isCloseTo(0.15783323993539486, within(STAND_IN));
        assertThat(b.jensenShannonDivergence(List.of(p, p), new double[] {0.25, 0.75}, LogBase.BITS)).isEqualTo(0.0);
        assertThat(b.jensenShannonDivergence(List.of(q, p, p), new double[] {0.0, 0.5, 0.5}, LogBase.BITS)).isEqualTo(0.0);
        assertThatThrownBy(() -> b.jensenShannonDivergence(List.of(p, q), new double[] {0.5, -0.5}, LogBase.BITS))
                .hasMessageContaining("weight at index 1 is negative: -0.5");
        assertThatThrownBy(() -> b.jensenShannonDivergence(List.of(p, q), new double[] {0.5, 0.6}, LogBase.BITS))
                .hasMessageContaining("not a probability vector").hasMessageContaining("sum to 1.1");
        assertThatThrownBy(() -> b.jensenShannonDivergence(List.of(p, q), new double[] {1.0}, LogBase.BITS))
                .hasMessageContaining("2 distributions but 1 weights");
        assertThatThrownBy(() -> b.jensenShannonDivergence(List.of(p, Distribution.of(0.5, 0.5)),
                new double[] {0.5, 0.5}, LogBase.BITS)).hasMessageContaining("distribution 1 has 2 events");
        assertThatThrownBy(() -> b.jensenShannonDivergence(List.of(), new double[0], LogBase.BITS))
                .hasMessageContaining("at least one");
    }

    @Test
    void perplexityIsTheSameInEveryBaseAndTheNumberOfEventsWhenUniform() {
        assertThat(b.perplexity(Distribution.uniform(4))).isEqualTo(4.0);
        assertThat(b.perplexity(Distribution.uniform(1 << 16))).isEqualTo(65536.0);
        assertThat(b.perplexity(Distribution.oneHot(5, 2))).isEqualTo(1.0);
        // mpmath: exp(H(P)) for the tutorial's P = 2.5685676074155555
        assertThat(b.perplexity(p)).isCloseTo(2.5685676074155555, within(4 * Math.ulp(2.57)));
    }
}
