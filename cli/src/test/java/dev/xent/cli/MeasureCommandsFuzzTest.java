package dev.xent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Coverage-guided fuzzing of the measure commands' option parsing (issue 14): {@code xent
 * entropy}, {@code kl} and {@code cross-entropy} with fuzzer-made {@code --p}, {@code --q},
 * {@code --p-file}, {@code --q-file}, {@code --base}, {@code --unit}, {@code --normalize},
 * {@code --json} and {@code --backend}, run in-process through {@link Xent#run} ({@link Run}).
 * Lists are either fuzzer-made text or fuzzer-made doubles (normalised or not) printed with
 * {@link Double#toString}, so that many inputs get past the sum check to the measures.
 *
 * <p>The invariant: exit 0 with results that are numbers, never NaN — ≥ 0 or +∞, except that a
 * log base below 1 makes every measure ≤ 0 (log<sub>b</sub> with b &lt; 1 is negative), so the
 * sign is asserted only without {@code --base}; or exit 2 with one line {@code xent: …} on
 * stderr (after the stack trace when {@code --debug} asks for one: seed
 * debug-flag-as-an-option-value); never exit 1, never longer than {@link #MAX_MILLIS} per input.
 */
class MeasureCommandsFuzzTest {

    /**
     * A hang detector, not a speed test: an input takes milliseconds once warm, but the first
     * one loads and compiles the command (seconds on a loaded machine), and a mutation-testing or
     * fuzzing run shares the cores.
     */
    private static final long MAX_MILLIS = 30_000;

    private static final String[] COMMANDS = {"entropy", "kl", "cross-entropy"};
    private static final String[] OPTIONS = {"--p", "--q", "--p-file", "--q-file", "--base",
        "--unit", "--normalize", "--json", "--backend"};
    private static final String[] VALUES = {"2", "e", "10", "0.5", "1", "0", "-1", "bits", "nats",
        "bans", "commons", "naive", "kl", "0.5,0.5", "1,0", "0,1", "0.1,0.4,0.5", ""};

    /**
     * {@code H(P) = 1.5 bits  [commons]} and the like; a unit may be several words
     * ({@code log0.5 units}: seed a-unit-of-two-words).
     */
    private static final Pattern TEXT = Pattern.compile("^\\S.* = (\\S+) .*  \\[", Pattern.MULTILINE);
    private static final Pattern JSON_VALUE = Pattern.compile("\"value\": (\"[^\"]*\"|[^,}]+)");

    private static final Path DIR;

    static {
        try {
            DIR = Files.createTempDirectory("xent-measure-fuzz");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = "10m")
    void measureCommandsExitZeroWithNumbersOrTwoWithOneLine(FuzzedDataProvider data) throws IOException {
        List<String> args = new ArrayList<>();
        args.add(data.pickValue(COMMANDS));
        int options = data.consumeInt(0, 6);
        boolean base = false;
        for (int i = 0; i < options; i++) {
            String option = data.pickValue(OPTIONS);
            args.add(option);
            base |= option.equals("--base");
            switch (option) {
                case "--normalize":
                case "--json":
                    break;
                case "--p":
                case "--q":
                    args.add(list(data));
                    break;
                case "--p-file":
                case "--q-file": {
                    Path f = DIR.resolve(option.substring(2, 3) + ".txt");
                    Files.writeString(f, data.consumeBoolean() ? list(data).replace(',', '\n')
                            : data.consumeString(200), StandardCharsets.UTF_8);
                    args.add(data.consumeBoolean() ? f.toString() : data.consumeString(8));
                    break;
                }
                default:
                    args.add(data.consumeBoolean() ? data.pickValue(VALUES) : data.consumeString(12));
            }
        }
        long start = System.nanoTime();
        Run r = Run.xent(args.toArray(String[]::new));
        long millis = (System.nanoTime() - start) / 1_000_000;
        String context = String.join(" ", args) + "\n--- out ---\n" + r.out() + "--- err ---\n" + r.err();
        assertThat(r.code()).as("exit code of %s", context).isIn(0, 2);
        if (r.code() == 2) {
            LossCommandFuzzTest.assertOneLineError(r, args, context);
        } else {
            assertThat(r.out() + r.err()).as(context).doesNotContain("NaN");
            int found = 0;
            for (Matcher m : new Matcher[] {TEXT.matcher(r.out()), JSON_VALUE.matcher(r.out())}) {
                while (m.find()) {
                    double x = Double.parseDouble(m.group(1).replace("\"", "").strip());
                    assertThat(Double.isNaN(x)).as(context).isFalse();
                    if (!base) {
                        assertThat(x >= 0.0).as("%s >= 0 in %s", x, context).isTrue();
                    }
                    found++;
                }
            }
            assertThat(found).as("a result in the output of %s", context).isPositive();
        }
        assertThat(millis).as("milliseconds for %s", context).isLessThan(MAX_MILLIS);
    }

    /** A comma-separated list: fuzzer text, or doubles (normalised half of the time). */
    private static String list(FuzzedDataProvider data) {
        if (data.consumeBoolean()) {
            return data.consumeString(60);
        }
        int n = data.consumeInt(1, 6);
        double[] p = new double[n];
        double s = 0;
        boolean raw = data.consumeBoolean();
        for (int i = 0; i < n; i++) {
            p[i] = raw ? data.consumeDouble() : data.consumeProbabilityDouble();
            s += p[i];
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : ",").append(raw || !(s > 0) ? p[i] : p[i] / s);
        }
        return b.toString();
    }
}
