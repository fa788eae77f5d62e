package dev.xent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void jsonWritesNonFiniteNumbersAsStringsAndEscapesText() {
        String json = new Json().put("a", 1.5).put("b", Double.POSITIVE_INFINITY)
                .put("c", Double.NaN).put("d", "q\"uo\\te\n\u0001").put("e", true).put("f", 7L).toString();
        assertThat(json).isEqualTo(
                "{\"a\": 1.5, \"b\": \"Infinity\", \"c\": \"NaN\", \"d\": \"q\\\"uo\\\\te\\n\\u0001\", "
                        + "\"e\": true, \"f\": 7}");
    }
}
