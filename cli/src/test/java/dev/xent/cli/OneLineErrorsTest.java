package dev.xent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A usage error is one line on stderr even when the bad value holds a line break of any kind
 * (found by {@link LossCommandFuzzTest}: a carriage return in an option's value made two lines).
 */
class OneLineErrorsTest {

    @Test
    void aCarriageReturnInAnOptionValueStaysOnOneLine() {
        for (String bad : new String[] {"n\rle", "n\r\nle", "n\u2028le", "n\u0085le", "n\nle"}) {
            Run r = Run.xent("loss", "f.csv", "--label-smoothing", bad);
            assertThat(r.code()).isEqualTo(2);
            // one line: the value's line break is escaped (\\r, \\n, \\u2028 …) or folded, never printed
            String line = r.err().substring(0, r.err().length() - System.lineSeparator().length());
            assertThat(r.err()).endsWith(System.lineSeparator());
            assertThat(line).doesNotContain("\r", "\n", "\u2028", "\u0085")
                    .startsWith("xent: Invalid value for option '--label-smoothing': 'n")
                    .endsWith("(see 'xent loss --help')");
        }
    }
}
