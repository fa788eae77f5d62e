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

    /**
     * The reader's UTF-8 check by hand against the JDK's strict decoder (CodingErrorAction.REPORT),
     * on random byte strings built to hit every row of RFC 3629's table: ASCII, valid sequences of
     * 2 to 4 bytes, overlong forms, surrogates, code points above U+10FFFF, stray continuation
     * bytes and truncated sequences. Both must accept the same strings, decode them to the same
     * text, and refuse the others at the same byte.
     */
    @Test
    void theUtf8CheckAgreesWithTheJdksStrictDecoder() throws IOException {
        Random random = new Random(2026_12_02L); // fixed seed: the same strings on every run
        int[][] pieces = {
            {'a'}, {'Z'}, {0xC3, 0xA9}, {0xE2, 0x82, 0xAC}, {0xF0, 0x9F, 0x98, 0x80}, {0xF4, 0x8F, 0xBF, 0xBF},
            {0xC0, 0x80}, {0xC1, 0xBF}, {0xE0, 0x80, 0x80}, {0xE0, 0xA0, 0x80}, {0xED, 0xA0, 0x80},
            {0xED, 0x9F, 0xBF}, {0xF0, 0x80, 0x80, 0x80}, {0xF4, 0x90, 0x80, 0x80}, {0xF5, 0x80, 0x80, 0x80},
            {0x80}, {0xBF}, {0xC3}, {0xE2, 0x82}, {0xF0, 0x9F, 0x98}, {0xFF}, {0xFE}, {0xEF, 0xBF, 0xBD},
        };
        int refused = 0;
        for (int i = 0; i < 20_000; i++) {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            int n = 1 + random.nextInt(6);
            for (int j = 0; j < n; j++) {
                int[] piece = pieces[random.nextInt(i % 2 == 0 ? 6 : pieces.length)];
                for (int b : piece) {
                    bytes.write(b);
                }
            }
            byte[] field = bytes.toByteArray();
            java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(field);
            java.nio.CharBuffer out = java.nio.CharBuffer.allocate(field.length);
            java.nio.charset.CoderResult r = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT).decode(in, out, true);
            byte[] line = new byte[field.length + 3];
            line[0] = 'x';
            line[1] = ',';
            System.arraycopy(field, 0, line, 2, field.length);
            line[line.length - 1] = '\n';
            CsvReader csv = new CsvReader(new ByteArrayInputStream(line), "t.csv");
            if (r.isError()) {
                refused++;
                int at = in.position();
                out.flip();
                int column = 3 + out.toString().codePointCount(0, out.length());
                String expected = String.format(Locale.ROOT, "t.csv:1:%d: not UTF-8 at byte offset %d (byte 0x%02X)",
                        column, 2 + at, field[at] & 0xFF);
                assertThatThrownBy(csv::next).as("%s", java.util.HexFormat.ofDelimiter(" ").formatHex(field))
                        .isInstanceOf(InputException.class).message().startsWith(expected);
            } else {
                assertThat(csv.next()).isTrue();
                out.flip();
                assertThat(csv.text(1)).isEqualTo(out.toString());
            }
        }
        assertThat(refused).as("both outcomes occur often").isBetween(5_000, 15_000);
    }

    @Test
    void columnsCountCharactersNotBytes() throws IOException {
        CsvReader r = reader("é,ü,x\n");
        assertThatThrownBy(() -> r.number(2)).hasMessage("t.csv:1:5: 'x' is not a number");
    }
}
