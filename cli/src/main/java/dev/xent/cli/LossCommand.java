package dev.xent.cli;

import dev.xent.text.Decimals;
import dev.xent.InformationMeasures;
import dev.xent.loss.BinaryAccumulator;
import dev.xent.loss.Clipping;
import dev.xent.loss.CrossEntropy;
import dev.xent.loss.LossAccumulator;
import dev.xent.loss.LossInputException;
import dev.xent.loss.LossOptions;
import dev.xent.loss.LossSummary;
import dev.xent.loss.Predictions;
import dev.xent.loss.Profile;
import dev.xent.loss.SparseAccumulator;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code xent loss FILE.csv}: the mean cross-entropy (log loss) of a file of predictions, streamed
 * through a {@link BinaryAccumulator} or a {@link SparseAccumulator} in constant memory.
 *
 * <h2>The file</h2>
 * CSV (RFC 4180, UTF-8, see {@link CsvReader}) with a header row. The label column
 * ({@code --label}, default {@code label}) holds each example's true class; the optional weight
 * column ({@code --weights}) a sample weight ≥ 0; every other column, in header order, is one
 * class's predicted probability (or logit with {@code --from-logits}), its header the class's name.
 * <ul>
 *   <li>K ≥ 2 such columns: categorical. A label is a column's header (names win) or a 0-based
 *       column index; the loss is −ln q<sub>y</sub>, as scikit-learn's {@code log_loss} with
 *       {@code labels=} the headers, Keras' {@code sparse_categorical_crossentropy}.</li>
 *   <li>One column: binary, the column is P(class 1) and a label is 0, 1 or a soft target in
 *       [0, 1] — Keras' {@code binary_crossentropy}, scikit-learn's {@code log_loss} on a 1-D
 *       {@code y_pred}. The classes are named {@code 0} and {@code 1}.</li>
 * </ul>
 * Each row must sum to 1 within 8·K·2<sup>−52</sup> ({@code Distribution.sumTolerance}); a file
 * written with few decimals needs {@code --row-tolerance}: K entries each rounded to d decimals
 * may miss 1 by K·0.5·10<sup>−d</sup>, e.g. 5e-6 for 10 classes written with 6 decimals. xent never
 * renormalises a row (scikit-learn ≥ 1.5 also refuses rows that do not sum to 1; earlier versions
 * and Keras renormalised silently).
 *
 * <h2>Errors</h2>
 * Every bad field — not a number, a probability outside [0, 1], an unknown label, a negative
 * weight, a row that does not sum to 1 (reported at its first probability column) — stops the run
 * with {@code FILE:LINE:COLUMN: message} and exit status 2, as compilers report positions. This
 * command checks only what the library cannot: the CSV itself, that fields are numbers, and that
 * a label names a class column. Every value check (a probability in [0, 1], a finite logit, a
 * weight ≥ 0, a binary label in [0, 1], the row sum) is the accumulator's; its
 * {@link LossInputException} carries the example index, the class index, the value and what was
 * expected, and this command turns them into a position (the example is the data row being read;
 * the class is a CSV column) and a message in its own words.
 *
 * <h2>Output</h2>
 * Text: the mean in nats, the number of examples (and the weight sum with {@code --weights}), the
 * clip count (with {@code --profile}, also the rows it rescaled and the log terms it clamped), the
 * perplexity exp(mean) and the bits per token mean/ln 2, the D² skill score against the class
 * priors of the labels with that baseline's log loss ({@code undefined} for soft targets or a
 * single class), the tutorial's reading of the mean, and with {@code --per-class} each class's
 * count and mean. JSON: one object per backend, {@code {"measure": "log_loss", "value": …, "unit":
 * "nats", "backend": …, "count": …, "per_class": {…}, "clipped": …, "perplexity": …,
 * "bits_per_token": …, "d2": …, "d2_baseline": "class priors", "baseline_log_loss": …,
 * "interpretation": …}} — the per-class means always (null for a class without examples),
 * {@code "d2": null} (and no baseline) when D² is undefined, and {@code "profile"},
 * {@code "rescaled_rows"}, {@code "clamped_terms"} after {@code "clipped"} with {@code --profile}.
 * {@code --profile} and {@code --clip} together are refused: a profile sets its peer's clipping. With {@code --from-logits} the
 * backend is not used (the loss is computed in log space) and is still named; {@code --clip}
 * other than {@code exact} is refused with it, since there is no probability to clip.
 *
 * <h2>Progress</h2>
 * When the terminal is interactive ({@code System.console() != null}) a line
 * {@code xent loss: FILE: N rows} on standard error is rewritten at most twice a second and erased
 * at the end; never in a pipe, so scripts see only the result.
 */
@Command(name = "loss", mixinStandardHelpOptions = true, versionProvider = Xent.Version.class,
        description = "Mean cross-entropy (log loss) of a CSV file of predictions, in nats, "
                + "with per-class means and the tutorial's reading.")
final class LossCommand implements Callable<Integer> {

    /** How many header names a message lists before it cuts the list. */
    private static final int HEADER_SHOWN = 10;

    /** How often (rows) the progress clock is looked at; a power of two. */
    private static final int PROGRESS_EVERY = 1 << 16;

    @Spec
    CommandSpec spec;

    @Mixin
    BackendOption backend;

    @Mixin
    InputLimits limits;

    @Parameters(index = "0", paramLabel = "FILE",
            description = "the CSV file of predictions, with a header row; '-' reads standard input")
    String file;

    @Option(names = "--label", paramLabel = "COLUMN", defaultValue = "label",
            description = "the column of true classes: a class column's header or a 0-based index; "
                    + "for one probability column, 0, 1 or a soft target in [0, 1] (default: ${DEFAULT-VALUE})")
    String labelColumn;

    @Option(names = "--weights", paramLabel = "COLUMN",
            description = "a column of sample weights >= 0 (default: every example weighs 1)")
    String weightColumn;

    @Option(names = "--from-logits", description = "the class columns are logits, not probabilities")
    boolean fromLogits;

    @Option(names = "--label-smoothing", paramLabel = "A", converter = Decimal.class,
            description = "smooth the targets towards uniform, Keras-style: t' = t(1 - A) + A/K (binary: A/2)")
    Double smoothing;

    @Option(names = "--clip", paramLabel = "POLICY",
            description = "exact (default: p = 0 for the true class gives Infinity), keras (1e-7), "
                    + "sklearn (2.2e-16), 1e-15 (the tutorial's, Spark's), or any epsilon")
    String clip;

    @Option(names = "--profile", paramLabel = "PEER",
            description = "reproduce a peer: keras (Keras 3: clip to [1e-7, 1 - 1e-7], rows rescaled), "
                    + "pytorch (PyTorch 2 BCELoss: log clamped at -100), sklearn-legacy (scikit-learn < 1.2: "
                    + "clip at 1e-15, rows rescaled), exact (default); not with --clip")
    String profileName;

    @Option(names = "--row-tolerance", paramLabel = "EPS", converter = Decimal.class,
            description = "how far a row of probabilities may be from summing to 1 "
                    + "(default: 8*K*2^-52; K columns rounded to d decimals need K*0.5e-d, "
                    + "e.g. 5e-6 for 10 classes written with 6 decimals)")
    Double rowTolerance;

    @Option(names = "--per-class", description = "also print each class's count and mean")
    boolean perClass;

    @Option(names = "--json", description = "print one JSON object per backend instead of text")
    boolean json;

    /** Runs the command. */
    @Override
    public Integer call() {
        Clipping clipping = Options.clipping(clip == null ? "exact" : clip);
        Profile profile;
        try {
            profile = profileName == null ? Profile.EXACT : Profile.parse(profileName);
        } catch (IllegalArgumentException e) {
            throw new InputException("--profile: " + e.getMessage(), e);
        }
        if (profileName != null && clip != null) {
            throw new InputException("--profile " + Quote.literal(profileName) + " with --clip " + Quote.literal(clip)
                    + ": a profile sets its peer's clipping itself; use one or the other");
        }
        if (fromLogits && profile != Profile.EXACT) {
            throw new InputException("--profile " + Quote.literal(profileName) + " with --from-logits: a profile changes how "
                    + "probabilities are clipped, rescaled or clamped, and logits are none of these; "
                    + "leave --profile out");
        }
        if (fromLogits && !clipping.isExact()) {
            throw new InputException("--clip " + Quote.literal(clip) + " with --from-logits: logits are never clipped "
                    + "(the loss is computed exactly in log space); leave --clip out");
        }
        if (labelColumn.equals(weightColumn)) {
            throw new InputException("--label and --weights name the same column " + Quote.of(labelColumn));
        }
        boolean stdin = file.equals("-");
        String source = stdin ? "<stdin>" : file;
        try (CsvReader csv = new CsvReader(open(stdin), source, limits)) {
            if (!csv.next()) {
                throw new InputException(source + ": the file is empty: expected a header row with a "
                        + Quote.of(labelColumn) + " column and one column per class");
            }
            Layout layout = layout(csv);
            List<InformationMeasures> backends = backend.selected();
            LossOptions options = options(clipping, profile);
            Predictions form = fromLogits ? Predictions.LOGITS : Predictions.PROBABILITIES;
            List<BinaryAccumulator> binary = new ArrayList<>();
            List<SparseAccumulator> sparse = new ArrayList<>();
            List<LossAccumulator> accs = new ArrayList<>();
            for (InformationMeasures b : backends) {
                if (layout.binary()) {
                    binary.add(CrossEntropy.binary(form).withOptions(options.using(b)).accumulator());
                } else {
                    sparse.add(CrossEntropy.sparse(layout.names().size(), form)
                            .withOptions(options.using(b)).accumulator());
                }
            }
            accs.addAll(binary);
            accs.addAll(sparse);
            long rows = stream(csv, layout, binary, sparse);
            if (rows == 0) {
                throw new InputException(source + ": no data rows after the header");
            }
            PrintWriter out = spec.commandLine().getOut();
            for (int i = 0; i < accs.size(); i++) {
                LossSummary s;
                try {
                    s = accs.get(i).summary();
                } catch (LossInputException e) {
                    throw new InputException(source + ": " + e.getMessage(), e);
                }
                print(out, s, backends.get(i), layout, clipping);
            }
            out.flush();
        } catch (IOException e) {
            throw new InputException(source + ": cannot read: " + InputFiles.problem(e), e);
        }
        return 0;
    }

    private InputStream open(boolean stdin) {
        if (stdin) {
            // System.in stays open: an embedding program (or a test) may run several commands
            return new java.io.FilterInputStream(System.in) {
                @Override
                public void close() {
                }
            };
        }
        return InputFiles.open(file, "FILE");
    }

    /** Which column is what, from the header. */
    private record Layout(int fields, int label, int weight, int[] classColumns, List<String> names,
            byte[][] utf8Names, boolean binary) {
    }

    private Layout layout(CsvReader csv) {
        int n = csv.fieldCount();
        int label = -1;
        int weight = -1;
        for (int i = 0; i < n; i++) {
            String h = csv.text(i);
            if (h.isEmpty()) {
                throw i == n - 1 && n > 1 ? csv.error(i, "the header ends with a comma: a column without a name")
                        : csv.error(i, "column " + (i + 1) + " of the header has no name: name every column");
            }
            if (h.equals(labelColumn)) {
                if (label >= 0) {
                    throw csv.error(i, "the label column " + Quote.of(h) + " appears twice in the header");
                }
                label = i;
            } else if (weightColumn != null && h.equals(weightColumn)) {
                if (weight >= 0) {
                    throw csv.error(i, "the weight column " + Quote.of(h) + " appears twice in the header");
                }
                weight = i;
            }
        }
        if (label < 0) {
            throw csv.error(0, "no column " + Quote.of(labelColumn) + " in the header " + header(csv)
                    + ": name the label column with --label COLUMN");
        }
        if (weightColumn != null && weight < 0) {
            throw csv.error(0, "no column " + Quote.of(weightColumn) + " (--weights) in the header " + header(csv));
        }
        int[] classes = new int[n - 1 - (weight >= 0 ? 1 : 0)];
        if (classes.length == 0) {
            throw csv.errorAtEnd("no probability columns: the header " + header(csv)
                    + " needs one column per class besides the label (one column for binary: P(class 1))");
        }
        Set<String> seen = new LinkedHashSet<>();
        List<String> names = new ArrayList<>();
        int c = 0;
        for (int i = 0; i < n; i++) {
            if (i != label && i != weight) {
                String h = csv.text(i);
                if (!seen.add(h)) {
                    throw csv.error(i, "the class column " + Quote.of(h) + " appears twice in the header");
                }
                classes[c++] = i;
                names.add(h);
            }
        }
        boolean binary = classes.length == 1;
        List<String> classNames = binary ? List.of("0", "1") : names;
        byte[][] utf8 = new byte[classNames.size()][];
        for (int k = 0; k < utf8.length; k++) {
            utf8[k] = classNames.get(k).getBytes(StandardCharsets.UTF_8);
        }
        return new Layout(n, label, weight, classes, classNames, utf8, binary);
    }

    private static String header(CsvReader csv) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < csv.fieldCount(); i++) {
            if (i == HEADER_SHOWN) {
                b.append(", … (").append(csv.fieldCount()).append(" columns)");
                break;
            }
            b.append(i == 0 ? "" : ", ").append(Quote.bare(csv.text(i)));
        }
        return b.append(']').toString();
    }

    /** The loss's options from the command's: clipping or profile, smoothing, row tolerance. */
    private LossOptions options(Clipping clipping, Profile profile) {
        LossOptions options = profile == Profile.EXACT ? LossOptions.DEFAULTS.withClipping(clipping)
                : LossOptions.DEFAULTS.withProfile(profile);
        if (smoothing != null) {
            try {
                options = options.withLabelSmoothing(smoothing);
            } catch (IllegalArgumentException e) {
                throw new InputException("--label-smoothing: " + e.getMessage(), e);
            }
        }
        if (rowTolerance != null) {
            try {
                options = options.withRowSumTolerance(rowTolerance);
            } catch (IllegalArgumentException e) {
                throw new InputException("--row-tolerance: " + e.getMessage(), e);
            }
        }
        return options;
    }

    /** Reads every data row into the accumulators; returns the number of rows. */
    private long stream(CsvReader csv, Layout layout, List<BinaryAccumulator> binary,
            List<SparseAccumulator> sparse) throws IOException {
        int k = layout.classColumns().length;
        double[] row = new double[k];
        int label = layout.label();
        int weight = layout.weight();
        PrintWriter err = spec.commandLine().getErr();
        boolean progress = System.console() != null;
        long started = System.nanoTime();
        long lastShown = started;
        long rows = 0;
        while (csv.next()) {
            if (csv.fieldCount() != layout.fields()) {
                if (csv.fieldCount() > layout.fields()) {
                    throw csv.error(layout.fields(), "this row has " + csv.fieldCount()
                            + " fields, the header has " + layout.fields());
                }
                throw csv.errorAtEnd("this row has " + csv.fieldCount() + " fields, the header has "
                        + layout.fields());
            }
            for (int j = 0; j < k; j++) {
                row[j] = csv.number(layout.classColumns()[j]);
            }
            double w = weight >= 0 ? csv.number(weight) : 1.0;
            try {
                if (layout.binary()) {
                    double y = csv.number(label);
                    for (int a = 0; a < binary.size(); a++) {
                        binary.get(a).add(y, row[0], w);
                    }
                } else {
                    int y = classIndex(csv, layout);
                    for (int a = 0; a < sparse.size(); a++) {
                        sparse.get(a).add(y, row, w);
                    }
                }
            } catch (LossInputException e) {
                throw rejected(csv, layout, rows, row, w, e);
            }
            rows++;
            if (progress && (rows & (PROGRESS_EVERY - 1)) == 0) {
                long now = System.nanoTime();
                if (now - lastShown >= 500_000_000L) {
                    lastShown = now;
                    err.printf(Locale.ROOT, "\rxent loss: %s: %,d rows (%,.0f rows/s)", csv.source(), rows,
                            rows / ((now - started) / 1e9));
                    err.flush();
                }
            }
        }
        if (progress && lastShown != started) {
            err.print("\r\033[K");
            err.flush();
        }
        return rows;
    }

    /** The class names for a message, bounded as the header is. */
    private static String classList(Layout layout) {
        List<String> names = layout.names();
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < names.size(); i++) {
            if (i == HEADER_SHOWN) {
                b.append(", … (").append(names.size()).append(" classes)");
                break;
            }
            b.append(i == 0 ? "" : ", ").append(Quote.bare(names.get(i)));
        }
        return b.append(']').toString();
    }

    private String columnName(Layout layout, int j) {
        return layout.binary() ? "1" : layout.names().get(j);
    }

    /** The label of a categorical row: a class column's header, else a 0-based index. */
    private static int classIndex(CsvReader csv, Layout layout) {
        byte[][] names = layout.utf8Names();
        for (int c = 0; c < names.length; c++) {
            if (csv.fieldEquals(layout.label(), names[c])) {
                return c;
            }
        }
        int index = csv.index(layout.label(), names.length - 1);
        if (index >= 0) {
            return index;
        }
        throw csv.error(layout.label(), "unknown label " + Quote.of(csv.text(layout.label()))
                + ": not one of the class columns " + classList(layout) + " nor an index 0 to "
                + (names.length - 1));
    }

    /**
     * The library refused data row {@code rows} (0-based, the example index of every
     * accumulator): a message at the field its class index names, in this command's words.
     */
    private InputException rejected(CsvReader csv, Layout layout, long rows, double[] row, double w,
            LossInputException e) {
        if (e.exampleIndex() != rows) {
            // every accumulator has seen exactly the rows before this one
            throw new IllegalStateException("the loss reported example " + e.exampleIndex()
                    + " while data row " + rows + " was being added", e);
        }
        int j = Math.max(e.classIndex(), 0);
        InputException x;
        switch (e.input()) {
            case PREDICTION:
                x = csv.error(layout.classColumns()[j], (fromLogits ? "logit " : "probability ")
                        + Decimals.shortest(row[j]) + " for class " + Quote.of(columnName(layout, j)) + " is not "
                        + e.expected());
                break;
            case PREDICTION_ROW:
                x = csv.error(layout.classColumns()[0], "prediction row " + rowText(row)
                        + " sums to " + e.value() + ", not " + e.expected() + "; xent does not renormalise:"
                        + " fix the data, or if the file was written with few decimals, allow for it with"
                        + " --row-tolerance EPS (K columns rounded to d decimals may be off by K*0.5e-d:"
                        + " 5e-6 for 10 classes with 6 decimals)");
                break;
            case WEIGHT:
                x = csv.error(layout.weight(), "weight " + Decimals.shortest(w) + " is not " + e.expected());
                break;
            case TARGET:
                x = csv.error(layout.label(), "label " + Decimals.shortest(csv.number(layout.label()))
                        + " is not 0, 1 or a soft target in [0, 1] (one probability column means binary)");
                break;
            default:
                // not produced by this command's data (its labels are resolved above and it has no
                // target rows), but reported from the fields all the same
                x = csv.error(layout.classColumns()[j], e.input().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                        + " " + e.value() + " is not " + e.expected());
                break;
        }
        x.initCause(e);
        return x;
    }

    /** How many entries of a prediction row a message quotes. */
    private static final int ROW_SHOWN = 10;

    /** A prediction row for a message: whole up to {@value #ROW_SHOWN} classes, else its start and length. */
    private static String rowText(double[] row) {
        if (row.length <= ROW_SHOWN) {
            return Arrays.toString(row);
        }
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < ROW_SHOWN; i++) {
            b.append(i == 0 ? "" : ", ").append(row[i]);
        }
        return b.append(", …] (").append(row.length).append(" values)").toString();
    }

    private void print(PrintWriter out, LossSummary s, InformationMeasures b, Layout layout, Clipping clipping) {
        double mean = s.mean();
        String reading = s.interpretation().reading();
        if (json) {
            Json perClassJson = new Json();
            for (int c = 0; c < s.numClasses(); c++) {
                OptionalDouble m = s.classMean(c);
                if (m.isPresent()) {
                    perClassJson.put(layout.names().get(c), m.getAsDouble());
                } else {
                    perClassJson.putNull(layout.names().get(c));
                }
            }
            Json j = new Json().put("measure", "log_loss").put("value", mean).put("unit", "nats")
                    .put("backend", b.id()).put("count", s.count());
            if (layout.weight() >= 0) {
                j.put("weight_sum", s.weightSum());
            }
            j.put("per_class", perClassJson).put("clipped", s.clipCount());
            Profile profile = s.loss().options().profile();
            if (profile != Profile.EXACT) {
                j.put("profile", profile.id()).put("rescaled_rows", s.rescaledRows())
                        .put("clamped_terms", s.clampedTerms());
            }
            j.put("perplexity", s.perplexity()).put("bits_per_token", s.bitsPerToken());
            OptionalDouble d2 = s.d2LogLossScore();
            if (d2.isPresent()) {
                j.put("d2", d2.getAsDouble()).put("d2_baseline", "class priors")
                        .put("baseline_log_loss", s.baselineLogLoss().getAsDouble());
            } else {
                j.putNull("d2");
            }
            out.println(j.put("interpretation", reading));
            return;
        }
        out.println("log loss (mean cross-entropy) = " + Decimals.shortest(mean) + " nats  [" + b.id() + "]");
        out.println("  examples: " + s.count() + (layout.weight() >= 0
                ? ", weight sum " + Decimals.shortest(s.weightSum())
                        + (Double.isInfinite(s.weightSum()) ? " (beyond the largest double; the mean is exact)" : "")
                : ""));
        Profile profile = s.loss().options().profile();
        if (profile == Profile.EXACT) {
            out.println("  clipped:  " + s.clipCount() + " (--clip " + clipping.name() + ")");
        } else {
            out.println("  clipped:  " + s.clipCount() + ", rescaled rows " + s.rescaledRows()
                    + ", clamped terms " + s.clampedTerms() + " (--profile " + profile.id() + ")");
        }
        out.println("  perplexity: " + Decimals.shortest(s.perplexity()) + ", " + Decimals.shortest(s.bitsPerToken())
                + " bits per token");
        OptionalDouble d2 = s.d2LogLossScore();
        out.println("  d2:       " + (d2.isPresent() ? Decimals.shortest(d2.getAsDouble())
                + " (baseline: the class priors of the labels, log loss "
                + Decimals.shortest(s.baselineLogLoss().getAsDouble()) + " nats)"
                : "undefined (needs hard labels of at least two classes: soft targets or a single class"
                        + " have no class-prior baseline)"));
        out.println("  reading:  " + reading);
        if (perClass) {
            out.println("  per class:");
            int width = 5;
            for (String name : layout.names()) {
                width = Math.max(width, name.length());
            }
            for (int c = 0; c < s.numClasses(); c++) {
                OptionalDouble m = s.classMean(c);
                out.println(String.format(Locale.ROOT, "    %-" + width + "s  %s", layout.names().get(c),
                        m.isPresent() ? Decimals.shortest(m.getAsDouble()) + " nats over " + s.classCount(c)
                                + (s.classCount(c) == 1 ? " example" : " examples")
                                : "no examples"));
            }
        }
    }
}
