package dev.xent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.xent.Backends;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * {@link QuickPath}, the one-line measures without picocli's model, against picocli itself: the
 * fields it sets are the ones picocli's parse sets, and every command line, taken or not, prints
 * the same bytes and exits with the same code through {@link Xent#run} as through picocli alone.
 */
class QuickPathTest {

    /** A fixed seed, so a failure is the same on every run. */
    private static final long SEED = 20261203L;

    private static final List<String> COMMANDS = List.of("entropy", "entropy", "cross-entropy",
            "cross-entropy", "kl", "kl", "js", "perplexity", "--debug entropy", "help", "entropyy");

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
            "--max-fields 3", "--p=-1,2", "--p -0.5,1.5", "--p @args", "--json=true", "--x", "--", "--p=");

        /** The distributions a command line starts with, or none. */
    private static final List<String> P = List.of("--p 0.5,0.5", "--p 0.1,0.4,0.5", "--p=0.25,0.75", "--p 1,0", "");
    private static final List<String> Q = List.of("--q 0.25,0.75", "--q=0.5,0.5", "--q 0.1,0.4,0.5", "");

    /** The value of a one-line command, the same way a reader sees it. */
    private static String[] line(String text) {
        return text.split(" ");
    }

    @Test
    void aMeasureOfThreeNumbersIsPrintedByTheQuickPathWithTheExactValue() {
        StringWriter out = new StringWriter();
        Integer code = QuickPath.run(new PrintWriter(out), line("entropy --p 0.1,0.4,0.5"));
        // H(0.1, 0.4, 0.5) in bits, from mpmath at 200 bits, rounded to a double
        assertThat(code).isZero();
        assertThat(out.toString()).isEqualTo("H(P) = 1.3609640474436813 bits  ["
                + Backends.defaultBackend().id() + "]" + System.lineSeparator());
    }

    @Test
    void badInputLeavesTheQuickPathSilentAndPicocliReportsItOnce() {
        StringWriter out = new StringWriter();
        assertThat(QuickPath.run(new PrintWriter(out), line("entropy --p 0.1,0.4"))).isNull();
        assertThat(out.toString()).isEmpty();
        Run run = Run.xent(line("entropy --p 0.1,0.4"));
        assertThat(run.code()).isEqualTo(Xent.EXIT_USAGE);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines()).containsExactly("xent: --p: probabilities sum to 0.5, which differs from 1 "
                + "by 0.500, more than the tolerance 3.55e-15 for 2 events; to rescale on purpose, add --normalize");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "entropy --p 0.1,0.4,0.5",
        "entropy --p=0.1,0.4,0.5 --base e --json",
        "entropy --unit nats --per-event --labels a,b,c --p 0.1,0.4,0.5 --backend all",
        "cross-entropy --p 0.5,0.5 --q 0.25,0.75 --normalize --base=10",
        "kl --q=0.25,0.75 --p 0.5,0.5 --backend naive --per-event --json"})
    void theFieldsAreTheOnesPicocliSets(String text) {
        String[] args = line(text);
        MeasureCommand quick = QuickPath.parse(args);
        assertThat(quick).as(text).isNotNull();
        MeasureCommand parsed = args[0].equals("entropy") ? new EntropyCommand()
                : args[0].equals("kl") ? new KlCommand() : new CrossEntropyCommand();
        new CommandLine(parsed).parseArgs(Arrays.copyOfRange(args, 1, args.length));
        assertThat(quick.getClass()).isEqualTo(parsed.getClass());
        assertThat(fields(quick)).as(text).isEqualTo(fields(parsed));
    }

    /** Every option's value, the mixins' included. */
    private static List<Object> fields(MeasureCommand c) {
        PerEventOption perEvent = c instanceof EntropyCommand e ? e.perEvent : ((TwoDistributionCommand) c).perEvent;
        String q = c instanceof TwoDistributionCommand t ? t.qList : null;
        return Arrays.asList(c.pList, q, c.pFile, c.base, c.unit, c.json, c.normalize, c.backend.id,
                perEvent.on, perEvent.labels, c.limits.fieldBytes, c.limits.recordBytes, c.limits.fields);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "entropy",
        "entropy --p",
        "entropy --p 0.5,0.5 --p 0.5,0.5",
        "entropy --p 0.5,0.5 --q 0.5,0.5",
        "entropy --p 0.5,0.5 --debug",
        "--debug entropy --p 0.5,0.5",
        "entropy --p 0.5,0.5 --help",
        "entropy --p 0.5,0.5 -h",
        "entropy --p-file p.txt",
        "entropy --p 0.5,0.5 --json=true",
        "entropy --p= --json",
        "entropy --p -0.5,1.5",
        "entropy --p @args",
        "entropy --p 0.5,0.5 0.5",
        "entropy --p 0.5,0.5 --base 2 --unit bits",
        "entropy --p 0.5,0.5 --max-fields 3",
        "cross-entropy --p 0.5,0.5",
        "js --p 0.5,0.5 --q 0.5,0.5",
        "perplexity --p 0.5,0.5",
        "help entropy"})
    void everythingElseIsLeftToPicocli(String text) {
        assertThat(QuickPath.parse(line(text))).as(text).isNull();
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
