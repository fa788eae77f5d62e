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
            // by hand: the value's line break becomes one space
            assertThat(r.err()).isEqualTo("xent: Invalid value for option '--label-smoothing': 'n le'"
                    + " is not a double (see 'xent loss --help')" + System.lineSeparator());
        }
    }
}
