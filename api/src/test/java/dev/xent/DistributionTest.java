package dev.xent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DistributionTest {

    @ParameterizedTest(name = "{0} at index 1 is rejected: {2}")
    @CsvSource({
        "NaN, NaN, is NaN",
        "Infinity, Infinity, is infinite",
        "-Infinity, -Infinity, is infinite",
        "-0.1, -0.1, is negative",
        "1.5, 1.5, is greater than 1",
    })
    void rejectsABadEntryNamingItsIndexAndValue(double bad, String shown, String problem) {
        assertThatThrownBy(() -> Distribution.of(0.5, bad, 0.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("index 1")
                .hasMessageContaining(problem)
                .hasMessageEndingWith(shown);
    }

    @Test
    void rejectsAnEmptyVector() {
        assertThatThrownBy(Distribution::of).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
    }

    @Test
    void rejectsASumOffByMoreThanTheToleranceGivingTheSum() {
        assertThatThrownBy(() -> Distribution.of(0.1, 0.4, 0.4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sum to 0.9")
                .hasMessageContaining("3 events")
                .hasMessageContaining("normalize");
    }

    @Test
    void theToleranceScalesWithTheNumberOfEvents() {
        assertThat(Distribution.sumTolerance(3)).isEqualTo(24 * Math.ulp(1.0));
        assertThat(Distribution.sumTolerance(1000)).isEqualTo(1000 * Distribution.sumTolerance(1));
        // a sum off by a few ulps is accepted ...
        Distribution.of(0.5, Math.nextUp(0.5));
        // ... a float32 round trip of 1/3 (off by about 1e-8) is not
        float third = 1.0f / 3.0f;
        assertThatThrownBy(() -> Distribution.of(third, third, third))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tenthsThatSumToOneAsDecimalsAreAccepted() {
        // 0.1 + 0.2 + 0.7 is 0.9999999999999999 in plain double arithmetic
        assertThat(Distribution.of(0.1, 0.2, 0.7).size()).isEqualTo(3);
        assertThat(Distribution.of(0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1).sum()).isEqualTo(1.0);
    }

    @Test
    void normalizeRescalesOnlyWhenAskedAndChecksItsInput() {
        Distribution d = Distribution.normalize(1, 3, 4);
        assertThat(d.toArray()).containsExactly(0.125, 0.375, 0.5);
        assertThatThrownBy(() -> Distribution.normalize(0, 0)).hasMessageContaining("all 2 weights are zero");
        assertThatThrownBy(() -> Distribution.normalize(1, -2)).hasMessageContaining("index 1").hasMessageContaining("-2.0");
        assertThatThrownBy(() -> Distribution.normalize(Double.MAX_VALUE, Double.MAX_VALUE)).hasMessageContaining("overflows");
    }

    @Test
    void fromCountsIsTheEmpiricalDistribution() {
        assertThat(Distribution.fromCounts(1, 1, 2).toArray()).containsExactly(0.25, 0.25, 0.5);
        assertThatThrownBy(() -> Distribution.fromCounts(3, -1)).hasMessageContaining("index 1").hasMessageContaining("-1");
    }

    @Test
    void uniformOneHotAndBernoulliHaveTheirDefiningValues() {
        assertThat(Distribution.uniform(4).toArray()).containsExactly(0.25, 0.25, 0.25, 0.25);
        assertThat(Distribution.oneHot(3, 2).toArray()).containsExactly(0.0, 0.0, 1.0);
        assertThat(Distribution.bernoulli(0.8).toArray()).containsExactly(1.0 - 0.8, 0.8);
        assertThat(Distribution.bernoulli(0.0).toArray()).containsExactly(1.0, 0.0);
        assertThatThrownBy(() -> Distribution.uniform(0)).hasMessageContaining("n = 0");
        assertThatThrownBy(() -> Distribution.oneHot(3, 3)).hasMessageContaining("index 3").hasMessageContaining("3 events");
        assertThatThrownBy(() -> Distribution.bernoulli(1.2)).hasMessageContaining("1.2");
        assertThatThrownBy(() -> Distribution.bernoulli(Double.NaN)).hasMessageContaining("NaN");
    }

    @Test
    void labelsAreForDisplayAndMustBeDistinctAndOnePerEvent() {
        Distribution d = Distribution.of(0.1, 0.4, 0.5).withLabels("red", "green", "blue");
        assertThat(d.labels()).containsExactly("red", "green", "blue");
        assertThat(d.label(1)).isEqualTo("green");
        assertThat(d).hasToString("[red=0.1, green=0.4, blue=0.5]");
        assertThat(Distribution.of(0.5, 0.5).label(1)).isEqualTo("1");
        assertThatThrownBy(() -> d.withLabels("a", "b")).hasMessageContaining("2 labels given for 3 events");
        assertThatThrownBy(() -> d.withLabels("a", "b", "a")).hasMessageContaining("'a' at index 2");
        assertThatThrownBy(() -> d.withLabels("a", " ", "c")).hasMessageContaining("index 1 is blank");
    }

    @Test
    void isImmutable() {
        double[] source = {0.5, 0.5};
        Distribution d = Distribution.of(source);
        source[0] = 0.9;
        d.toArray()[1] = 0.9;
        assertThat(d.toArray()).containsExactly(0.5, 0.5);
        assertThat(d).isEqualTo(Distribution.of(0.5, 0.5)).hasSameHashCodeAs(Distribution.of(0.5, 0.5));
    }

    @Test
    void negativeZeroIsStoredAsZero() {
        assertThat(Double.doubleToRawLongBits(Distribution.of(-0.0, 1.0).probability(0))).isZero();
    }

    @Test
    void checkProbabilitiesNamesTheArrayTheIndexAndTheValue() {
        assertThatThrownBy(() -> Distribution.checkProbabilities("Q", new double[] {0.5, Double.NaN}))
                .hasMessage("Q: probability at index 1 is NaN: NaN");
        assertThatThrownBy(() -> Distribution.checkProbabilities("Q", new double[0])).hasMessageContaining("Q is empty");
    }
}
