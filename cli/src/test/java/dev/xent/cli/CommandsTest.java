package dev.xent.cli;

import dev.xent.text.Decimals;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End-to-end tests of the measure commands and {@code backends}, in-process.
 *
 * <p>Expected values: the tutorial's exact doubles (TUTORIAL.md) and, for other units,
 * mpmath at 40 digits run for this test, e.g. {@code -sum(p*log(p))} for P = [0.1, 0.4, 0.5] is
 * 0.94334839232903924918 nats. A printed value must be within {@link #RELATIVE} of it: the
 * backends differ by a few ulps and the decimal P differs from the double P by 1 ulp.
 */
class CommandsTest {

    /** A few ulps of a double, relative: what three backends and a units conversion may differ by. */
    private static final double RELATIVE = 1e-14;

    private static final String P = "0.1,0.4,0.5";
    private static final String Q = "0.8,0.15,0.05";

    /** The one value printed in a text line {@code SYMBOL = VALUE UNIT  [BACKEND]}. */
    private static double textValue(String out, String symbol, String unit, String backend) {
        Matcher m = Pattern.compile(Pattern.quote(symbol) + " = (\\S+) " + Pattern.quote(unit)
                + "  \\[" + backend + "\\]").matcher(out);
        assertThat(m.find()).as("a line '%s = … %s  [%s]' in:%n%s", symbol, unit, backend, out).isTrue();
        return Double.parseDouble(m.group(1));
    }

    private static void assertClose(double actual, double expected) {
        assertThat(actual).isCloseTo(expected, within(Math.abs(expected) * RELATIVE));
    }

    @Test
    void crossEntropyInBitsByDefaultIsTheTutorialsValue() {
        Run r = Run.xent("cross-entropy", "--p", P, "--q", Q);
        assertThat(r.code()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out().lines()).hasSize(1);
        assertClose(textValue(r.out(), "H(P, Q)", "bits", "vector"), 3.2879430945989);
    }

    @Test
    void everyBackendAnswersWithBackendAll() {
        Run r = Run.xent("kl", "--p", P, "--q", Q, "--backend", "all");
        assertThat(r.code()).isZero();
        for (String id : List.of("commons", "kl", "naive", "vector")) {
            assertClose(textValue(r.out(), "KL(P || Q)", "bits", id), 1.9269790471552186);
        }
    }

    @Test
    void entropyInEveryUnitAndBase() {
        assertClose(textValue(Run.xent("entropy", "--p", P, "--unit", "nats").out(), "H(P)", "nats", "vector"),
                0.94334839232903924918);
        assertClose(textValue(Run.xent("entropy", "--p", P, "--base", "e").out(), "H(P)", "nats", "vector"),
                0.94334839232903924918);
        assertClose(textValue(Run.xent("entropy", "--p", P, "--base", "10").out(), "H(P)", "bans", "vector"),
                0.40969100130080564144);
        assertClose(textValue(Run.xent("entropy", "--p", P, "--base", "2", "--backend", "naive").out(),
                "H(P)", "bits", "naive"), 1.360964047443681);
        assertClose(textValue(Run.xent("entropy", "--p", P, "--base", "3").out(), "H(P)", "log3.0 units",
                "vector"), 0.85867271107325507102);
    }

    @Test
    void normalizeRescalesWeightsOnlyWhenAsked() {
        // counts 1, 1, 2 are the distribution (1/4, 1/4, 1/2): H = 2·(1/4)·2 + (1/2)·1 = 1.5 bits
        assertClose(textValue(Run.xent("entropy", "--p", "1,1,2", "--normalize").out(), "H(P)", "bits",
                "vector"), 1.5);
        // P = (1/2, 1/2) against Q = (1/4, 3/4) from weights 1, 3: H(P,Q) = (2 + log2(4/3))/2
        assertClose(textValue(Run.xent("cross-entropy", "--p", "5,5", "--q", "1,3", "--normalize").out(),
                "H(P, Q)", "bits", "vector"), (2 + Math.log(4.0 / 3.0) / Math.log(2)) / 2);
    }

    @Test
    void informationOfEachEventNeedNotSumToOne() {
        Run r = Run.xent("info", "--p", "0.5,0.1,1,0", "--backend", "kl");
        assertThat(r.code()).isZero();
        assertThat(r.out().lines()).containsExactly(
                "h(0.5) = 1 bits  [kl]",
                "h(0.1) = " + Decimals.shortest(textValue(r.out(), "h(0.1)", "bits", "kl")) + " bits  [kl]",
                "h(1) = 0 bits  [kl]",
                "h(0) = Infinity bits  [kl]");
        assertClose(textValue(r.out(), "h(0.1)", "bits", "kl"), 3.3219280948873623479);
    }

    @Test
    void jsonIsOneObjectPerResultWithInfinityAsAString() {
        Run r = Run.xent("cross-entropy", "--p", P, "--q", Q, "--backend", "all", "--json");
        assertThat(r.code()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(4);
        Pattern object = Pattern.compile("\\{\"measure\": \"cross_entropy\", \"value\": ([0-9.]+), "
                + "\"unit\": \"bits\", \"backend\": \"(commons|kl|naive|vector)\"}");
        for (String line : lines) {
            Matcher m = object.matcher(line);
            assertThat(m.matches()).as(line).isTrue();
            assertClose(Double.parseDouble(m.group(1)), 3.2879430945989);
        }
        Run inf = Run.xent("kl", "--p", "0.5,0.5", "--q", "1,0", "--json", "--unit", "nats");
        assertThat(inf.out()).isEqualTo("{\"measure\": \"kl_divergence\", \"value\": \"Infinity\", "
                + "\"unit\": \"nats\", \"backend\": \"vector\"}\n");
    }

    @Test
    void distributionsCanComeFromFiles(@TempDir Path dir) throws IOException {
        Path p = Files.writeString(dir.resolve("p.txt"), "# P of example 1\n0.1\n\n0.4\n0.5\n");
        Path q = Files.writeString(dir.resolve("q.txt"), "0.8\n0.15\n0.05");
        Run r = Run.xent("cross-entropy", "--p-file", p.toString(), "--q-file", q.toString(), "--unit", "nats");
        assertThat(r.code()).as(r.err()).isZero();
        assertClose(textValue(r.out(), "H(P, Q)", "nats", "vector"), 2.2790284858627689931);
        Run mixed = Run.xent("kl", "--p-file", p.toString(), "--q", Q, "--json");
        assertThat(mixed.out()).startsWith("{\"measure\": \"kl_divergence\", \"value\": 1.92697904715521");
    }

    @Test
    void backendsListsAllFourWithTheDefaultMarkedAndVectorInItsScalarMode() {
        // the tests' JVM runs without --add-modules jdk.incubator.vector: 'vector' computes in its
        // scalar mode, says so, and is the default (the best declared accuracy at the lowest cost)
        Run r = Run.xent("backends");
        assertThat(r.code()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).startsWith("  commons  ");
        assertThat(lines.get(1)).startsWith("  kl       ");
        assertThat(lines.get(2)).startsWith("  naive    ");
        assertThat(lines.get(3)).startsWith("* vector   scalar mode (start java with --add-modules jdk.incubator.vector");
        Run json = Run.xent("backends", "--json");
        assertThat(json.out().lines().toList())
                .allMatch(l -> l.matches("\\{\"id\": \"(commons|kl|naive|vector)\", \"description\": \".+\", "
                        + "\"default\": (true|false), \"available\": true}"));
        assertThat(json.out().lines().filter(l -> l.contains("\"default\": true")).toList())
                .singleElement().asString().startsWith("{\"id\": \"vector\"");
    }

    @Test
    void helpAndVersionExitWithZero() {
        Run help = Run.xent("--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("tour", "entropy", "cross-entropy", "kl", "info", "backends");
        Run sub = Run.xent("cross-entropy", "--help");
        assertThat(sub.code()).isZero();
        assertThat(sub.out()).contains("--p-file", "--q-file", "--base", "--unit", "--json", "--backend");
        assertThat(Run.xent("--version").out()).startsWith("xent ");
        assertThat(Run.xent("tour", "--version").out()).startsWith("xent ");
        assertThat(help.out()).contains("Exit status:", "2   bad usage or bad input");
    }
}
