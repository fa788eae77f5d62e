package dev.xent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xent.Accuracy.KlBound;
import dev.xent.Accuracy.KlScale;
import dev.xent.Accuracy.Ulps;
import org.junit.jupiter.api.Test;

/** {@link Accuracy}: the bounds as numbers, their printed form and their order. */
class AccuracyTest {

    private static final double U = 0x1p-53;

    private static final Accuracy COMPENSATED = Accuracy.of(Ulps.constant(4), Ulps.constant(4),
            new KlBound(Ulps.constant(4), KlScale.TERMS, 2));

    @Test
    void theDefaultIsTheFormulasAsWrittenAndGrowsWithN() {
        Accuracy a = Accuracy.FORMULAS_AS_WRITTEN;
        // (n + 2) ulps at n = 10, value 1.5: ulp(1.5) = 2^-52
        assertThat(a.entropyBound(10, 1.5)).isEqualTo(12 * 0x1p-52);
        assertThat(a.crossEntropyBound(998, 1.5)).isEqualTo(1000 * 0x1p-52);
        // (n + 2)·u·logs + n·u²·logs, with logs = 3.0 and n = 6
        assertThat(a.klBound(6, 1.0, 3.0, 0.25)).isEqualTo(8 * U * 3.0 + 6 * U * U * 3.0);
    }

    @Test
    void aCompensatedBoundIsConstantInNAndAddsUlpsOfTheResult() {
        assertThat(COMPENSATED.entropyBound(1_000_000, 2.0)).isEqualTo(4 * Math.ulp(2.0));
        double terms = 0.5;
        double value = 1e-3;
        assertThat(COMPENSATED.klBound(100, terms, 99.0, value))
                .isEqualTo(4 * U * terms + 2 * Math.ulp(value) + 100 * U * U * terms);
    }

    @Test
    void theBoundsPrintAsTheDocumentationWritesThem() {
        assertThat(Accuracy.FORMULAS_AS_WRITTEN).hasToString(
                "H(P) (n + 2) ulps; H(P,Q) (n + 2) ulps; KL(P‖Q) (n + 2)·u·Σ p(|ln p| + |ln q|)");
        assertThat(COMPENSATED).hasToString("H(P) 4 ulps; H(P,Q) 4 ulps; KL(P‖Q) 4·u·Σ|p ln(p/q)| + 2 ulps");
        assertThat(Ulps.growing(6, 3)).hasToString("3(n + 2) ulps");
        assertThat(Ulps.growing(1, 2)).hasToString("(2n + 1) ulps");
        assertThat(Ulps.growing(0, 1)).hasToString("n ulps");
    }

    @Test
    void moreAccurateSortsFirst() {
        Accuracy decomposed = Accuracy.of(Ulps.growing(2, 1), Ulps.growing(6, 3),
                new KlBound(Ulps.growing(4, 1), KlScale.TERMS, 0));
        assertThat(Accuracy.MOST_ACCURATE_FIRST.compare(COMPENSATED, Accuracy.FORMULAS_AS_WRITTEN)).isNegative();
        assertThat(Accuracy.MOST_ACCURATE_FIRST.compare(Accuracy.FORMULAS_AS_WRITTEN, decomposed)).isNegative();
        Accuracy sameButLogs = Accuracy.of(Ulps.constant(4), Ulps.constant(4),
                new KlBound(Ulps.constant(4), KlScale.LOGS, 2));
        assertThat(Accuracy.MOST_ACCURATE_FIRST.compare(COMPENSATED, sameButLogs)).isNegative();
        assertThat(Accuracy.MOST_ACCURATE_FIRST.compare(COMPENSATED, Accuracy.of(Ulps.constant(4), Ulps.constant(4),
                new KlBound(Ulps.constant(4), KlScale.TERMS, 2)))).isZero();
    }

    @Test
    void equalityIsByCoefficients() {
        assertThat(COMPENSATED).isEqualTo(Accuracy.of(Ulps.constant(4), Ulps.constant(4),
                new KlBound(Ulps.constant(4), KlScale.TERMS, 2)));
        assertThat(COMPENSATED).isNotEqualTo(Accuracy.FORMULAS_AS_WRITTEN);
        assertThat(COMPENSATED.hashCode()).isEqualTo(Accuracy.of(Ulps.constant(4), Ulps.constant(4),
                new KlBound(Ulps.constant(4), KlScale.TERMS, 2)).hashCode());
    }

    @Test
    void badCoefficientsAreRejectedByName() {
        assertThatThrownBy(() -> Ulps.constant(Double.NaN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("constant is NaN");
        assertThatThrownBy(() -> Ulps.growing(1, -1)).hasMessageContaining("perEvent is -1.0");
        assertThatThrownBy(() -> new KlBound(Ulps.constant(1), KlScale.TERMS, Double.POSITIVE_INFINITY))
                .hasMessageContaining("resultUlps is Infinity");
    }
}
