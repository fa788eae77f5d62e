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

    /**
     * README's first snippet is the BOM consumer's {@code Example} class, which that project (built
     * by CI against the staging repository, with only xent-api and xent-impl-commons) runs and
     * checks in its {@code ExampleTest}.
     */
    static final Path USE_IT = Path.of("../examples/bom-consumer/src/main/java/example/Example.java");

    @Test
    void readmeShowsTheExampleProjectsTestClassVerbatim() throws IOException {
        String snippet = snippet(TEST_CLASS, "third-party-test");
        assertThat(snippet).contains("extends InformationMeasuresVerification").contains("protected InformationMeasures backend()");
        assertThat(Files.readString(Path.of("../README.md"), StandardCharsets.UTF_8))
                .as("README.md must show the example's test class verbatim").contains(snippet);
        String theClass = snippet.substring(snippet.indexOf("class DemoMeasuresVerificationTest"));
        assertThat(Files.readString(Path.of("../docs/verification.md"), StandardCharsets.UTF_8))
                .as("docs/verification.md must show the example's test class verbatim").contains(theClass);
    }

    @Test
    void readmeShowsTheBomConsumersExampleVerbatim() throws IOException {
        String snippet = snippet(USE_IT, "use-it");
        assertThat(snippet).contains("import dev.xent.Backends;").contains("Backends.defaultBackend()");
        assertThat(Files.readString(Path.of("../README.md"), StandardCharsets.UTF_8))
                .as("README.md must show examples/bom-consumer's Example.java verbatim").contains(snippet);
    }

    private static String snippet(Path file, String name) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        int begin = lines.indexOf("// README:begin " + name);
        int end = lines.indexOf("// README:end " + name);
        assertThat(begin).as("markers in %s", file).isNotNegative();
        assertThat(end).isGreaterThan(begin + 1);
        return String.join("\n", lines.subList(begin + 1, end)) + "\n";
    }
}
