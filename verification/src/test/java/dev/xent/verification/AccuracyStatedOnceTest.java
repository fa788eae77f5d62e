package dev.xent.verification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xent.Backends;
import dev.xent.InformationMeasures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * A bound is stated once, in code ({@link InformationMeasures#accuracy()}), and every other place
 * that states it is checked against that: each bundled backend's class javadoc and README's table
 * of backends must show {@code accuracy().toString()} verbatim (in README with {@code |} escaped as
 * {@code \|}, as a Markdown table cell needs).
 */
class AccuracyStatedOnceTest {

    private static List<InformationMeasures> bundled() {
        List<InformationMeasures> all = new ArrayList<>(Backends.all());
        all.addAll(Backends.unavailable());
        assertThat(all).extracting(InformationMeasures::id).containsExactlyInAnyOrder("commons", "kl", "naive", "vector");
        return all;
    }

    /** The backend's source file, found among ../impl-NAME/src/main/java (the working directory is verification/). */
    private static Path source(InformationMeasures b) throws IOException {
        String relative = "src/main/java/" + b.getClass().getName().replace('.', '/') + ".java";
        try (Stream<Path> modules = Files.list(Path.of(".."))) {
            List<Path> found = modules.filter(m -> m.getFileName().toString().startsWith("impl-"))
                    .map(m -> m.resolve(relative)).filter(Files::isRegularFile).collect(Collectors.toList());
            assertThat(found).as("the source of %s", b.getClass().getName()).hasSize(1);
            return found.get(0);
        }
    }

    /** The class javadoc: the last comment before the class declaration. */
    private static String classJavadoc(String source, String simpleName) {
        int declaration = source.indexOf("public final class " + simpleName);
        assertThat(declaration).as("the declaration of %s", simpleName).isPositive();
        int start = source.lastIndexOf("/**", declaration);
        return source.substring(start, declaration);
    }

    @TestFactory
    Stream<DynamicTest> theClassJavadocStatesTheDeclaredAccuracy() {
        return bundled().stream().map(b -> DynamicTest.dynamicTest("[" + b.id() + "] class javadoc", () -> {
            String javadoc = classJavadoc(Files.readString(source(b), StandardCharsets.UTF_8),
                    b.getClass().getSimpleName());
            assertThat(javadoc).as("the class javadoc of %s must state accuracy().toString()", b.getClass().getName())
                    .contains(b.accuracy().toString());
        }));
    }

    @TestFactory
    Stream<DynamicTest> readmesTableOfBackendsStatesTheDeclaredAccuracy() throws IOException {
        List<String> readme = Files.readAllLines(Path.of("../README.md"), StandardCharsets.UTF_8);
        return bundled().stream().map(b -> DynamicTest.dynamicTest("[" + b.id() + "] README", () -> {
            List<String> rows = readme.stream().filter(l -> l.startsWith("| `" + b.id() + "` |"))
                    .collect(Collectors.toList());
            assertThat(rows).as("README's table of backends has one row for %s", b.id()).hasSize(1);
            assertThat(rows.get(0)).contains(b.accuracy().toString().replace("|", "\\|"));
        }));
    }
}
