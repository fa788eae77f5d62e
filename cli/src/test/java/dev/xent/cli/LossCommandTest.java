package dev.xent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code xent loss}, end to end and in-process: values, options, stdin, and every error with its
 * {@code FILE:LINE:COLUMN}.
 *
 * <p>Expected values were computed for this test with mpmath at 40 digits from the definitions
 * (−ln p of the true class; binary −y ln p − (1 − y) ln(1 − p); logits through log-sum-exp),
 * independently of xent — the Python lines are quoted beside each value. A printed mean must be
 * within {@link #RELATIVE} of it: a few ulps, for the backends' rounding and the decimal inputs.
 */
class LossCommandTest {

    /** A few ulps, relative: what the backends and the parsing of decimal inputs may differ by. */
    private static final double RELATIVE = 1e-14;

    /** The tutorial's ten examples (TUTORIAL.md), as examples/tutorial.csv ships them. */
    static final String TUTORIAL_CSV = "label,p\n1,0.8\n1,0.9\n1,0.9\n1,0.6\n1,0.8\n0,0.1\n0,0.4\n0,0.2\n0,0.1\n0,0.3\n";

    /** mpmath: mean of −(y ln p + (1 − y) ln(1 − p)) over the ten = 0.24691989080446482175. */
    static final double TUTORIAL_MEAN = 0.24691989080446482175;

    @TempDir
    Path dir;

    private Path csv(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private static double mean(String out) {
        Matcher m = Pattern.compile("log loss \\(mean cross-entropy\\) = (\\S+) nats  \\[(\\w+)\\]").matcher(out);
        assertThat(m.find()).as(out).isTrue();
        return Double.parseDouble(m.group(1));
    }

    private static double jsonNumber(String json, String key) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(key) + "\": (-?[0-9.e+-]+|\"Infinity\"|null)").matcher(json);
        assertThat(m.find()).as("%s in %s", key, json).isTrue();
        return m.group(1).equals("\"Infinity\"") ? Double.POSITIVE_INFINITY : Double.parseDouble(m.group(1));
    }

    private static void assertClose(double actual, double expected) {
        assertThat(actual).isCloseTo(expected, within(Math.abs(expected) * RELATIVE));
    }

    private static void assertBadInput(Run r, String expectedLine) {
        assertThat(r.code()).as(r.err()).isEqualTo(Xent.EXIT_USAGE);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines()).as(r.err()).singleElement().asString().startsWith(expectedLine);
    }

    @Test
    void theTutorialsTenExamplesGiveTheTutorialsMean() throws IOException {
        Run r = Run.xent("loss", csv("t.csv", TUTORIAL_CSV).toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        assertClose(mean(r.out()), TUTORIAL_MEAN);
        assertThat(r.out()).contains("  examples: 10\n", "  clipped:  0 (--clip exact)\n",
                "  reading:  between fine (< 0.20) and not great (> 0.30)");
    }

    @Test
    void theShippedExampleIsTheTutorialsDataset() throws IOException {
        assertThat(Files.readString(Path.of("../examples/tutorial.csv"))).isEqualTo(TUTORIAL_CSV);
    }

    @Test
    void perClassMeansAreTheMeansOfEachClassesExamples() throws IOException {
        Run r = Run.xent("loss", csv("t.csv", TUTORIAL_CSV).toString(), "--per-class");
        assertThat(r.code()).as(r.err()).isZero();
        // mpmath: class 1 mean(-ln [.8,.9,.9,.6,.8]) = 0.23356675154201255944,
        //         class 0 mean(-ln [.9,.6,.8,.9,.7]) = 0.26027303006691708407
        Matcher m = Pattern.compile("    0      (\\S+) nats over 5 examples\n    1      (\\S+) nats over 5 examples")
                .matcher(r.out());
        assertThat(m.find()).as(r.out()).isTrue();
        assertClose(Double.parseDouble(m.group(1)), 0.26027303006691708407);
        assertClose(Double.parseDouble(m.group(2)), 0.23356675154201255944);
    }

    @Test
    void scikitLearnsLogLossExampleByClassName() throws IOException {
        // sklearn's docs: log_loss(["spam", "ham", "ham", "spam"], [[.1, .9], [.9, .1], [.8, .2], [.35, .65]])
        // = 0.21616...; mpmath: mean(-ln [.9, .9, .8, .65]) = 0.2161618746805791539
        Path f = csv("sk.csv", "label,ham,spam\nspam,.1,.9\nham,.9,.1\nham,.8,.2\nspam,.35,.65\n");
        Run r = Run.xent("loss", f.toString(), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().lines()).singleElement().asString()
                .startsWith("{\"measure\": \"log_loss\", \"value\": ")
                .contains("\"unit\": \"nats\", \"backend\": \"vector\", \"count\": 4, \"per_class\": {\"ham\": ",
                        "\"clipped\": 0, \"perplexity\": ", "\"interpretation\": \"between fine");
        assertClose(jsonNumber(r.out(), "value"), 0.2161618746805791539);
        // mpmath: ham mean(-ln [.9, .8]) = 0.16425203348601803721; spam mean(-ln [.9, .65]) = 0.26807171587514027058
        assertClose(jsonNumber(r.out(), "ham"), 0.16425203348601803721);
        assertClose(jsonNumber(r.out(), "spam"), 0.26807171587514027058);
    }

    @Test
    void labelsMayBeZeroBasedIndicesAndEveryBackendAgrees() throws IOException {
        Path f = csv("idx.csv", "ham,spam,truth\n.1,.9,1\n.9,.1,0\n.8,.2,0\n.35,.65,1\n");
        Run r = Run.xent("loss", f.toString(), "--label", "truth", "--backend", "all", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(4);
        for (String line : lines) {
            assertClose(jsonNumber(line, "value"), 0.2161618746805791539);
        }
        assertThat(lines.get(0)).contains("\"backend\": \"commons\"");
        assertThat(lines.get(1)).contains("\"backend\": \"kl\"");
        assertThat(lines.get(2)).contains("\"backend\": \"naive\"");
        assertThat(lines.get(3)).contains("\"backend\": \"vector\"");
    }

    @ParameterizedTest(name = "--clip {0}")
    @CsvSource({
        // y = 1, p = 0: -ln(eps) for the profile's eps (mpmath): keras 1e-7, sklearn 2^-52, 1e-15
        "keras, 16.118095650958319788, 1",
        "sklearn, 36.043653389117156090, 1",
        "1e-15, 34.538776394910684, 1",
    })
    void clippingProfilesOnACertainMiss(String profile, double expected, long clipped) throws IOException {
        Run r = Run.xent("loss", csv("c.csv", "label,p\n1,0\n").toString(), "--clip", profile, "--json");
        assertThat(r.code()).as(r.err()).isZero();
        assertClose(jsonNumber(r.out(), "value"), expected);
        assertThat(r.out()).contains("\"clipped\": " + clipped);
    }

    @Test
    void thePyTorchProfileClampsACertainMissAt100AndCountsIt() throws IOException {
        // PyTorch BCELoss: -max(ln 0, -100) = 100 and -max(ln(1 - 0.5), -100) = ln 2 (mpmath):
        // mean (100 + 0.69314718055994530942) / 2 = 50.346573590279972655
        Run r = Run.xent("loss", csv("c.csv", "label,p\n1,0\n0,0.5\n").toString(), "--profile", "pytorch", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        assertClose(jsonNumber(r.out(), "value"), 50.346573590279972655);
        assertThat(r.out()).contains("\"clipped\": 0, \"profile\": \"pytorch\", \"rescaled_rows\": 0, "
                + "\"clamped_terms\": 1");
        // priors 1/2: D2 = 1 - 50.3465.../ln 2 = -71.634752044448170 (mpmath)
        assertClose(jsonNumber(r.out(), "d2"), -71.634752044448170);
    }

    @Test
    void softBinaryTargetsHaveNoD2() throws IOException {
        Run r = Run.xent("loss", csv("c.csv", "label,p\n0.3,0.5\n1,0.5\n").toString(), "--json");
        assertThat(r.out()).contains("\"d2\": null, \"interpretation\"");
        Run text = Run.xent("loss", dir.resolve("c.csv").toString());
        assertThat(text.out()).contains("  d2:       undefined (needs hard labels of at least two classes");
        // uniform 1/2 predictions: perplexity 2, 1 bit per token, exactly
        assertThat(text.out()).contains("  perplexity: 2, 1 bits per token\n");
    }

    @Test
    void exactByDefaultSoACertainMissIsInfinite() throws IOException {
        Run r = Run.xent("loss", csv("c.csv", "label,p\n1,0\n0,0.5\n").toString(), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"value\": \"Infinity\"", "\"per_class\": {\"0\": 0.6931471805599453, "
                + "\"1\": \"Infinity\"}", "\"clipped\": 0", "\"interpretation\": \"something is broken\"");
    }

    @Test
    void aClassWithoutExamplesHasNoMean() throws IOException {
        Run r = Run.xent("loss", csv("c.csv", "label,a,b,c\na,0.5,0.25,0.25\n").toString(), "--json", "--per-class");
        assertThat(r.out()).contains("\"per_class\": {\"a\": 0.6931471805599453, \"b\": null, \"c\": null}");
        Run text = Run.xent("loss", dir.resolve("c.csv").toString(), "--per-class");
        assertThat(text.out()).contains("    b      no examples\n");
    }

    @Test
    void weightsGiveTheWeightedMean() throws IOException {
        StringBuilder b = new StringBuilder("label,p,w\n");
        String[] rows = TUTORIAL_CSV.split("\n");
        for (int i = 1; i < rows.length; i++) {
            b.append(rows[i]).append(',').append(i).append('\n');
        }
        Run r = Run.xent("loss", csv("w.csv", b.toString()).toString(), "--weights", "w");
        assertThat(r.code()).as(r.err()).isZero();
        // mpmath: sum(i * l_i) / sum(i), i = 1..10, l_i the tutorial's losses = 0.26212820604306698018
        assertClose(mean(r.out()), 0.26212820604306698018);
        assertThat(r.out()).contains("  examples: 10, weight sum 55\n");
    }

    @Test
    void labelSmoothingMovesBinaryTargetsTowardsOneHalf() throws IOException {
        Run r = Run.xent("loss", csv("t.csv", TUTORIAL_CSV).toString(), "--label-smoothing", "0.1");
        assertThat(r.code()).as(r.err()).isZero();
        // mpmath: y' = y * 0.9 + 0.05, mean of -(y' ln p + (1 - y') ln(1 - p)) = 0.31994993815100523058
        assertClose(mean(r.out()), 0.31994993815100523058);
    }

    @Test
    void logitsAreReadInLogSpace() throws IOException {
        Path cat = csv("z.csv", "label,a,b,c\na,2,-1,0.5\nc,0,0,0\nb,-3,4,1\nc,1000,0,-1000\n");
        Run r = Run.xent("loss", cat.toString(), "--from-logits");
        assertThat(r.code()).as(r.err()).isZero();
        // mpmath: mean of log(sum(exp(z))) - z[y] = 500.34734479875522815 (the last row's loss is 2000)
        assertClose(mean(r.out()), 500.34734479875522815);
        Path bin = csv("zb.csv", "label,z\n1,2\n0,-1\n1,0\n0,40\n");
        Run rb = Run.xent("loss", bin.toString(), "--from-logits");
        // mpmath: mean of y ln(1 + e^-z) + (1 - y) ln(1 + e^z) = 10.283334219780285161
        assertClose(mean(rb.out()), 10.283334219780285161);
    }

    @Test
    void readsStandardInputForADash() {
        InputStream saved = System.in;
        try {
            System.setIn(new ByteArrayInputStream(TUTORIAL_CSV.getBytes(StandardCharsets.UTF_8)));
            Run r = Run.xent("loss", "-");
            assertThat(r.code()).as(r.err()).isZero();
            assertClose(mean(r.out()), TUTORIAL_MEAN);
            System.setIn(new ByteArrayInputStream("label,p\n1,2\n".getBytes(StandardCharsets.UTF_8)));
            assertBadInput(Run.xent("loss", "-"), "xent: <stdin>:2:3: probability 2 for class '1' is not in [0, 1]");
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void quotedFieldsCrLfABomAndBlankLinesAreRfc4180() throws IOException {
        String content = "\uFEFF\"label\",\"ham\",\"spam\"\r\n\"spam\",.1,.9\r\n\r\nham,\".9\",.1\r\n"
                + "ham,.8,.2\r\nspam,.35,.65";
        Run r = Run.xent("loss", csv("q.csv", content).toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertClose(mean(r.out()), 0.2161618746805791539);
    }

    @Test
    void classNamesMayHoldCommasQuotesAndLineBreaksWhenQuoted() throws IOException {
        String content = "label,\"a, \"\"the\"\" one\",\"b\nc\"\n\"a, \"\"the\"\" one\",0.5,0.5\n\"b\nc\",0.25,0.75\n";
        Run r = Run.xent("loss", csv("n.csv", content).toString(), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        // mpmath: (ln 2 + ln(4/3)) / 2 = 0.49041462650586314578
        assertClose(jsonNumber(r.out(), "value"), 0.49041462650586314578);
        assertThat(r.out()).contains("{\"a, \\\"the\\\" one\": 0.6931471805599453, \"b\\nc\": 0.2876820724517809");
    }

    @Test
    void aLooserRowToleranceAcceptsRoundedRowsAndNothingIsRenormalised() throws IOException {
        Path f = csv("r.csv", "label,a,b,c\na,0.333333,0.333333,0.333333\n");
        Run strict = Run.xent("loss", f.toString());
        assertBadInput(strict, "xent: " + f + ":2:3: prediction row [0.333333, 0.333333, 0.333333] sums to 0.999999");
        assertThat(strict.err()).contains("xent does not renormalise", "--row-tolerance EPS");
        Run loose = Run.xent("loss", f.toString(), "--row-tolerance", "1.5e-6");
        assertThat(loose.code()).as(loose.err()).isZero();
        // not renormalised: mpmath -ln(0.333333) = 1.09861328866860969173, not ln 3 = 1.09861228866810969140
        assertClose(mean(loose.out()), 1.09861328866860969173);
    }

    /** Runs {@code loss bad.csv OPTIONS} on {@code content}, where {@code \\n} stands for a line break. */
    private Run runOn(String content, String options) throws IOException {
        Path f = csv("bad.csv", content.replace("\\n", "\n"));
        List<String> args = new java.util.ArrayList<>(List.of("loss", f.toString()));
        if (options != null) {
            args.addAll(List.of(options.split(" ")));
        }
        return Run.xent(args.toArray(new String[0]));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "not a number|label,a,b\\na,0.5,0.5\\nb,0.3,x\\n||3:7: 'x' is not a number",
        "unknown label|label,a,b\\na,0.5,0.5\\nc,0.3,0.7\\n||3:1: unknown label 'c': not one of the class columns [a, b] nor an index 0 to 1",
        "index out of range|label,a,b\\n2,0.5,0.5\\n||2:1: unknown label '2'",
        "row sum|label,a,b\\na,0.5,0.5\\n1,0.3,0.700001\\n||3:3: prediction row [0.3, 0.700001] sums to 1.000001, not 1",
        "probability above 1|label,a,b\\na,0.5,0.5\\n1,-0.3,1.3\\n||3:3: probability -0.3 for class 'a' is not in [0, 1]",
        "NaN|label,a,b\\na,nan,0.5\\n||2:3: probability NaN for class 'a' is not in [0, 1]",
        "spaces are not numbers|label,a,b\\na, 0.5,0.5\\n||2:3: ' 0.5' is not a number",
        "Java suffix|label,a,b\\na,0.5d,0.5\\n||2:3: '0.5d' is not a number",
        "unclosed quote|label,a,b\\na,0.5,\"0.5\\n1,0.3,0.7\\n||2:7: this quoted field is never closed",
        "quote inside a field|label,a,b\\na,0.5,0\"5\\n||2:8: a quote inside an unquoted field",
        "text after a quote|label,a,b\\na,\"0.5\"x,0.5\\n||2:8: expected ',' or the end of the line after a closing quote",
        "too few fields|label,a,b\\na,0.5\\n||2:6: this row has 2 fields, the header has 3",
        "too many fields|label,a,b\\na,0.5,0.5,1\\n||2:11: this row has 4 fields, the header has 3",
        "line counted inside quotes|label,a,\"b\\nc\"\\na,0.5,0.5\\na,0.5,2\\n||4:7: probability 2 for class 'b\\nc'",
        "no label column|lbl,a,b\\na,0.5,0.5\\n||1:1: no column 'label' in the header [lbl, a, b]: name the label column with --label COLUMN",
        "no class column|label\\n1\\n||1:6: no probability columns",
        "duplicate class|label,a,a\\n||1:9: the class column 'a' appears twice",
        "duplicate label|label,a,label,b\\n||1:9: the label column 'label' appears twice",
        "binary label|label,p\\n2,0.5\\n||2:1: label 2 is not 0, 1 or a soft target in [0, 1]",
        "negative weight|label,a,b,w\\na,0.5,0.5,-1\\n|--weights w|2:11: weight -1 is not a finite number >= 0",
        "missing weight column|label,a,b\\na,0.5,0.5\\n|--weights w|1:1: no column 'w' (--weights) in the header [label, a, b]",
        "infinite logit|label,a,b\\na,1e400,-3\\n|--from-logits|2:3: logit Infinity for class 'a' is not a finite number",
    })
    void aBadFieldIsReportedAtItsLineAndColumn(String what, String content, String options, String where)
            throws IOException {
        assertBadInput(runOn(content, options), "xent: " + dir.resolve("bad.csv") + ":" + where);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "empty file|''||: the file is empty",
        "header only|label,p\\n||: no data rows after the header",
        "all weights 0|label,p,w\\n1,0.5,0\\n|--weights w|: all 1 examples have weight 0",
        "unknown clip|label,p\\n1,0.5\\n|--clip fuzzy|--clip: unknown clipping policy 'fuzzy'",
        "bad smoothing|label,p\\n1,0.5\\n|--label-smoothing 2|--label-smoothing: label smoothing must be in [0, 1]",
        "bad tolerance|label,p\\n1,0.5\\n|--row-tolerance -1|--row-tolerance: ",
        "clip with logits|label,z\\n1,0.5\\n|--from-logits --clip keras|--clip keras with --from-logits: logits are never clipped",
        "label is the weight|label,p\\n1,0.5\\n|--weights label|--label and --weights name the same column 'label'",
        "profile and clip|label,p\\n1,0.5\\n|--profile keras --clip keras|--profile keras with --clip keras: a profile sets its peer's clipping itself",
        "unknown profile|label,p\\n1,0.5\\n|--profile tf|--profile: unknown profile 'tf': use exact, keras, pytorch or sklearn-legacy",
        "profile with logits|label,z\\n1,0.5\\n|--from-logits --profile pytorch|--profile pytorch with --from-logits",
        "unknown backend|label,p\\n1,0.5\\n|--backend fast|unknown xent backend 'fast'",
    })
    void otherBadInputExitsWithTwo(String what, String content, String options, String message) throws IOException {
        Run r = runOn(content, options);
        assertThat(r.code()).as(r.err()).isEqualTo(Xent.EXIT_USAGE);
        assertThat(r.err().lines()).singleElement().asString().startsWith("xent: ").contains(message);
    }

    @Test
    void aMissingFileIsBadInput() {
        assertBadInput(Run.xent("loss", dir.resolve("nope.csv").toString()),
                "xent: " + dir.resolve("nope.csv") + ": does not exist");
        assertBadInput(Run.xent("loss", dir.toString()), "xent: " + dir + ": is a directory, not a file");
    }
}
