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
        return java(cwd, null, args);
    }

    /** Runs the jar in a JVM with the Vector API, as {@code ./xent} does by default. */
    private static Result javaWithVectorApi(Path cwd, String... args) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(List.of("--add-modules", "jdk.incubator.vector"));
        all.addAll(List.of(args));
        return java(cwd, null, true, all.toArray(new String[0]));
    }

    /** Runs the jar in {@code cwd}, standard input from {@code stdin} (or none when null). */
    private static Result java(Path cwd, Path stdin, String... args) throws IOException, InterruptedException {
        return java(cwd, stdin, false, args);
    }

    /** With {@code jvmOptions}, the first two arguments are one JVM option and its value. */
    private static Result java(Path cwd, Path stdin, boolean jvmOptions, String... args)
            throws IOException, InterruptedException {
        String jar = System.getProperty("xent.jar");
        assertThat(jar).as("system property xent.jar (set by the POM)").isNotNull();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        List<String> rest = new ArrayList<>(List.of(args));
        if (jvmOptions) {
            command.addAll(rest.subList(0, 2));
            rest = rest.subList(2, rest.size());
        }
        command.addAll(List.of("-jar", jar));
        command.addAll(rest);
        Path out = Files.createTempFile("xent-out", ".txt");
        Path err = Files.createTempFile("xent-err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(cwd.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        if (stdin != null) {
            builder.redirectInput(stdin.toFile());
        }
        Process p = builder.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("xent finished").isTrue();
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void theJarFindsAllFourBackends(@TempDir Path cwd) throws Exception {
        Result r = java(cwd, "backends", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().lines().map(l -> l.replaceAll("^\\{\"id\": \"([a-z]+)\".*", "$1")).toList())
                .containsExactly("commons", "kl", "naive", "vector");
        // without the Vector API, 'vector' runs in its scalar mode: every backend is available
        assertThat(r.out().lines().filter(l -> l.contains("\"available\": false")).toList()).isEmpty();
    }

    @Test
    void withTheVectorApiTheVectorBackendComputesAndIsTheDefault(@TempDir Path cwd) throws Exception {
        Result r = javaWithVectorApi(cwd, "backends");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).doesNotContain("unavailable").contains("* vector ");
        // TUTORIAL.md: H(P, Q) = 3.2879430945989 bits
        Result ce = javaWithVectorApi(cwd, "cross-entropy", "--p", "0.1,0.4,0.5", "--q", "0.8,0.15,0.05",
                "--backend", "vector");
        assertThat(ce.code()).as(ce.err()).isZero();
        assertThat(ce.out()).startsWith("H(P, Q) = 3.28794309459").endsWith("bits  [vector]\n");
    }

    @Test
    void theJarComputesWithEveryBackend(@TempDir Path cwd) throws Exception {
        Result r = java(cwd, "cross-entropy", "--p", "0.1,0.4,0.5", "--q", "0.8,0.15,0.05", "--backend", "all");
        assertThat(r.code()).as(r.err()).isZero();
        // TUTORIAL.md: H(P, Q) = 3.2879430945989 bits; 14 digits leave room for the backends' last ulp
        assertThat(r.out().lines().toList()).hasSize(4).allMatch(l -> l.startsWith("H(P, Q) = 3.28794309459"));
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

    @Test
    void theJarComputesTheLogLossOfAFileAndOfStandardInput(@TempDir Path cwd) throws Exception {
        Path csv = Files.writeString(cwd.resolve("t.csv"), LossCommandTest.TUTORIAL_CSV);
        Result file = java(cwd, "loss", "t.csv", "--json", "--backend", "all");
        assertThat(file.code()).as(file.err()).isZero();
        assertThat(file.err()).as("no progress line when stderr is not a terminal").isEmpty();
        // mpmath: the tutorial's mean 0.24691989080446482175; 15 digits leave room for the last ulp
        assertThat(file.out().lines().toList()).hasSize(4)
                .allMatch(l -> l.startsWith("{\"measure\": \"log_loss\", \"value\": 0.246919890804464"));
        Result stdin = java(cwd, csv, "loss", "-");
        assertThat(stdin.code()).as(stdin.err()).isZero();
        assertThat(stdin.out()).startsWith("log loss (mean cross-entropy) = 0.246919890804464");
        Files.writeString(cwd.resolve("bad.csv"), "label,p\n1,0.8\n1,0,8\n");
        Result bad = java(cwd, "loss", "bad.csv");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).isEqualTo("xent: bad.csv:3:5: this row has 3 fields, the header has 2"
                + System.lineSeparator());
    }
}
