package dev.xent.naive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xent.Accuracy;
import org.junit.jupiter.api.Test;

/** The backend's declarations, as its javadoc states them (for mutation testing, docs/testing.md). */
class NaiveDeclarationsTest {

    @Test
    void theFormulasAsWrittenWithAnAccurateKlAtUnitCost() {
        NaiveMeasures naive = new NaiveMeasures();
        // the class javadoc's derivation: plain sums, (n + 2) ulps; KL as sum p ln(p/q) with the
        // quotient's rounding put back, (n + 8)·u·sum|p ln(p/q)|
        assertThat(naive.accuracy()).isEqualTo(Accuracy.of(Accuracy.Ulps.growing(2, 1), Accuracy.Ulps.growing(2, 1),
                new Accuracy.KlBound(Accuracy.Ulps.growing(8, 1), Accuracy.KlScale.TERMS, 0)));
        assertThat(naive.accuracy()).isNotEqualTo(Accuracy.FORMULAS_AS_WRITTEN);
        assertThat(naive.relativeCost()).isEqualTo(1.0);
    }
}
