package dev.xent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LogBaseTest {

    @Test
    void namedBasesHaveTheirUnits() {
        assertThat(LogBase.of(2)).isSameAs(LogBase.BITS);
        assertThat(LogBase.of(Math.E)).isSameAs(LogBase.NATS);
        assertThat(LogBase.of(10)).isSameAs(LogBase.BANS);
        assertThat(LogBase.BITS.unit()).isEqualTo("bits");
        assertThat(LogBase.NATS).hasToString("nats (base e)");
        assertThat(LogBase.of(3).unit()).isEqualTo("log3.0 units");
    }

    @Test
    void baseOneAndImpossibleBasesAreRejected() {
        assertThatThrownBy(() -> LogBase.of(1)).hasMessageContaining("base 1");
        for (double bad : new double[] {0, -2, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> LogBase.of(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(String.valueOf(bad));
        }
    }

    @Test
    void parsesUnitsAndBases() {
        assertThat(LogBase.parse("bits")).isSameAs(LogBase.BITS);
        assertThat(LogBase.parse("E")).isSameAs(LogBase.NATS);
        assertThat(LogBase.parse("hartleys")).isSameAs(LogBase.BANS);
        assertThat(LogBase.parse("4").base()).isEqualTo(4.0);
        assertThatThrownBy(() -> LogBase.parse("furlongs")).hasMessageContaining("furlongs");
        assertThatThrownBy(() -> LogBase.parse("1")).hasMessageContaining("base 1");
    }

    @Test
    void convertsByTheChangeOfBaseRule() {
        // 1 nat = 1/ln 2 bits = 1.4426950408889634 bits
        assertThat(LogBase.NATS.convert(1.0, LogBase.BITS)).isCloseTo(1.4426950408889634, within(1e-15));
        assertThat(LogBase.BITS.convert(1.0, LogBase.NATS)).isCloseTo(0.6931471805599453, within(1e-16));
        // 1 ban = log2(10) bits = 3.321928094887362
        assertThat(LogBase.BANS.convert(1.0, LogBase.BITS)).isCloseTo(3.321928094887362, within(1e-15));
        assertThat(LogBase.BITS.log(8)).isCloseTo(3.0, within(1e-15));
        assertThat(LogBase.BITS.fromNats(Double.POSITIVE_INFINITY)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(LogBase.NATS.fromNats(0.25)).isEqualTo(0.25);
    }
}
