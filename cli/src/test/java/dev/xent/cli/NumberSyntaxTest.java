package dev.xent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The command's one number grammar: the same language as the regular expression that
 * {@code --p} used before it (written out again here as the specification), plus the words NaN,
 * Infinity and inf; the values those of {@link Double#parseDouble} on the same text.
 */
class NumberSyntaxTest {

    /** The decimal grammar as a regular expression: the specification the parser is checked against. */
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern SPECIAL = Pattern.compile("(?i)[+-]?(nan|inf|infinity)");

    @Test
    void acceptsExactlyTheGrammarsStringsOverAnAlphabetOfNearMisses() throws NumberSyntax.NotANumber {
        Random random = new Random(14); // fixed seed: the same strings on every run
        String alphabet = "0123456789.eE+-xXpdDfF nN aAiI tTyY\t,_";
        int accepted = 0;
        for (int i = 0; i < 200_000; i++) {
            StringBuilder b = new StringBuilder();
            int n = random.nextInt(9);
            for (int j = 0; j < n; j++) {
                b.append(alphabet.charAt(random.nextInt(i % 2 == 0 ? 14 : alphabet.length())));
            }
            String s = b.toString();
            boolean decimal = DECIMAL.matcher(s).matches();
            boolean special = SPECIAL.matcher(s).matches();
            assertThat(NumberSyntax.isNumber(s)).as("'%s'", s).isEqualTo(decimal || special);
            if (decimal) {
                accepted++;
                assertThat(NumberSyntax.parse(s)).as(s).isEqualTo(Double.parseDouble(s));
            }
        }
        assertThat(accepted).as("the near misses include many numbers").isGreaterThan(10_000);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2d", "0x1p4", "0x1p-3", "1e-7f", "0x1p-20", " 1", "1 ", "1_000", "0,5", "1e", ".",
        "+", "--1", ".nan", "nan.", "in", "infinit", "NaN1", "١", "1\u00a0"})
    void refusesJavasLiteralSyntaxAndEverythingElse(String text) {
        assertThatThrownBy(() -> NumberSyntax.parse(text)).isInstanceOf(NumberSyntax.NotANumber.class);
    }

    @Test
    void theWordsAreTheSpecialValues() throws NumberSyntax.NotANumber {
        assertThat(NumberSyntax.parse("NaN")).isNaN();
        assertThat(NumberSyntax.parse("-nan")).isNaN();
        assertThat(NumberSyntax.parse("inf")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(NumberSyntax.parse("-Infinity")).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(NumberSyntax.parse("+INF")).isEqualTo(Double.POSITIVE_INFINITY);
    }
}
