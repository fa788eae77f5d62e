package dev.xent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged fat jar, run as a separate {@code java -jar} process (Failsafe, after
 * {@code package}): the shade configuration must keep all three backends' service registrations,
 * the manifest's main class, and a working headless chart renderer.
 */
class PackagedJarIT {

    private record Result(int code, String out, String err) {
    }

    private static Result java(Path cwd, String... args) throws IOException, InterruptedException {
        String jar = System.getProperty("xent.jar");
        assertThat(jar).as("system property xent.jar (set by the POM)").isNotNull();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("xent-out", ".txt");
        Path err = Files.createTempFile("xent-err", ".txt");
        Process p = new ProcessBuilder(command).directory(cwd.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("xent finished").isTrue();
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void theJarFindsAllThreeBackends(@TempDir Path cwd) throws Exception {
        Result r = java(cwd, "backends", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().lines().map(l -> l.replaceAll("^\\{\"id\": \"([a-z]+)\".*", "$1")).toList())
                .containsExactly("commons", "kl", "naive");
    }

    @Test
    void theJarComputesWithEveryBackend(@TempDir Path cwd) throws Exception {
        Result r = java(cwd, "cross-entropy", "--p", "0.1,0.4,0.5", "--q", "0.8,0.15,0.05", "--backend", "all");
        assertThat(r.code()).as(r.err()).isZero();
        // TUTORIAL.md: H(P, Q) = 3.2879430945989 bits; 14 digits leave room for the backends' last ulp
        assertThat(r.out().lines().toList()).hasSize(3).allMatch(l -> l.startsWith("H(P, Q) = 3.28794309459"));
    }

    @Test
    void theJarRunsTheTourAndDrawsItsCharts(@TempDir Path cwd) throws Exception {
        Result r = java(cwd, "tour");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().lines().toList()).containsAll(TourTest.TUTORIAL_LINES);
        for (String name : List.of("p.png", "q.png", "ce-vs-prediction.png", "ce-vs-prediction-with-extreme.png")) {
            Path png = cwd.resolve("xent-tour").resolve(name);
            assertThat(ImageIO.read(png.toFile())).as(name).isNotNull();
        }
    }

    @Test
    void theJarReportsBadInputOnOneLineWithExitCodeTwo(@TempDir Path cwd) throws Exception {
        Files.writeString(cwd.resolve("p.txt"), "0.5\nhalf\n");
        Result r = java(cwd, "entropy", "--p-file", "p.txt");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("xent: p.txt:2: 'half' is not a number" + System.lineSeparator());
    }
}
