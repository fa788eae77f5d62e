package dev.xent.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * README's snippet of a backend's test class is the example project's real test class
 * ({@code examples/third-party-backend}, built and run by its {@code check} script): the region
 * between the {@code README:begin third-party-test} and {@code README:end} markers of that file
 * must appear in README verbatim.
 */
class ThirdPartyExampleTest {

    static final Path TEST_CLASS = Path.of(
            "../examples/third-party-backend/src/test/java/org/example/demo/DemoMeasuresVerificationTest.java");

    @Test
    void readmeShowsTheExampleProjectsTestClassVerbatim() throws IOException {
        List<String> lines = Files.readAllLines(TEST_CLASS, StandardCharsets.UTF_8);
        int begin = lines.indexOf("// README:begin third-party-test");
        int end = lines.indexOf("// README:end third-party-test");
        assertThat(begin).as("markers in %s", TEST_CLASS).isNotNegative();
        assertThat(end).isGreaterThan(begin + 1);
        String snippet = String.join("\n", lines.subList(begin + 1, end)) + "\n";
        assertThat(snippet).contains("extends InformationMeasuresVerification").contains("protected InformationMeasures backend()");
        assertThat(Files.readString(Path.of("../README.md"), StandardCharsets.UTF_8))
                .as("README.md must show the example's test class verbatim").contains(snippet);
    }
}
