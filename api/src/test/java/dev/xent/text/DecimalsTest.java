package dev.xent.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class DecimalsTest {

    /**
     * Expected digits from Python 3's repr (the shortest round-tripping decimal), run for this
     * test: {@code python3 -c "print(repr(v))"}; Python writes 1e+22 / 4.35e-05 / 123456789.0, xent
     * switches to the exponent form at 1e7 and drops a trailing ".0".
     */
    @ParameterizedTest
    @CsvSource({
        "0.1, 0.1",
        "0.30000000000000004, 0.30000000000000004",
        "0.3333333333333333, 0.3333333333333333",
        "1e-300, 1e-300",
        "4.9e-324, 5e-324",
        "1.7976931348623157e308, 1.7976931348623157e+308",
        "123456789.0, 1.23456789e+08",
        "9999999.999, 9999999.999",
        "0.001, 0.001",
        "0.000999, 9.99e-04",
        "1e22, 1e+22",
        "1e23, 1e+23",
        "4.35e-5, 4.35e-05",
        "1.152921504606846976e18, 1.152921504606847e+18",
        "9.805612959471341e-14, 9.805612959471341e-14",
        "-2.5, -2.5",
        // ties and lopsided intervals (issue 14): the closest of the shortest, as Python's repr
        "924503322179080.2, 9.245033221790802e+14",
        "7.191327502719182e14, 7.191327502719182e+14",
        "1e-323, 1e-323",
        "1.5e-323, 1.5e-323",
        "2.2250738585072014e-308, 2.2250738585072014e-308",
        "9007199254740993, 9.007199254740992e+15",
        "8.98846567431158e307, 8.98846567431158e+307",
        "3, 3",
    })
    void exactIsTheShortestDecimalThatRoundTrips(double value, String expected) {
        assertThat(Decimals.shortest(value)).isEqualTo(expected);
        assertThat(Double.parseDouble(Decimals.shortest(value))).isEqualTo(value);
    }

    @Test
    void specialValuesAreSpelledOut() {
        assertThat(Decimals.shortest(Double.POSITIVE_INFINITY)).isEqualTo("Infinity");
        assertThat(Decimals.shortest(Double.NEGATIVE_INFINITY)).isEqualTo("-Infinity");
        assertThat(Decimals.shortest(Double.NaN)).isEqualTo("NaN");
        assertThat(Decimals.shortest(-0.0)).isEqualTo("0");
    }

    @Test
    void fixedIsCsPercentF() {
        assertThat(Decimals.fixed(3.2879430945989, 3)).isEqualTo("3.288");
        assertThat(Decimals.fixed(0.24691989080446483, 3)).isEqualTo("0.247");
        assertThat(Decimals.fixed(Double.POSITIVE_INFINITY, 3)).isEqualTo("Infinity");
    }
}
