package dev.xent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code xent loss} at the extremes of doubles (issue 14): sample weights of 1e308, 1.7e308 and
 * 5e-324, per-example losses of 1e308. Expected means are worked out by hand: with equal weights
 * the weighted mean is the plain mean of the losses (ln 2 for p = 1/2, ln 10 for p = 0.1 of the
 * true class, mpmath 0.69314718055994530942 and 2.3025850929940456840), and softplus(1e308) is
 * 1e308.
 */
class LossExtremesTest {

    /** A few ulps, relative. */
    private static final double RELATIVE = 1e-14;

    @TempDir
    Path dir;

    private String csv(String content) throws IOException {
        Path file = dir.resolve("f.csv");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file.toString();
    }

    private static double mean(String out) {
        Matcher m = Pattern.compile("log loss \\(mean cross-entropy\\) = (\\S+) nats").matcher(out);
        assertThat(m.find()).as(out).isTrue();
        return Double.parseDouble(m.group(1));
    }

    private static void assertClose(double actual, double expected) {
        assertThat(Math.abs(actual - expected)).as("%s vs %s", actual, expected)
                .isLessThanOrEqualTo(RELATIVE * expected);
    }

    @Test
    void weightsOf1e308GiveLn2AndSayTheWeightSumIsBeyondTheLargestDouble() throws IOException {
        Run r = Run.xent("loss", csv("label,p,w\n1,0.5,1e308\n0,0.5,1e308\n"), "--weights", "w");
        assertThat(r.code()).as(r.err()).isZero();
        assertClose(mean(r.out()), 0.69314718055994530942);
        assertThat(r.out()).contains("weight sum Infinity (beyond the largest double; the mean is exact)")
                .doesNotContain("perfect");
    }

    @Test
    void weightsOf1e308InJsonGiveLn2() throws IOException {
        Run r = Run.xent("loss", csv("label,p,w\n1,0.5,1e308\n0,0.5,1e308\n"), "--weights", "w", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        Matcher m = Pattern.compile("\"value\": ([0-9.eE+-]+)").matcher(r.out());
        assertThat(m.find()).as(r.out()).isTrue();
        assertClose(Double.parseDouble(m.group(1)), 0.69314718055994530942);
        assertThat(r.out()).contains("\"weight_sum\": \"Infinity\"");
    }

    @Test
    void weightsOf1point7e308GiveLn10NotNaN() throws IOException {
        Run r = Run.xent("loss", csv("label,p,w\n1,0.1,1.7e308\n1,0.1,1.7e308\n"), "--weights", "w",
                "--per-class");
        assertThat(r.code()).as(r.err()).isZero();
        assertClose(mean(r.out()), 2.3025850929940456840);
        assertThat(r.out() + r.err()).doesNotContain("NaN");
    }

    @Test
    void subnormalWeightsGiveLn2() throws IOException {
        Run r = Run.xent("loss", csv("label,p,w\n1,0.5,5e-324\n0,0.5,5e-324\n"), "--weights", "w");
        assertThat(r.code()).as(r.err()).isZero();
        assertClose(mean(r.out()), 0.69314718055994530942);
        assertThat(r.out()).contains("weight sum 1e-323");
    }

    @Test
    void twoLossesOf1e308HaveTheMean1e308() throws IOException {
        Run r = Run.xent("loss", csv("label,z\n1,-1e308\n1,-1e308\n"), "--from-logits");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(mean(r.out())).isEqualTo(1e308);
    }
}
