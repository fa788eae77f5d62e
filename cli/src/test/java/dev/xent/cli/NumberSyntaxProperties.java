package dev.xent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * {@link NumberSyntax}'s conversion (Clinger's fast path, eight digits at a time, fastdoubleparser
 * for the rest) against the JDK's {@link Double#parseDouble}, correctly rounded by its
 * specification, on the same text: the two must give the same bits. Every text is parsed from
 * the middle of a longer buffer, as the CSV reader parses a field, so the eight-byte reads see
 * bytes that are not part of the number.
 */
class NumberSyntaxProperties {

    /** A fixed seed, so a failure is the same on every run. */
    private static final long SEED = 20261202L;

    private static final int EXAMPLES = 20_000;

    /** Parses {@code text} as a CSV field in the middle of a line of other fields. */
    private static double parsedAsAField(String text) throws NumberSyntax.NotANumber {
        byte[] line = ("0.5," + text + ",0.123456789012345678,7\n").getBytes(StandardCharsets.US_ASCII);
        return NumberSyntax.parse(line, 4, 4 + text.length());
    }

    private static void agreesWithTheJdk(String text) {
        double expected = Double.parseDouble(text);
        try {
            assertThat(Double.doubleToRawLongBits(parsedAsAField(text)))
                    .as("%s: expected %s", text, expected)
                    .isEqualTo(Double.doubleToRawLongBits(expected));
            assertThat(Double.doubleToRawLongBits(NumberSyntax.parse(text))).as(text)
                    .isEqualTo(Double.doubleToRawLongBits(expected));
        } catch (NumberSyntax.NotANumber e) {
            throw new AssertionError(text + " was refused", e);
        }
    }

    /** Any finite double, its bits uniform (so every exponent, subnormals and ±0 included). */
    private static Gen<Double> finiteDoubles() {
        return longs().all().map(Double::longBitsToDouble).assuming(Double::isFinite);
    }

    /** Python's {@code repr} of a double: the shortest digits, scientific below 1e-4 or from 1e16. */
    static String pythonRepr(double d) {
        BigDecimal shortest = new BigDecimal(Double.toString(Math.abs(d))).stripTrailingZeros();
        String sign = d < 0 || (d == 0 && 1 / d < 0) ? "-" : "";
        if (d == 0) {
            return sign + "0.0";
        }
        String digits = shortest.unscaledValue().toString();
        int exponent = digits.length() - 1 - shortest.scale();
        if (exponent < -4 || exponent >= 16) {
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            return String.format(Locale.ROOT, "%s%se%s%02d", sign, mantissa, exponent < 0 ? "-" : "+",
                    Math.abs(exponent));
        }
        String plain = shortest.toPlainString();
        return sign + (plain.contains(".") ? plain : plain + ".0");
    }

    @Test
    void theShortestTextOfAnyDoubleParsesBackToTheSameBits() {
        qt().withFixedSeed(SEED).withExamples(EXAMPLES).forAll(finiteDoubles())
                .checkAssert(d -> agreesWithTheJdk(Double.toString(d)));
    }

    @Test
    void pythonStyleReprsLike1eMinus05ParseAsTheJdkParsesThem() {
        assertThat(pythonRepr(1e-5)).isEqualTo("1e-05");
        assertThat(pythonRepr(0.1)).isEqualTo("0.1");
        assertThat(pythonRepr(1e16)).isEqualTo("1e+16");
        qt().withFixedSeed(SEED).withExamples(EXAMPLES).forAll(finiteDoubles())
                .checkAssert(d -> agreesWithTheJdk(pythonRepr(d)));
    }

    @Test
    void probabilitiesAsPandasWritesThemParseAsTheJdkParsesThem() {
        qt().withFixedSeed(SEED).withExamples(EXAMPLES).forAll(doubles().between(0, 1))
                .checkAssert(d -> agreesWithTheJdk(pythonRepr(d)));
    }

    @Test
    void decimalsOfOneToTwentySignificantDigitsAndAnyExponentAreCorrectlyRounded() {
        Gen<String> decimals = integers().between(1, 20).zip(longs().all(), integers().between(-360, 330),
                integers().between(0, 3), (digits, bits, exponent, form) -> {
                    StringBuilder b = new StringBuilder();
                    String pool = Long.toUnsignedString(bits) + Long.toUnsignedString(bits * 31 + 7);
                    b.append(pool, 0, Math.min(digits, pool.length()));
                    switch (form) {
                        case 0:
                            return b + "e" + exponent;
                        case 1:
                            return b.insert(Math.min(1, b.length()), '.') + "E" + exponent;
                        case 2:
                            return "0." + b;
                        default:
                            return "-." + b + "e+" + Math.abs(exponent);
                    }
                });
        qt().withFixedSeed(SEED).withExamples(EXAMPLES).forAll(decimals).checkAssert(
                NumberSyntaxProperties::agreesWithTheJdk);
    }

    @Test
    void halfwayCasesBetweenNeighbouringDoublesRoundToEven() {
        // the exact midpoint of d and its successor: the text of a tie, 17 to 770 digits long
        qt().withFixedSeed(SEED).withExamples(2_000).forAll(
                longs().between(1, Double.doubleToRawLongBits(Math.nextDown(Double.MAX_VALUE)))
                        .map(Double::longBitsToDouble))
                .checkAssert(d -> {
                    BigDecimal mid = new BigDecimal(d).add(new BigDecimal(Math.nextUp(d)))
                            .divide(BigDecimal.valueOf(2));
                    String text = mid.toString();
                    agreesWithTheJdk(text);
                    // and either side of the tie, by one unit in the last digit
                    BigDecimal unit = BigDecimal.ONE.movePointLeft(mid.scale());
                    agreesWithTheJdk(mid.add(unit).toString());
                    agreesWithTheJdk(mid.subtract(unit).toString());
                });
    }

    @Test
    void theBoundariesOfTheDoubles() throws NumberSyntax.NotANumber {
        for (String text : new String[] {
            "4.9e-324", "4.9406564584124654e-324", "2.4703282292062328e-324", "2.4703282292062327e-324",
            "1e-400", "2.2250738585072014e-308", "2.225073858507201e-308", "1.7976931348623157e308",
            "1.7976931348623158e308", "1.7976931348623159e308", "9007199254740993", "9007199254740992",
            "0.1", "0.30000000000000004", "123456789012345678", "1234567890123456789", "0.000001",
            "0.12345678", "0.123456789", "1.", ".5", "5e22", "5e23", "-0.0", "0e999999999",
            "000000000000000000000000001.5", "0.0000000000000000000000000000000000001",
        }) {
            agreesWithTheJdk(text);
        }
        // 2^-1074, the smallest subnormal, written exactly
        agreesWithTheJdk(new BigDecimal(Double.MIN_VALUE).toString());
        agreesWithTheJdk(new BigDecimal(Double.MAX_VALUE).toPlainString());
        // past the largest double: infinite, as IEEE rounding (and Double.parseDouble) gives;
        // the loss then refuses it as a probability, with its position
        assertThat(NumberSyntax.parse("1e309")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(NumberSyntax.parse("-1.8e308")).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(NumberSyntax.parse("1e99999999999")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(NumberSyntax.parse("1e-99999999999")).isEqualTo(0.0);
    }

    @Test
    void whatTheGrammarRefusesIsRefusedInsideALineToo() {
        for (String text : new String[] {"0x1p4", "2d", "1e-7f", " 1", "1 ", "1_000", "0,5", "1e", "e5", ".", "-",
            "0.12345678x", "0.1234567 ", "12345678a", "Infinityx", "1e+"}) {
            byte[] line = ("0.5," + text + ",0.1\n").getBytes(StandardCharsets.US_ASCII);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> NumberSyntax.parse(line, 4, 4 + text.length()))
                    .as(text).isInstanceOf(NumberSyntax.NotANumber.class);
        }
    }
}
