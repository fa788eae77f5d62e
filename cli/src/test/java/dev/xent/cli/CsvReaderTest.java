package dev.xent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link CsvReader}'s number parsing against the JDK's {@link Double#parseDouble} (a second,
 * independent implementation of correctly rounded decimal conversion), and its strict syntax.
 */
class CsvReaderTest {

    private static CsvReader reader(String csv) throws IOException {
        CsvReader r = new CsvReader(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "t.csv");
        assertThat(r.next()).isTrue();
        return r;
    }

    private static double parse(String field) throws IOException {
        return reader(field + "\n").number(0);
    }

    @Test
    void decimalsParseToTheSameDoubleAsTheJdk() throws IOException {
        Random random = new Random(20261124L); // fixed seed: the same cases on every run
        for (int i = 0; i < 20_000; i++) {
            String text;
            switch (i % 4) {
                case 0 -> text = String.format(Locale.ROOT, "%.6f", random.nextDouble());
                case 1 -> text = Double.toString(random.nextDouble());          // up to 17 digits: slow path
                case 2 -> text = String.format(Locale.ROOT, "%.9e", random.nextDouble() * Math.pow(10, random.nextInt(60) - 30));
                default -> text = (random.nextBoolean() ? "-" : "") + random.nextInt(1_000_000) + "."
                        + random.nextInt(1000) + "E" + (random.nextInt(50) - 25);
            }
            assertThat(parse(text)).as(text).isEqualTo(Double.parseDouble(text));
        }
    }

    @Test
    void edgeCasesOfTheSyntax() throws IOException {
        assertThat(parse(".5")).isEqualTo(0.5);
        assertThat(parse("5.")).isEqualTo(5.0);
        assertThat(parse("+1e-3")).isEqualTo(0.001);
        assertThat(parse("0.000000000000000000000000000001")).isEqualTo(1e-30);
        assertThat(parse("123456789012345678901234567890")).isEqualTo(1.2345678901234568e29);
        assertThat(parse("1e400")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(parse("1e-400")).isEqualTo(0.0);
        assertThat(Double.doubleToRawLongBits(parse("-0"))).isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(parse("NaN")).isNaN();
        assertThat(parse("-inf")).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(parse("Infinity")).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " 1", "1 ", "1d", "0x1p3", "1e", "1e+", ".", "-", "1.2.3", "1,5", "one", "--1"})
    void anythingElseIsNotANumber(String text) {
        String csv = "a,\"" + text + "\"\n";
        assertThatThrownBy(() -> reader(csv).number(1)).isInstanceOf(InputException.class)
                .hasMessage("t.csv:1:3: '" + text + "' is not a number");
    }

    @Test
    void columnsCountCharactersNotBytes() throws IOException {
        CsvReader r = reader("é,ü,x\n");
        assertThatThrownBy(() -> r.number(2)).hasMessage("t.csv:1:5: 'x' is not a number");
    }
}
