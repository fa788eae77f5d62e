package dev.xent.tour;

import dev.xent.Distribution;
import dev.xent.InformationMeasures;
import dev.xent.LogBase;
import dev.xent.continuous.Gaussian;
import dev.xent.loss.BinaryAccumulator;
import dev.xent.loss.BinaryCrossEntropy;
import dev.xent.loss.ClassLabels;
import dev.xent.loss.Clipping;
import dev.xent.loss.CrossEntropy;
import dev.xent.loss.Interpretation;
import dev.xent.loss.LossSummary;
import dev.xent.loss.Predictions;
import dev.xent.text.Decimals;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * The tour ({@code xent tour}): the tutorial <i>A Gentle Introduction to Cross-Entropy for Machine
 * Learning</i>, live. It walks the tutorial in order, prints each of its numbers in the tutorial's
 * own format (computed here, never copied), checks each identity on the spot, shows every installed
 * backend side by side wherever a measure is computed, and draws the tutorial's charts as PNG.
 *
 * <p>The tutorial's lines ({@code H(P, Q): 3.288 bits} …) come from the backend chosen with
 * the primary backend ({@code xent tour --backend ID}; default: the library's default); the tables beside them show every backend
 * with all the digits of a {@code double}. The loss sections go through {@code dev.xent.loss}
 * ({@link CrossEntropy}, a {@link BinaryAccumulator}, {@link Interpretation}) and the Gaussian
 * section through {@link Gaussian}, each next to the plain formula it must agree with.
 */
public final class Tour {

    /** The tutorial's first example. */
    static final double[] P = {0.10, 0.40, 0.50};
    static final double[] Q = {0.80, 0.15, 0.05};
    static final List<String> EVENTS = List.of("red", "green", "blue");
    /** The tutorial's binary dataset: labels and predicted P(class 1). */
    static final double[] Y = {1, 1, 1, 1, 1, 0, 0, 0, 0, 0};
    static final double[] YHAT = {0.8, 0.9, 0.9, 0.6, 0.8, 0.1, 0.4, 0.2, 0.1, 0.3};
    /** The tutorial's epsilon, added inside its logarithms. */
    static final double TUTORIAL_EPSILON = 1e-15;

    private final PrintWriter out;
    private final List<InformationMeasures> all;
    private final InformationMeasures primary;
    private final Path outDir;

    /**
     * A tour printed to {@code out}, with every backend of {@code backends} side by side and the
     * tutorial's own lines computed by {@code primary}.
     *
     * @param out where the walk-through is printed
     * @param backends the backends to compare, in table order (usually {@code Backends.all()})
     * @param primary the backend of the tutorial-format lines
     * @param chartDirectory an existing directory for the four PNG charts
     */
    public Tour(PrintWriter out, List<InformationMeasures> backends, InformationMeasures primary,
            Path chartDirectory) {
        this.out = Objects.requireNonNull(out, "out");
        this.all = List.copyOf(backends);
        this.primary = Objects.requireNonNull(primary, "primary");
        this.outDir = Objects.requireNonNull(chartDirectory, "chartDirectory");
    }

    /**
     * Walks the tutorial: prints every section and writes the charts {@code p.png}, {@code q.png},
     * {@code ce-vs-prediction.png} and {@code ce-vs-prediction-with-extreme.png}.
     *
     * @throws UncheckedIOException if a chart cannot be written
     */
    public void run() {
        intro();
        definitions();
        example1();
        decomposition();
        classLabels();
        dataset();
        logLoss();
        degradation();
        interpretation();
        gaussian();
        out.println();
        out.println("Charts written to " + outDir + "/: p.png, q.png, ce-vs-prediction.png, "
                + "ce-vs-prediction-with-extreme.png");
        out.flush();
    }

    private void intro() {
        out.println("xent tour: \"A Gentle Introduction to Cross-Entropy for Machine Learning\", live");
        StringBuilder ids = new StringBuilder();
        for (InformationMeasures b : all) {
            ids.append(ids.length() == 0 ? "" : ", ").append(b.id());
        }
        out.println("Backends installed: " + ids + ". The tutorial's own lines use '" + primary.id()
                + "'; the tables show every backend side by side, with all the digits.");
    }

    private void section(String title) {
        out.println();
        out.println("== " + title + " ==");
    }

    /** One table row per measure: the label, then the value of every backend. */
    private void header(String what) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "  %-26s", what));
        for (InformationMeasures m : all) {
            b.append(String.format(Locale.ROOT, "%-22s", m.id()));
        }
        out.println(b.toString().stripTrailing());
    }

    private void row(String label, ToDoubleFunction<InformationMeasures> measure) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "  %-26s", label));
        for (InformationMeasures m : all) {
            b.append(String.format(Locale.ROOT, "%-22s", Decimals.shortest(measure.applyAsDouble(m))));
        }
        out.println(b.toString().stripTrailing());
    }

    private static String f3(double x) {
        return Decimals.fixed(x, 3);
    }

    private void definitions() {
        section("1. Definitions (log base 2: bits; base e: nats)");
        out.println("  information of an event   h(x)       = -log P(x)");
        out.println("  entropy                   H(P)       = -sum_x P(x) log P(x)");
        out.println("  cross-entropy             H(P, Q)    = -sum_x P(x) log Q(x)");
        out.println("  KL divergence             KL(P || Q) =  sum_x P(x) log(P(x) / Q(x))");
        out.println("  and H(P, Q) = H(P) + KL(P || Q);  H(P, P) = H(P);  H(P, Q) != H(Q, P) in general.");
        out.println("Rare events carry more information (surprisal in bits):");
        header("");
        for (double p : new double[] {1.0, 0.5, 0.1, 0.01}) {
            row("h(" + Decimals.shortest(p) + ")", m -> m.information(p, LogBase.BITS));
        }
    }

    private void example1() {
        section("2. Example 1: two distributions over {red, green, blue}");
        Distribution p = Distribution.of(P).withLabels(EVENTS);
        Distribution q = Distribution.of(Q).withLabels(EVENTS);
        out.println("P = " + list(P) + "   Q = " + list(Q));
        out.println("P=" + f3(p.sum()) + " Q=" + f3(q.sum()));
        Charts.bars(outDir.resolve("p.png"), "P", EVENTS, boxed(P));
        Charts.bars(outDir.resolve("q.png"), "Q", EVENTS, boxed(Q));
        out.println("(bar charts: " + outDir.resolve("p.png") + ", " + outDir.resolve("q.png") + ")");
        LogBase bits = LogBase.BITS;
        out.println("H(P, Q): " + f3(primary.crossEntropy(p, q, bits)) + " bits");
        out.println("H(Q, P): " + f3(primary.crossEntropy(q, p, bits)) + " bits");
        out.println("H(P, P): " + f3(primary.crossEntropy(p, p, bits)) + " bits");
        out.println("H(Q, Q): " + f3(primary.crossEntropy(q, q, bits)) + " bits");
        header("in bits");
        row("H(P, Q)", m -> m.crossEntropy(p, q, bits));
        row("H(Q, P)", m -> m.crossEntropy(q, p, bits));
        row("H(P, P)", m -> m.crossEntropy(p, p, bits));
        row("H(Q, Q)", m -> m.crossEntropy(q, q, bits));
        header("in nats");
        row("H(P, Q)", m -> m.crossEntropy(p, q, LogBase.NATS));
        row("H(Q, P)", m -> m.crossEntropy(q, p, LogBase.NATS));
        out.println("Cross-entropy is not symmetric: H(P, Q) != H(Q, P). And H(P, P) = H(P), the entropy.");
    }

    private void decomposition() {
        section("3. KL divergence, and H(P, Q) = H(P) + KL(P || Q)");
        Distribution p = Distribution.of(P);
        Distribution q = Distribution.of(Q);
        LogBase bits = LogBase.BITS;
        double hp = primary.entropy(p, bits);
        double kl = primary.klDivergence(p, q, bits);
        out.println("H(P): " + f3(hp) + " bits");
        out.println("KL(P || Q): " + f3(kl) + " bits");
        out.println("H(P, Q): " + f3(hp + kl) + " bits   (= H(P) + KL(P || Q))");
        header("in bits");
        row("H(P)", m -> m.entropy(p, bits));
        row("KL(P || Q)", m -> m.klDivergence(p, q, bits));
        row("H(P) + KL(P || Q)", m -> m.entropy(p, bits) + m.klDivergence(p, q, bits));
        row("H(P, Q) directly", m -> m.crossEntropy(p, q, bits));
        row("KL(Q || P)", m -> m.klDivergence(q, p, bits));
        for (InformationMeasures m : all) {
            double direct = m.crossEntropy(p, q, bits);
            double sum = m.entropy(p, bits) + m.klDivergence(p, q, bits);
            double ulps = Math.abs(direct - sum) / Math.ulp(direct);
            out.printf(Locale.ROOT, "  check %-8s |H(P, Q) - (H(P) + KL(P || Q))| = %s (%s ulp) %s%n",
                    m.id(), Decimals.shortest(Math.abs(direct - sum)), Decimals.shortest(ulps),
                    ulps <= 4 ? "ok" : "LARGER THAN 4 ULP");
        }
        out.println("KL is not symmetric either: KL(Q || P) = " + f3(primary.klDivergence(q, p, bits))
                + " bits, KL(P || Q) = " + f3(kl) + " bits.");
    }

    private void classLabels() {
        section("4. Entropy of a class label");
        out.println("A known class label is a one-hot distribution; its entropy is exactly 0 "
                + "(0 log 0 = 0, 1 log 1 = 0):");
        header("H in bits");
        for (int k = 0; k < 3; k++) {
            Distribution label = Distribution.oneHot(3, k);
            row("class " + (k + 1) + " " + list(label.toArray()), m -> m.entropy(label, LogBase.BITS));
        }
        out.println("The tutorial adds 1e-15 to every entry to dodge log(0) and prints, recomputed here:");
        for (int k = 0; k < 3; k++) {
            double[] p = new double[3];
            p[k] = 1.0;
            for (int i = 0; i < 3; i++) {
                p[i] += TUTORIAL_EPSILON;
            }
            out.println(String.format(Locale.ROOT, "%.15e", tutorialEntropyBits(p)));
        }
        double one = 1.0 + TUTORIAL_EPSILON;
        out.println("Why not 0: the two entries 1e-15 add -2 * 1e-15 * log2(1e-15) = "
                + Decimals.shortest(-2 * TUTORIAL_EPSILON * log2(TUTORIAL_EPSILON))
                + " and the entry 1 + 1e-15 (stored as " + Decimals.shortest(one) + ") adds "
                + Decimals.shortest(-one * log2(one)) + "; without an epsilon every backend gives exactly 0.");
        Distribution target = Distribution.oneHot(3, 1);
        Distribution model = Distribution.of(0.1, 0.7, 0.2);
        out.println("So for classification H(P, Q) = 0 + KL(P || Q): minimising cross-entropy is "
                + "minimising KL. With P = [0, 1, 0], Q = [0.1, 0.7, 0.2]:");
        header("in bits");
        row("H(P, Q)", m -> m.crossEntropy(target, model, LogBase.BITS));
        row("KL(P || Q)", m -> m.klDivergence(target, model, LogBase.BITS));
    }

    /** The tutorial's entropy: −Σ p log2 p, left to right, as its Python does. */
    private static double tutorialEntropyBits(double[] p) {
        double sum = 0.0;
        for (double pi : p) {
            sum += pi * log2(pi);
        }
        return -sum;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2.0);
    }

    /** The cross-entropy of example i: expected [1 − y, y] against predicted [1 − ŷ, ŷ], in nats. */
    private static double exampleCe(InformationMeasures m, int i) {
        return m.crossEntropy(Distribution.bernoulli(Y[i]), Distribution.bernoulli(YHAT[i]), LogBase.NATS);
    }

    private static double meanCe(InformationMeasures m) {
        double sum = 0.0;
        for (int i = 0; i < Y.length; i++) {
            sum += exampleCe(m, i);
        }
        return sum / Y.length;
    }

    private void dataset() {
        section("5. Cross-entropy as a loss: ten predictions of a binary classifier");
        out.println("Each example: expected [1-y, y] against predicted [1-yhat, yhat], in nats.");
        for (int i = 0; i < Y.length; i++) {
            out.println(String.format(Locale.ROOT, ">[y=%.1f, yhat=%.1f] ce: %.3f nats",
                    Y[i], YHAT[i], exampleCe(primary, i)));
        }
        out.println("Average Cross Entropy: " + f3(meanCe(primary)) + " nats");
        header("in nats");
        for (int i = 0; i < Y.length; i++) {
            int k = i;
            row(String.format(Locale.ROOT, "y=%.0f, yhat=%.1f", Y[i], YHAT[i]), m -> exampleCe(m, k));
        }
        row("mean cross-entropy", Tour::meanCe);
        out.println("The same through the loss API, dev.xent.loss.CrossEntropy.binary(PROBABILITIES):");
        row("batch .evaluate(y, yhat)", m -> bce(m).evaluate(Y, YHAT).mean());
        row("accumulator, one by one", m -> accumulate(m).summary().mean());
        for (InformationMeasures m : all) {
            BinaryAccumulator acc = bce(m).accumulator();
            double worst = 0.0;
            for (int i = 0; i < Y.length; i++) {
                double l = acc.add(Y[i], YHAT[i]);
                worst = Math.max(worst, Math.abs(l - exampleCe(m, i)) / Math.ulp(exampleCe(m, i)));
            }
            double meanUlps = Math.abs(acc.summary().mean() - meanCe(m)) / Math.ulp(meanCe(m));
            out.printf(Locale.ROOT, "  check %-8s each example's loss vs its cross-entropy: %s ulp; mean: %s ulp %s%n",
                    m.id(), Decimals.shortest(worst), Decimals.shortest(meanUlps),
                    worst <= 4 && meanUlps <= 4 ? "ok" : "LARGER THAN 4 ULP");
        }
    }

    /** The binary cross-entropy loss of the api on backend {@code m}: exact, unweighted. */
    private static BinaryCrossEntropy bce(InformationMeasures m) {
        return CrossEntropy.binary(Predictions.PROBABILITIES).using(m);
    }

    /** The ten examples streamed into an accumulator of {@link #bce}. */
    private static BinaryAccumulator accumulate(InformationMeasures m) {
        BinaryAccumulator acc = bce(m).accumulator();
        for (int i = 0; i < Y.length; i++) {
            acc.add(Y[i], YHAT[i]);
        }
        return acc;
    }

    private void logLoss() {
        section("6. Log loss = cross-entropy = negative log-likelihood");
        double nll = 0.0;
        for (int i = 0; i < Y.length; i++) {
            nll -= Y[i] * Math.log(YHAT[i]) + (1 - Y[i]) * Math.log(1 - YHAT[i]);
        }
        nll /= Y.length;
        out.println("Bernoulli NLL, -mean(y ln yhat + (1-y) ln(1-yhat)), straight from the formula: "
                + Decimals.shortest(nll) + " nats");
        out.println("Average Log Loss: " + f3(nll));
        double keras = bce(primary).withClipping(Clipping.KERAS).evaluate(Y, YHAT).mean();
        out.println("With Keras' clipping of yhat to [1e-7, 1-1e-7] (binary_crossentropy, Clipping.KERAS): "
                + "Average Cross Entropy: " + f3(keras) + " nats");
        // the same ten examples as two-class rows [1 - yhat, yhat], true class as a name and an index
        double[][] rows = new double[Y.length][];
        double[][] logRows = new double[Y.length][];
        List<String> names = new ArrayList<>();
        int[] classes = new int[Y.length];
        for (int i = 0; i < Y.length; i++) {
            rows[i] = new double[] {1.0 - YHAT[i], YHAT[i]};
            logRows[i] = new double[] {Math.log(1.0 - YHAT[i]), Math.log(YHAT[i])};
            classes[i] = (int) Y[i];
            names.add(Integer.toString(classes[i]));
        }
        ClassLabels labels = ClassLabels.sorted(List.of("0", "1"));
        out.println("One quantity under five names, through dev.xent.loss (nats):");
        header("");
        row("cross-entropy (measures)", Tour::meanCe);
        row("binary cross-entropy", m -> bce(m).evaluate(Y, YHAT).mean());
        row("log loss, by class name", m -> CrossEntropy.labelled(labels).using(m).evaluate(names, rows).mean());
        row("sparse categorical CE", m -> CrossEntropy.sparse(2, Predictions.PROBABILITIES).using(m)
                .evaluate(classes, rows).mean());
        row("NLL of log-probabilities", m -> CrossEntropy.negativeLogLikelihood(2).using(m)
                .evaluate(classes, logRows).mean());
        out.println("Log loss (scikit-learn's log_loss), cross-entropy and the Bernoulli NLL agree; with many "
                + "classes, the categorical NLL -mean ln q(true class) is the cross-entropy against one-hot labels.");
    }

    private void degradation() {
        section("7. How cross-entropy grows as the prediction degrades");
        out.println("Target [0, 1]; predicted [1-p, p] for p = 1.0, 0.9, ..., 0.0; exact values in nats, "
                + "then the tutorial's (1e-15 inside the log).");
        Distribution target = Distribution.of(0.0, 1.0);
        List<String> labels = new ArrayList<>();
        List<Double> exact = new ArrayList<>();
        List<Double> tutorial = new ArrayList<>();
        header("predicted");
        for (int k = 10; k >= 0; k--) {
            double p = k / 10.0;
            Distribution predicted = Distribution.of(1.0 - p, p);
            String label = String.format(Locale.ROOT, "[%.1f,%.1f]", 1.0 - p, p);
            row(label, m -> m.crossEntropy(target, predicted, LogBase.NATS));
            labels.add(label);
            exact.add(primary.crossEntropy(target, predicted, LogBase.NATS));
            tutorial.add(-(0.0 * Math.log(1.0 - p + TUTORIAL_EPSILON) + 1.0 * Math.log(p + TUTORIAL_EPSILON)));
        }
        out.println("  the tutorial's 1e-15 gives " + String.format(Locale.ROOT, "%.1e", tutorial.get(0))
                + " for p = 1 (" + Decimals.shortest(tutorial.get(0)) + "), " + Decimals.fixed(tutorial.get(10), 3)
                + " for p = 0 where the exact value is " + Decimals.shortest(exact.get(10))
                + ": predicting 0 for what happens costs infinitely much.");
        out.println("The growth is super-linear: " + f3(exact.get(1)) + ", " + f3(exact.get(5)) + ", "
                + f3(exact.get(9)) + " nats at p = 0.9, 0.5, 0.1.");
        Charts.crossEntropyCurve(outDir.resolve("ce-vs-prediction.png"),
                "Probability Distribution vs Cross-Entropy", labels.subList(0, 10), exact.subList(0, 10));
        Charts.crossEntropyCurve(outDir.resolve("ce-vs-prediction-with-extreme.png"),
                "Probability Distribution vs Cross-Entropy, with p = 0 (tutorial's 1e-15: "
                        + Decimals.fixed(tutorial.get(10), 3) + ")",
                labels, tutorial);
        out.println("(line charts: " + outDir.resolve("ce-vs-prediction.png") + " without the extreme case, "
                + outDir.resolve("ce-vs-prediction-with-extreme.png") + " with it)");
    }

    private void interpretation() {
        section("8. Reading a mean cross-entropy (nats), the tutorial's scale");
        for (Interpretation band : Interpretation.values()) {
            out.printf(Locale.ROOT, "  %-10s %s%n", SCALE[band.ordinal()], band.reading());
        }
        LossSummary s = accumulate(primary).summary();
        out.println("The ten predictions above: " + f3(s.mean()) + " nats: " + s.interpretation().reading() + ".");
        out.println("The mean per class (LossSummary.classMean) shows which class is predicted badly:");
        for (int label = 1; label >= 0; label--) {
            out.println("  class " + label + ": " + f3(s.classMean(label).orElseThrow()) + " nats over "
                    + s.classCount(label) + " examples");
        }
    }

    /** The thresholds of {@link Interpretation}'s bands, in the order of its constants. */
    private static final String[] SCALE = {
        "0.00", "< 0.02", "< 0.05", "< 0.20", "0.20-0.30", "> 0.30", "> 1.00", "> 2.00",
    };

    private void gaussian() {
        section("9. The continuous case: mean squared error is a Gaussian cross-entropy");
        double[] y = {1.0, 2.0, 3.0, 4.0, 5.0};
        double[] yhat = {1.1, 1.9, 3.3, 3.6, 5.2};
        double[] residuals = new double[y.length];
        double viaDensity = 0.0;
        for (int i = 0; i < y.length; i++) {
            residuals[i] = y[i] - yhat[i];
            viaDensity -= Gaussian.of(yhat[i], 1.0).logDensity(y[i]);
        }
        viaDensity /= y.length;
        double mse = Gaussian.meanSquaredError(residuals);
        double nll = Gaussian.meanResidualNllNats(residuals, 1.0);
        double closed = mse / 2 + Gaussian.HALF_LN_TWO_PI;
        out.println("Targets y = " + list(y) + ", predictions yhat = " + list(yhat) + ".");
        out.println("With sigma = 1 the Gaussian NLL of a residual r is r^2/2 + ln(2 pi)/2, so "
                + "mean NLL = MSE/2 + ln(2 pi)/2 (dev.xent.continuous.Gaussian):");
        out.println("  MSE                                " + Decimals.shortest(mse));
        out.println("  mean NLL, -mean ln N(y; yhat, 1)   " + Decimals.shortest(viaDensity) + " nats");
        out.println("  meanResidualNllNats(r, 1)          " + Decimals.shortest(nll) + " nats");
        out.println("  MSE/2 + ln(2 pi)/2                 " + Decimals.shortest(closed) + " nats   "
                + (Math.abs(viaDensity - closed) <= 4 * Math.ulp(closed)
                        && Math.abs(nll - closed) <= 4 * Math.ulp(closed) ? "ok" : "MISMATCH"));
        Gaussian p = Gaussian.standard();
        Gaussian q = Gaussian.of(1.0, 2.0);
        double h = p.entropyNats();
        double cross = p.crossEntropyNats(q);
        double kl = p.klDivergenceNats(q);
        out.println("Closed forms for P = N(0, 1), Q = N(1, 2^2), and the identity H(P, Q) = h(P) + KL(P || Q):");
        out.println("  h(P)       = 1/2 ln(2 pi e)                      " + Decimals.shortest(h) + " nats");
        out.println("  H(P, Q)    = 1/2 ln(2 pi 4) + (1 + 1)/(2*4)      " + Decimals.shortest(cross) + " nats");
        out.println("  KL(P || Q) = ln 2 + (1 + 1)/(2*4) - 1/2          " + Decimals.shortest(kl) + " nats");
        out.println("  h(P) + KL(P || Q)                                " + Decimals.shortest(h + kl) + " nats   "
                + (Math.abs(h + kl - cross) <= 4 * Math.ulp(cross) ? "ok" : "MISMATCH"));
    }

    private static String list(double[] values) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            b.append(i == 0 ? "" : ", ").append(Decimals.shortest(values[i]));
        }
        return b.append(']').toString();
    }

    private static List<Double> boxed(double[] values) {
        List<Double> list = new ArrayList<>();
        for (double v : values) {
            list.add(v);
        }
        return list;
    }
}
