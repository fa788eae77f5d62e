package dev.xent.spark;

import dev.xent.Backends;
import dev.xent.loss.ClassLabels;
import dev.xent.loss.Clipping;
import dev.xent.loss.CrossEntropy;
import dev.xent.loss.LossOptions;
import dev.xent.loss.Predictions;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The options of a loss as written in SQL: one constant string of {@code key=value} pairs separated
 * by semicolons, e.g. {@code "form=logits; clip=keras; class_weights=1,3; bad_rows=skip"}. The empty
 * string means the loss layer's defaults (probabilities, exact, no smoothing, no class weights, the
 * default row-sum tolerance and backend, bad rows fail the job).
 *
 * <table>
 *   <caption>The keys</caption>
 *   <tr><th>key</th><th>values</th><th>meaning</th></tr>
 *   <tr><td>{@code form}</td><td>{@code probabilities} (default), {@code logits},
 *       {@code log_probabilities}</td><td>what the prediction column holds ({@link Predictions})</td></tr>
 *   <tr><td>{@code clip}</td><td>{@code exact} (default), {@code keras}, {@code sklearn},
 *       {@code legacy}, or an epsilon such as {@code 1e-15}</td><td>{@link Clipping#parse(String)}</td></tr>
 *   <tr><td>{@code smoothing}</td><td>ε in [0, 1]</td><td>label smoothing,
 *       {@link LossOptions#withLabelSmoothing(double)}</td></tr>
 *   <tr><td>{@code class_weights}</td><td>{@code c0,c1,…}</td><td>one weight per class,
 *       {@link LossOptions#withClassWeights(double...)}</td></tr>
 *   <tr><td>{@code tolerance}</td><td>a number, e.g. {@code 1e-6}</td><td>how far a row may be from
 *       summing to 1, {@link LossOptions#withRowSumTolerance(double)}</td></tr>
 *   <tr><td>{@code classes}</td><td>{@code name1,name2,…}</td><td>the class names in column order:
 *       required by the labelled log loss, not allowed elsewhere</td></tr>
 *   <tr><td>{@code backend}</td><td>a backend id</td><td>{@code Backends.byId}, looked up on each
 *       executor; otherwise each executor's {@code Backends.defaultBackend()}</td></tr>
 *   <tr><td>{@code bad_rows}</td><td>{@code fail} (default), {@code skip}</td><td>whether a bad row
 *       stops the job or is counted in {@code skipped}</td></tr>
 * </table>
 *
 * <p>Every value is checked when the text is parsed, by the same methods the loss layer uses, so a
 * bad option fails before any row is read. Immutable, serialisable (it travels to the executors as
 * text and is parsed there again), equal when the parsed settings are equal.
 */
public final class LossSpec implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The defaults: the empty options string. */
    public static final LossSpec DEFAULTS = parse("");

    /** The text parsed. */
    private final String text;
    /** {@code form}. */
    private final Predictions form;
    /** {@code clip}, as {@link Clipping#name()}. */
    private final String clipping;
    /** {@code smoothing}. */
    private final double smoothing;
    /** {@code class_weights}, or null. */
    private final double[] classWeights;
    /** {@code tolerance}, or NaN for the default. */
    private final double tolerance;
    /** {@code classes}, or null. */
    private final List<String> classes;
    /** {@code backend}, or null. */
    private final String backend;
    /** {@code bad_rows=skip}. */
    private final boolean skipBadRows;

    private LossSpec(String text, Predictions form, String clipping, double smoothing,
            double[] classWeights, double tolerance, List<String> classes, String backend,
            boolean skipBadRows) {
        this.text = text;
        this.form = form;
        this.clipping = clipping;
        this.smoothing = smoothing;
        this.classWeights = classWeights;
        this.tolerance = tolerance;
        this.classes = classes;
        this.backend = backend;
        this.skipBadRows = skipBadRows;
    }

    /**
     * Parses an options string (see the class documentation).
     *
     * @param text the options, e.g. {@code "form=logits; clip=keras"}; empty for the defaults
     * @return the options
     * @throws IllegalArgumentException naming the key and the value that is wrong, or an unknown key
     */
    public static LossSpec parse(String text) {
        Objects.requireNonNull(text, "options");
        Predictions form = Predictions.PROBABILITIES;
        String clipping = "exact";
        double smoothing = 0.0;
        double[] classWeights = null;
        double tolerance = Double.NaN;
        List<String> classes = null;
        String backend = null;
        boolean skip = false;
        for (String pair : text.split(";")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("xent options: '" + pair.trim()
                        + "' is not key=value (options are separated by ';')");
            }
            String key = pair.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String value = pair.substring(eq + 1).trim();
            switch (key) {
                case "form":
                    form = form(value);
                    break;
                case "clip":
                    clipping = Clipping.parse(value).name();
                    break;
                case "smoothing":
                    smoothing = number(key, value);
                    LossOptions.DEFAULTS.withLabelSmoothing(smoothing);
                    break;
                case "class_weights":
                    classWeights = numbers(key, value);
                    LossOptions.DEFAULTS.withClassWeights(classWeights);
                    break;
                case "tolerance":
                    tolerance = number(key, value);
                    LossOptions.DEFAULTS.withRowSumTolerance(tolerance);
                    break;
                case "classes":
                    classes = List.copyOf(names(value));
                    ClassLabels.inOrder(classes.toArray(new String[0]));
                    break;
                case "backend":
                    backend = value;
                    break;
                case "bad_rows":
                    if (value.equalsIgnoreCase("skip")) {
                        skip = true;
                    } else if (value.equalsIgnoreCase("fail")) {
                        skip = false;
                    } else {
                        throw new IllegalArgumentException("xent options: bad_rows=" + value
                                + ": use fail or skip");
                    }
                    break;
                default:
                    throw new IllegalArgumentException("xent options: unknown key '" + key
                            + "': the keys are form, clip, smoothing, class_weights, tolerance,"
                            + " classes, backend, bad_rows");
            }
        }
        return new LossSpec(text, form, clipping, smoothing, classWeights, tolerance, classes,
                backend, skip);
    }

    private static Predictions form(String value) {
        switch (value.toLowerCase(Locale.ROOT)) {
            case "probabilities":
                return Predictions.PROBABILITIES;
            case "logits":
                return Predictions.LOGITS;
            case "log_probabilities":
                return Predictions.LOG_PROBABILITIES;
            default:
                throw new IllegalArgumentException("xent options: form=" + value
                        + ": use probabilities, logits or log_probabilities");
        }
    }

    private static double number(String key, String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("xent options: " + key + "=" + value
                    + " is not a number", e);
        }
    }

    private static double[] numbers(String key, String value) {
        List<String> parts = names(value);
        double[] out = new double[parts.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = number(key, parts.get(i));
        }
        return out;
    }

    private static List<String> names(String value) {
        List<String> out = new ArrayList<>();
        for (String s : value.split(",", -1)) {
            out.add(s.trim());
        }
        return out;
    }

    /**
     * The text these options were parsed from.
     *
     * @return the text
     */
    public String text() {
        return text;
    }

    /**
     * Whether a bad row is counted and skipped ({@code bad_rows=skip}) rather than failing the job.
     *
     * @return true to skip bad rows
     */
    public boolean skipBadRows() {
        return skipBadRows;
    }

    /**
     * The form of the predictions.
     *
     * @return the form
     */
    public Predictions form() {
        return form;
    }

    /**
     * The number of classes these options fix, if any: the number of {@code classes} or of
     * {@code class_weights}.
     *
     * @return K, or 0 when the data decides (the length of the first prediction row)
     */
    int fixedClasses() {
        if (classes != null) {
            return classes.size();
        }
        return classWeights == null ? 0 : classWeights.length;
    }

    /** The loss layer's options: clipping, smoothing, class weights, tolerance, backend. */
    LossOptions options() {
        LossOptions o = LossOptions.DEFAULTS.withClipping(Clipping.parse(clipping))
                .withLabelSmoothing(smoothing);
        if (classWeights != null) {
            o = o.withClassWeights(classWeights);
        }
        if (!Double.isNaN(tolerance)) {
            o = o.withRowSumTolerance(tolerance);
        }
        if (backend != null) {
            o = o.using(Backends.byId(backend));
        }
        return o;
    }

    /**
     * The loss of the given kind with these options, K classes (ignored for binary and labelled).
     */
    CrossEntropy loss(LossKind kind, int k) {
        if (kind == LossKind.LABELLED) {
            if (classes == null) {
                throw new IllegalArgumentException("xent options: the labelled log loss needs"
                        + " classes=name1,name2,… (the class names in column order)");
            }
        } else if (classes != null) {
            throw new IllegalArgumentException("xent options: classes=… is for the labelled log"
                    + " loss only");
        }
        switch (kind) {
            case BINARY:
                return CrossEntropy.binary(form).withOptions(options());
            case CATEGORICAL:
                return CrossEntropy.categorical(k, form).withOptions(options());
            case SPARSE:
                return CrossEntropy.sparse(k, form).withOptions(options());
            default:
                return CrossEntropy.labelled(ClassLabels.inOrder(classes.toArray(new String[0])),
                        form).withOptions(options());
        }
    }

    /**
     * Whether the other options are the same settings.
     *
     * @param o another object
     * @return true if equal
     */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof LossSpec)) {
            return false;
        }
        LossSpec x = (LossSpec) o;
        return form == x.form && clipping.equals(x.clipping)
                && Double.compare(smoothing, x.smoothing) == 0
                && Arrays.equals(classWeights, x.classWeights)
                && Double.compare(tolerance, x.tolerance) == 0
                && Objects.equals(classes, x.classes) && Objects.equals(backend, x.backend)
                && skipBadRows == x.skipBadRows;
    }

    @Override
    public int hashCode() {
        return Objects.hash(form, clipping, smoothing, Arrays.hashCode(classWeights), tolerance,
                classes, backend, skipBadRows);
    }

    /** The text the options were parsed from, in quotes. */
    @Override
    public String toString() {
        return "'" + text + "'";
    }
}
