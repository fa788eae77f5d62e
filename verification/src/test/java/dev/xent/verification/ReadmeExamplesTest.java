package dev.xent.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.xent.Backends;
import dev.xent.Distribution;
import dev.xent.InformationMeasures;
import dev.xent.LogBase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Java examples of README.md live here, between {@code README:begin} and {@code README:end}
 * markers; this test runs them and checks that README shows them verbatim, so the documentation
 * cannot drift from code that compiles and runs.
 */
class ReadmeExamplesTest {

    @Test
    void theQuickExampleComputesTheTutorialsNumbers() {
        // README:begin quick-example
        Distribution p = Distribution.of(0.10, 0.40, 0.50).withLabels("red", "green", "blue");
        Distribution q = Distribution.of(0.80, 0.15, 0.05).withLabels("red", "green", "blue");

        InformationMeasures xent = Backends.defaultBackend();      // "commons", unless -Dxent.backend=ID
        double hpq = xent.crossEntropy(p, q, LogBase.BITS);        // 3.2879430945989 bits
        double hp = xent.entropy(p, LogBase.BITS);                 // 1.360964047443681 bits
        double kl = xent.klDivergence(p, q, LogBase.BITS);         // 1.9269790471552186 bits
        double nats = LogBase.BITS.convert(hpq, LogBase.NATS);     // 2.2790 nats

        InformationMeasures naive = Backends.byId("naive");        // pick one by id
        double label = naive.entropy(Distribution.oneHot(3, 1), LogBase.BITS);  // exactly 0.0
        // README:end quick-example

        assertThat(hpq).isCloseTo(3.2879430945989, within(1e-12));
        assertThat(hp).isCloseTo(1.360964047443681, within(1e-12));
        assertThat(kl).isCloseTo(1.9269790471552186, within(1e-12));
        assertThat(nats).isCloseTo(3.2879430945989 * Math.log(2), within(1e-12));
        assertThat(label).isEqualTo(0.0);
    }

    @Test
    void readmeShowsEveryMarkedExampleVerbatim() throws IOException {
        Path here = Path.of("src/test/java/dev/xent/verification/ReadmeExamplesTest.java");
        String readme = Files.readString(Path.of("../README.md"), StandardCharsets.UTF_8);
        List<String> snippets = snippets(Files.readAllLines(here, StandardCharsets.UTF_8));
        assertThat(snippets).isNotEmpty();
        for (String snippet : snippets) {
            assertThat(readme).as("README.md must contain this example verbatim").contains(snippet);
        }
    }

    /** The marked regions, with the method body's 8-space indentation removed. */
    static List<String> snippets(List<String> lines) {
        List<String> result = new ArrayList<>();
        StringBuilder current = null;
        for (String line : lines) {
            if (line.strip().startsWith("// README:begin")) {
                current = new StringBuilder();
            } else if (line.strip().startsWith("// README:end") && current != null) {
                result.add(current.toString());
                current = null;
            } else if (current != null) {
                current.append(line.length() >= 8 ? line.substring(8) : line.strip()).append('\n');
            }
        }
        return result;
    }
}
