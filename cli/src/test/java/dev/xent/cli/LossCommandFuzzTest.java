package dev.xent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Coverage-guided fuzzing of {@code xent loss} through its public behaviour (issue 14): a
 * fuzzer-made CSV file — bytes, so any encoding, quoting, line ending and number syntax — and a
 * fuzzer-made command line of the command's options with fuzzer-made values, run in-process
 * through {@link Xent#run} as every cli test does ({@link Run}). Nothing here knows how the CSV
 * reader or the number grammar work, so this target survives their rewrite.
 *
 * <p>The invariant: exit 0 with a mean that is a number ≥ 0 or Infinity (text or JSON), and no NaN
 * anywhere in the output; or exit 2 with exactly one line on stderr, {@code xent: …} (after the
 * stack trace when {@code --debug} asks for one). Never exit 1
 * (an internal error), never an exception out of the command, never more than {@link #MAX_MILLIS}
 * for an input (a file of at most a few kilobytes).
 *
 * <p>Regression mode over {@code src/test/resources/dev/xent/cli/LossCommandFuzzTestInputs/} in
 * every build; fuzzing: docs/testing.md.
 */
class LossCommandFuzzTest {

    /**
     * A hang detector, not a speed test: an input takes milliseconds once warm, but the first
     * one loads and compiles the command (seconds on a loaded machine), and a mutation-testing or
     * fuzzing run shares the cores.
     */
    private static final long MAX_MILLIS = 30_000;

    private static final String[] OPTIONS = {"--label", "--weights", "--from-logits",
        "--label-smoothing", "--clip", "--row-tolerance", "--per-class", "--json", "--backend"};
    private static final String[] VALUES = {"label", "w", "p", "a", "b", "exact", "keras",
        "sklearn", "legacy", "1e-7", "0", "0.1", "1", "NaN", "-0", "commons", "naive", "kl", ""};
    private static final String[] HEADERS = {"label,p", "label,p,w", "label,a,b", "label,a,b,w",
        "label,a,b,c", "w,label,a,b", "label,z"};

    private static final Pattern TEXT_MEAN =
            Pattern.compile("log loss \\(mean cross-entropy\\) = (\\S+) nats");
    private static final Pattern JSON_VALUE = Pattern.compile("\"value\": (\"[^\"]*\"|[^,}]+)");

    private static final Path DIR;

    static {
        try {
            DIR = Files.createTempDirectory("xent-loss-fuzz");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = "10m")
    void xentLossExitsZeroWithAMeanAtLeast0OrTwoWithOneLine(FuzzedDataProvider data) throws IOException {
        List<String> args = new ArrayList<>();
        args.add("loss");
        int options = data.consumeInt(0, 5);
        for (int i = 0; i < options; i++) {
            String option = data.pickValue(OPTIONS);
            args.add(option);
            if (!option.equals("--from-logits") && !option.equals("--per-class") && !option.equals("--json")) {
                args.add(data.consumeBoolean() ? data.pickValue(VALUES) : data.consumeString(12));
            }
        }
        Path file = DIR.resolve("f.csv");
        byte[] content;
        if (data.consumeBoolean()) {
            // a well-formed header and fuzzer-made rows, so that most inputs reach the numbers
            StringBuilder b = new StringBuilder(data.pickValue(HEADERS)).append('\n');
            int rows = data.consumeInt(0, 8);
            for (int r = 0; r < rows; r++) {
                b.append(data.consumeString(40)).append('\n');
            }
            content = b.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        } else {
            content = data.consumeBytes(4096);
        }
        Files.write(file, content);
        String name = data.consumeBoolean() ? file.toString() : data.consumeString(8);
        // "-" reads standard input, which a test JVM does not have: that would wait, not fail
        args.add(name.equals("-") ? file.toString() : name);
        if (data.consumeBoolean()) {
            java.util.Collections.swap(args, 1, args.size() - 1);
        }
        long start = System.nanoTime();
        Run r = Run.xent(args.toArray(String[]::new));
        long millis = (System.nanoTime() - start) / 1_000_000;
        String context = String.join(" ", args) + "\n--- file ---\n"
                + new String(content, java.nio.charset.StandardCharsets.UTF_8)
                + "\n--- out ---\n" + r.out() + "--- err ---\n" + r.err();
        assertOutcome(r, args, context);
        assertThat(millis).as("milliseconds for %s", context).isLessThan(MAX_MILLIS);
    }

    /**
     * Exit 2's message: one line {@code xent: …} on stderr — after a stack trace when
     * {@code --debug} (a documented flag) is among the arguments, even as another option's value.
     */
    static void assertOneLineError(Run r, List<String> args, String context) {
        assertThat(r.err()).as(context).endsWith("\n").doesNotContain("internal error");
        if (args.contains("--debug")) {
            assertThat(r.err().strip().lines().reduce((a, b) -> b).orElse("")).as(context).startsWith("xent: ");
            return;
        }
        assertThat(r.err()).as(context).startsWith("xent: ");
        assertThat(r.err().strip().lines().count()).as("lines on stderr of %s", context).isEqualTo(1);
    }

    /** The invariant: exit 0 with means ≥ 0 or Infinity, or exit 2 with one line. */
    private static void assertOutcome(Run r, List<String> args, String context) {
        assertThat(r.code()).as("exit code of %s", context).isIn(0, 2);
        if (r.code() == 2) {
            assertOneLineError(r, args, context);
            return;
        }
        assertThat(r.out() + r.err()).as(context).doesNotContain("NaN");
        Matcher text = TEXT_MEAN.matcher(r.out());
        Matcher json = JSON_VALUE.matcher(r.out());
        boolean any = false;
        while (text.find()) {
            assertAtLeast0(text.group(1), context);
            any = true;
        }
        while (json.find()) {
            assertAtLeast0(json.group(1).replace("\"", ""), context);
            any = true;
        }
        assertThat(any).as("a mean in the output of %s", context).isTrue();
    }

    private static void assertAtLeast0(String number, String context) {
        double x = Double.parseDouble(number.strip());
        assertThat(x >= 0.0).as("%s is a number >= 0 or Infinity in %s", number, context).isTrue();
    }
}
