package dev.xent.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.xent.Backends;
import dev.xent.Distribution;
import dev.xent.InformationMeasures;
import dev.xent.LogBase;
import dev.xent.continuous.Gaussian;
import dev.xent.loss.BinaryAccumulator;
import dev.xent.loss.ClassLabels;
import dev.xent.loss.Clipping;
import dev.xent.loss.CrossEntropy;
import dev.xent.loss.Interpretation;
import dev.xent.loss.Loss;
import dev.xent.loss.LossOptions;
import dev.xent.loss.LossSummary;
import dev.xent.loss.Predictions;
import dev.xent.loss.Profile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Java examples of docs/losses.md (the loss layer's manual) live here, between
 * {@code LOSSES:begin} and {@code LOSSES:end} markers; this test runs them and checks that the page
 * shows them verbatim, so the documentation cannot drift from code that compiles and runs.
 * README's own example is {@code examples/bom-consumer}'s {@code Example} class
 * ({@link ThirdPartyExampleTest}).
 */
class ReadmeExamplesTest {

    @Test
    void theQuickExampleComputesTheTutorialsNumbers() {
        Distribution p = Distribution.of(0.10, 0.40, 0.50).withLabels("red", "green", "blue");
        Distribution q = Distribution.of(0.80, 0.15, 0.05).withLabels("red", "green", "blue");

        InformationMeasures xent = Backends.defaultBackend();      // most accurate installed; -Dxent.backend=ID
        double hpq = xent.crossEntropy(p, q, LogBase.BITS);        // 3.2879430945989 bits
        double hp = xent.entropy(p, LogBase.BITS);                 // 1.360964047443681 bits
        double kl = xent.klDivergence(p, q, LogBase.BITS);         // 1.9269790471552186 bits
        double nats = LogBase.BITS.convert(hpq, LogBase.NATS);     // 2.2790 nats

        InformationMeasures naive = Backends.byId("naive");        // pick one by id
        double label = naive.entropy(Distribution.oneHot(3, 1), LogBase.BITS);  // exactly 0.0

        assertThat(hpq).isCloseTo(3.2879430945989, within(1e-12));
        assertThat(hp).isCloseTo(1.360964047443681, within(1e-12));
        assertThat(kl).isCloseTo(1.9269790471552186, within(1e-12));
        assertThat(nats).isCloseTo(3.2879430945989 * Math.log(2), within(1e-12));
        assertThat(label).isEqualTo(0.0);
    }

    @Test
    void theLossExampleComputesTheTutorialsAndThePeersNumbers() {
        // LOSSES:begin loss-example
        double[] y = {1, 1, 1, 1, 1, 0, 0, 0, 0, 0};
        double[] p = {0.8, 0.9, 0.9, 0.6, 0.8, 0.1, 0.4, 0.2, 0.1, 0.3};
        LossSummary bce = CrossEntropy.binary(Predictions.PROBABILITIES).evaluate(y, p);
        double mean = bce.mean();                                 // 0.2469198908044648 nats
        Interpretation reading = bce.interpretation();            // UNNAMED: the 0.20–0.30 band

        double fromLogits = CrossEntropy.binary(Predictions.LOGITS)       // Keras, from_logits=True
                .evaluate(new double[] {0, 1, 0, 0}, new double[] {-18.6, 0.51, 2.94, -12.8})
                .mean();                                          // 0.8654579497810972

        List<String> yTrue = List.of("spam", "ham", "ham", "spam");
        double[][] yPred = {{.1, .9}, {.9, .1}, {.8, .2}, {.35, .65}};  // columns: ham, spam
        double logLoss = CrossEntropy.labelled(ClassLabels.sorted(yTrue))
                .withClipping(Clipping.SKLEARN)
                .evaluate(yTrue, yPred).mean();                   // 0.21616187468057912

        double nll = CrossEntropy.negativeLogLikelihood(3)        // sparse: class indices, log-probabilities
                .evaluate(new int[] {2}, new double[][] {{Math.log(0.2), Math.log(0.3), Math.log(0.5)}})
                .mean();                                          // −ln 0.5 = 0.6931471805599453

        LossOptions keras = LossOptions.DEFAULTS.withClipping(Clipping.KERAS);
        BinaryAccumulator acc = CrossEntropy.binary(Predictions.PROBABILITIES)
                .withOptions(keras).accumulator();                // streaming, constant memory
        double impossible = acc.add(1.0, 0.0);                    // 16.11809565095832, not +∞
        long clipped = acc.summary().clipCount();                 // 1

        double mseLink = Gaussian.meanResidualNllNats(new double[] {0.5, -1.5, 2, 0.25}, 1.0);
        // = MSE/2 + ln(2π)/2 = 1.640625/2 + 0.9189385332046728 = 1.7392510332046727
        // LOSSES:end loss-example

        // expected values computed with mpmath (see CrossEntropyTest and the kit's LossChecks)
        assertThat(mean).isCloseTo(0.24691989080446483, within(1e-15));
        // mpmath at 50 digits: the exact mean of the ten losses is 0.2469198908044648089768...,
        // whose nearest double is 0.2469198908044648 (docs/losses.md claims xent returns exactly that)
        assertThat(mean).isEqualTo(0.2469198908044648);
        assertThat(reading).isEqualTo(Interpretation.UNNAMED);
        assertThat(fromLogits).isCloseTo(0.8654579497810972, within(1e-14));
        assertThat(logLoss).isCloseTo(0.21616187468057912, within(1e-14));
        // the row's exponentials sum to 1 within rounding; the loss is −ln 0.5 = ln 2, a few ulps
        assertThat(nll).isCloseTo(Math.log(2), within(4 * Math.ulp(Math.log(2))));
        assertThat(impossible).isCloseTo(16.11809565095832, within(1e-13));
        assertThat(clipped).isEqualTo(1);
        assertThat(mseLink).isCloseTo(1.7392510332046727, within(1e-15));
    }

    @Test
    void theKlLossExampleComputesTheDivergenceAndKerassNumber() {
        // LOSSES:begin kl-example
        double[][] t = {{0.25, 0.25, 0.5}, {0.1, 0.6, 0.3}, {0.5, 0.5, 0.0}};
        double[][] q = {{0.5, 0.25, 0.25}, {0.2, 0.5, 0.3}, {0.25, 0.5, 0.25}};
        LossSummary kl = Loss.klDivergence(3, Predictions.PROBABILITIES).evaluate(t, q);
        double mean = kl.mean();                                  // 0.1866462004801124 nats

        double keras = Loss.klDivergence(2, Predictions.PROBABILITIES)
                .withProfile(Profile.KERAS)                       // keras.losses.KLDivergence
                .evaluate(new double[][] {{0, 1}, {0, 0}}, new double[][] {{0.6, 0.4}, {0.4, 0.6}})
                .mean();                                          // 0.45814304511982884 (Keras docs: 0.458)
        // LOSSES:end kl-example

        // mpmath and numpy: loss/src/test/python/peers_reference.py
        assertThat(mean).isCloseTo(0.1866462004801124, within(1e-15));
        assertThat(keras).isCloseTo(0.45814304511982884, within(1e-15));
    }

    @Test
    void theSkillScoreExampleGivesTheTutorialsD2PerplexityAndBits() {
        // LOSSES:begin d2-example
        double[] y = {1, 1, 1, 1, 1, 0, 0, 0, 0, 0};
        double[] p = {0.8, 0.9, 0.9, 0.6, 0.8, 0.1, 0.4, 0.2, 0.1, 0.3};
        LossSummary s = CrossEntropy.binary(Predictions.PROBABILITIES).evaluate(y, p);
        double baseline = s.baselineLogLoss().orElseThrow();     // ln 2 = 0.6931471805599453: priors 1/2, 1/2
        double d2 = s.d2LogLossScore().orElseThrow();            // 1 − 0.2469…/ln 2 = 0.64376989803955425…
        double perplexity = s.perplexity();                      // e^0.2469… = 1.2800765627670587
        double bits = s.bitsPerToken();                          // 0.2469…/ln 2 = 0.35623010196044574
        // LOSSES:end d2-example

        // mpmath (peers_reference.py); D² is half-way between two doubles: 1 ulp either way
        assertThat(baseline).isCloseTo(Math.log(2), within(1e-16));
        assertThat(d2).isCloseTo(0.643769898039554255, within(2e-16));
        assertThat(perplexity).isCloseTo(1.2800765627670587, within(1e-15));
        assertThat(bits).isCloseTo(0.35623010196044574, within(1e-15));
    }

    @Test
    void theRowMajorExampleReadsOneRowOfKPerExample() {
        // LOSSES:begin row-major-example
        int[] y = {0, 2};
        double[] q = {0.7, 0.2, 0.1,     // example 0
                      0.25, 0.25, 0.5};  // example 1
        double mean = CrossEntropy.sparse(3, Predictions.PROBABILITIES)
                .evaluateRowMajor(y, q).mean();           // (−ln 0.7 − ln 0.5) / 2 = 0.5249110622493389
        // LOSSES:end row-major-example

        // mpmath at 50 digits: (−ln 0.7 − ln 0.5)/2 = 0.524911062249338844…, nearest double as shown
        assertThat(mean).isCloseTo(0.5249110622493389, within(2e-16));
    }

    @Test
    void theProfileExampleReproducesPyTorchsClampAndKerassRescaling() {
        // LOSSES:begin profile-example
        LossOptions torch = LossOptions.DEFAULTS.withProfile(Profile.PYTORCH);
        BinaryAccumulator bce = CrossEntropy.binary(Predictions.PROBABILITIES)
                .withOptions(torch).accumulator();                // torch.nn.BCELoss
        double certainMiss = bce.add(1.0, 0.0);                   // 100: ln q clamped at −100
        long clamped = bce.summary().clampedTerms();              // 1

        LossSummary keras = CrossEntropy.categorical(3, Predictions.PROBABILITIES)
                .withOptions(LossOptions.DEFAULTS.withProfile(Profile.KERAS))
                .evaluate(new double[][] {{0, 0, 1}}, new double[][] {{0.2, 0.2, 0.4}});
        double rescaled = keras.mean();                           // −ln(0.4/0.8) = ln 2
        long rows = keras.rescaledRows();                         // 1
        // LOSSES:end profile-example

        assertThat(certainMiss).isEqualTo(100.0);
        assertThat(clamped).isEqualTo(1);
        assertThat(rescaled).isCloseTo(Math.log(2), within(2e-16));
        assertThat(rows).isEqualTo(1);
    }

    @Test
    void theLossManualShowsEveryMarkedExampleVerbatim() throws IOException {
        assertPageShowsItsExamples("LOSSES", "../docs/losses.md");
    }

    private static void assertPageShowsItsExamples(String marker, String page) throws IOException {
        Path here = Path.of("src/test/java/dev/xent/verification/ReadmeExamplesTest.java");
        String text = Files.readString(Path.of(page), StandardCharsets.UTF_8);
        List<String> snippets = snippets(Files.readAllLines(here, StandardCharsets.UTF_8), marker);
        assertThat(snippets).isNotEmpty();
        for (String snippet : snippets) {
            assertThat(text).as(page + " must contain this example verbatim").contains(snippet);
        }
    }

    /** The regions marked {@code // MARKER:begin}, with the method body's 8-space indentation removed. */
    static List<String> snippets(List<String> lines, String marker) {
        List<String> result = new ArrayList<>();
        StringBuilder current = null;
        for (String line : lines) {
            if (line.strip().startsWith("// " + marker + ":begin")) {
                current = new StringBuilder();
            } else if (line.strip().startsWith("// " + marker + ":end") && current != null) {
                result.add(current.toString());
                current = null;
            } else if (current != null) {
                current.append(line.length() >= 8 ? line.substring(8) : line.strip()).append('\n');
            }
        }
        return result;
    }
}
