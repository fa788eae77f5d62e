package dev.xent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xent.Backends;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * {@link QuickPath}, the one-line measures without picocli's model, against picocli itself: the
 * fields it sets are the ones picocli's parse sets, it prints the exact value, and what it does not
 * take is left to picocli ({@code QuickPathProperties}: the same output either way).
 */
class QuickPathTest {

    /** A command line written with single spaces, as its arguments. */
    static String[] line(String text) {
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
        "kl --q=0.25,0.75 --p 0.5,0.5 --backend naive --per-event --json",
        "js --p 0.5,0.5 --q 0.25,0.75 --distance --labels x,y",
        "perplexity --p 0.5,0.25,0.25 --json",
        "info --p 0.5,0.125 --base e --backend kl"})
    void theFieldsAreTheOnesPicocliSets(String text) {
        String[] args = line(text);
        MeasureCommand quick = QuickPath.parse(args);
        assertThat(quick).as(text).isNotNull();
        MeasureCommand parsed = switch (args[0]) {
            case "entropy" -> new EntropyCommand();
            case "cross-entropy" -> new CrossEntropyCommand();
            case "kl" -> new KlCommand();
            case "js" -> new JsCommand();
            case "perplexity" -> new PerplexityCommand();
            default -> new InfoCommand();
        };
        new CommandLine(parsed).parseArgs(Arrays.copyOfRange(args, 1, args.length));
        assertThat(quick.getClass()).isEqualTo(parsed.getClass());
        assertThat(fields(quick)).as(text).isEqualTo(fields(parsed));
    }

    /** Every option's value, the mixins' included. */
    private static List<Object> fields(MeasureCommand c) {
        PerEventOption perEvent = c instanceof EntropyCommand e ? e.perEvent
                : c instanceof TwoDistributionCommand t ? t.perEvent : null;
        String q = c instanceof TwoDistributionCommand t ? t.qList : null;
        Boolean distance = c instanceof JsCommand js ? js.distance : null;
        return Arrays.asList(c.pList, q, c.pFile, c.base, c.unit, c.json, c.normalize, c.backend.id,
                perEvent == null ? null : perEvent.on, perEvent == null ? null : perEvent.labels, distance,
                c.limits.fieldBytes, c.limits.recordBytes, c.limits.fields);
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
        "js --p 0.5,0.5",
        "entropy --p 0.5,0.5 --distance",
        "kl --p 0.5,0.5 --q 0.5,0.5 --distance",
        "perplexity --p 0.5,0.5 --per-event",
        "perplexity --p 0.5,0.5 --q 0.5,0.5",
        "info --p 0.5 --labels a",
        "tour",
        "loss f.csv",
        "help entropy"})
    void everythingElseIsLeftToPicocli(String text) {
        assertThat(QuickPath.parse(line(text))).as(text).isNull();
    }
}
