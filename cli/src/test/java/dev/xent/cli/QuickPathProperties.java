package dev.xent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Every command line prints the same bytes and exits with the same code through {@link Xent#run}
 * (where {@link QuickPath} takes the one-line measures) as through picocli alone, on generated
 * command lines: a measure or another command, P and Q or not, and up to four more pieces, good and
 * bad, before or after them.
 */
class QuickPathProperties {

    /** A fixed seed, so a failure is the same on every run. */
    private static final long SEED = 20261203L;

    private static final List<String> COMMANDS = List.of("entropy", "entropy", "cross-entropy",
            "cross-entropy", "kl", "kl", "js", "js", "perplexity", "perplexity", "info", "info", "--debug entropy", "help", "entropyy");

    /**
     * Pieces of a command line, each one or more arguments: mostly what the quick path takes, some
     * that picocli must report or handle, in any order and number.
     */
    private static final List<String> PIECES = List.of("--p 0.5,0.5", "--p 0.1,0.4,0.5", "--p=0.25,0.75",
            "--q 0.25,0.75", "--q 0.5,0.5", "--q=1,0", "--p 3,1", "--base e", "--base=2", "--base 10",
            "--unit nats", "--unit=bits", "--backend naive", "--backend=all", "--backend vector",
            "--labels a,b", "--json", "--normalize", "--per-event", "--p 0.2,0.3", "--p x", "--p NaN,1",
            "--p 1e400,0", "--q 0.1,0.4,0.5", "--base 1", "--unit furlongs", "--backend nope", "--labels a,a",
            "--labels a,b,c", "--debug", "--help", "-h", "--version", "--p", "0.5", "--p-file nope.txt",
            "--max-fields 3", "--p=-1,2", "--p -0.5,1.5", "--p @args", "--json=true", "--x", "--", "--p=",
            "--labels \"a,b\"", "--base \"2\"", "--backend 'naive'", "--unit \"nats\"", "--distance", "--distance=true");

    /** P and Q as a command line gives them, or not at all. */
    private static final List<String> P = List.of("--p 0.5,0.5", "--p 0.1,0.4,0.5", "--p=0.25,0.75", "--p 1,0", "");
    private static final List<String> Q = List.of("--q 0.25,0.75", "--q=0.5,0.5", "--q 0.1,0.4,0.5", "");

    private static String[] line(String text) {
        return QuickPathTest.line(text);
    }

    /**
     * The run with the frames of {@code --debug}'s stack traces left out: they name the test's
     * own caller, which differs between the two paths by design.
     */
    private static Run withoutFrames(Run run) {
        return new Run(run.code(), run.out(), run.err().replaceAll("(?m)^\\s+(at |\\.\\.\\. \\d+ more).*\\R", ""));
    }

    @Test
    void everyCommandLinePrintsTheSameThroughEitherPath() {
        AtomicInteger taken = new AtomicInteger();
        AtomicInteger examples = new AtomicInteger();
        qt().withFixedSeed(SEED).withExamples(1000)
                .forAll(arbitrary().pick(COMMANDS), arbitrary().pick(P), arbitrary().pick(Q),
                        lists().of(arbitrary().pick(PIECES)).ofSizeBetween(0, 4))
                .checkAssert((command, p, q, pieces) -> {
                    List<String> all = new ArrayList<>(Arrays.asList(line(command)));
                    for (String piece : pieces) {
                        all.addAll(Arrays.asList(line(piece)));
                    }
                    // P and Q first or last, so that other pieces come before and after them
                    int at = pieces.size() % 2 == 0 ? 1 : all.size();
                    all.addAll(at, Arrays.stream((p + " " + q).split(" ")).filter(x -> !x.isEmpty()).toList());
                    String[] args = all.toArray(new String[0]);
                    examples.incrementAndGet();
                    Run run = Run.xent(args);
                    if (QuickPath.parse(args) != null && run.code() == 0) {
                        taken.incrementAndGet();
                    }
                    assertThat(withoutFrames(run)).as("%s", all).isEqualTo(withoutFrames(Run.picocli(args)));
                });
        // the generator reaches the quick path's results often enough for the comparison to mean something
        assertThat(taken.get()).as("command lines the quick path parsed and ran, of %d", examples.get())
                .isGreaterThan(examples.get() / 40);
    }
}
