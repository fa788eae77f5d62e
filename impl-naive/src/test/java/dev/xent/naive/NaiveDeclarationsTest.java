package dev.xent.naive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xent.Accuracy;
import org.junit.jupiter.api.Test;

/** The backend's declarations, as its javadoc states them (for mutation testing, docs/testing.md). */
class NaiveDeclarationsTest {

    @Test
    void theFormulasAsWrittenAtUnitCost() {
        NaiveMeasures naive = new NaiveMeasures();
        assertThat(naive.accuracy()).isSameAs(Accuracy.FORMULAS_AS_WRITTEN);
        assertThat(naive.relativeCost()).isEqualTo(1.0);
    }
}
