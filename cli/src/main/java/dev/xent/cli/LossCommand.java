package dev.xent.cli;

import dev.xent.text.Decimals;
import dev.xent.InformationMeasures;
import dev.xent.loss.BinaryAccumulator;
import dev.xent.loss.Clipping;
import dev.xent.loss.CrossEntropy;
import dev.xent.loss.LossInputException;
import dev.xent.loss.LossOptions;
import dev.xent.loss.LossSummary;
import dev.xent.loss.Predictions;
import dev.xent.loss.Profile;
import dev.xent.loss.SparseAccumulator;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.ITypeConverter;
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
 * <h2>Threads and chunks</h2>
 * A regular file is read by {@code --threads} workers (default: the available processors), each
 * taking the next chunk of {@link #CHUNK_BYTES} bytes (cut at line starts) with a
 * {@link CsvScanner}; the chunks' accumulators are merged in file order ({@link Chunks}), so the
 * result has the same bits with any number of threads, and the same as standard input gives (read
 * on one core with the same chunk rule). The first chunk in file order that the scanner cannot read alone (a
 * quote, malformed UTF-8, any bad field) ends the parallel run: the file is read from that chunk's
 * start to its end by one thread, {@link CsvReader} taking over at the record in question, so every
 * error is the first one in file order with its exact position, and a quoted line break is never
 * mistaken for a record's end (no chunk before that one holds a quote, so its start is sound).
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

    /**
     * The chunk size, 4 MiB: the unit of parallel work and of the merge order ({@link Chunks}).
     * Fixed, so that the result does not depend on the machine; large enough that a chunk's
     * start-up (a line-start search, fresh accumulators) is lost in its 40,000-odd rows, small
     * enough that two workers stay busy to the end of a 100 MB file.
     */
    static final int CHUNK_BYTES = 1 << 22;

    /** The most threads {@code --threads} takes. */
    static final int MAX_THREADS = 256;

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

    @Option(names = "--threads", paramLabel = "N", converter = ThreadCount.class,
            description = "how many threads read a regular file (default: the available processors); "
                    + "the result is the same bit for bit with any N")
    Integer threads;

    /** For tests: the chunk size; the result's last bits depend on it, so it is not documented. */
    @Option(names = "--chunk-bytes", paramLabel = "N", converter = InputLimits.Cap.class, hidden = true)
    int chunkBytes = CHUNK_BYTES;

    /** Rows read so far by this thread's loops and the merged chunks (the progress line's count). */
    private long rowsRead;

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
            Chunks chunks = new Chunks(chunkBytes, () -> accumulators(layout, form, options, backends));
            Progress progress = new Progress(spec.commandLine().getErr(), source, System.console() != null);
            int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
            if (!stdin && n > 1 && Files.isRegularFile(Path.of(file))) {
                parallel(Path.of(file), n, csv, layout, chunks, progress);
            } else {
                sequential(csv.rest(), csv.nextOffset(), csv.nextLine(), layout, chunks, progress);
            }
            progress.end();
            Chunks.Accumulators total = chunks.finish();
            if (total.count() == 0) {
                throw new InputException(source + ": no data rows after the header");
            }
            PrintWriter out = spec.commandLine().getOut();
            for (int i = 0; i < backends.size(); i++) {
                LossSummary s;
                try {
                    s = total.get(i).summary();
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
            byte[][] utf8Names, boolean binary, boolean numericNames) {
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
        // whether some class is named like an index ("3"): then a label's name must be looked up first
        boolean numericNames = false;
        for (byte[] name : utf8) {
            numericNames |= CsvReader.index(name, 0, name.length, Integer.MAX_VALUE) >= 0;
        }
        return new Layout(n, label, weight, classes, classNames, utf8, binary, numericNames);
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

    /** A fresh set of accumulators, one per backend. */
    private static Chunks.Accumulators accumulators(Layout layout, Predictions form, LossOptions options,
            List<InformationMeasures> backends) {
        int n = backends.size();
        BinaryAccumulator[] binary = new BinaryAccumulator[layout.binary() ? n : 0];
        SparseAccumulator[] sparse = new SparseAccumulator[layout.binary() ? 0 : n];
        for (int i = 0; i < n; i++) {
            if (layout.binary()) {
                binary[i] = CrossEntropy.binary(form).withOptions(options.using(backends.get(i))).accumulator();
            } else {
                sparse[i] = CrossEntropy.sparse(layout.names().size(), form)
                        .withOptions(options.using(backends.get(i))).accumulator();
            }
        }
        return new Chunks.Accumulators(binary, sparse);
    }

    /**
     * Reads the data rows from {@code in} (which starts at a line start, {@code offset} bytes and
     * {@code line} lines into the input) to the end, on this thread: the scanner while it can, then
     * {@link CsvReader} from the first record it cannot read alone.
     */
    private void sequential(InputStream in, long offset, long line, Layout layout, Chunks chunks,
            Progress progress) throws IOException {
        CsvScanner scanner = new CsvScanner(in, offset, line, layout.fields(), limits);
        if (scan(scanner, layout, chunks, progress) == CsvScanner.BAIL) {
            // the rows before the bailed record have been added; CsvReader goes on from it
            CsvReader careful = new CsvReader(scanner.rest(), progress.source, limits, scanner.recordOffset(),
                    scanner.recordLine());
            stream(careful, layout, chunks, progress);
        }
    }

    /**
     * The fast loop: rows from the scanner into their chunk's accumulators, until the end or the
     * first row that needs {@link CsvReader} (a field that is not a number, an unknown label, a row
     * the loss refuses: left unread, for the careful reader to report). Workers pass no progress.
     *
     * @return {@link CsvScanner#END} or {@link CsvScanner#BAIL}
     */
    private int scan(CsvScanner csv, Layout layout, Chunks chunks, Progress progress) throws IOException {
        int[] columns = layout.classColumns();
        int k = columns.length;
        double[] row = new double[k];
        int label = layout.label();
        int weight = layout.weight();
        int names = layout.utf8Names().length;
        while (true) {
            int r = csv.next();
            if (r != CsvScanner.RECORD) {
                return r;
            }
            Chunks.Accumulators acc = chunks.at(csv.recordOffset());
            try {
                for (int j = 0; j < k; j++) {
                    row[j] = csv.number(columns[j]);
                }
                double w = weight >= 0 ? csv.number(weight) : 1.0;
                if (layout.binary()) {
                    double y = csv.number(label);
                    for (BinaryAccumulator a : acc.binary) {
                        a.add(y, row[0], w);
                    }
                } else {
                    int y = classIndex(csv, layout);
                    if (y < 0 || y >= names) {
                        return csv.bail();
                    }
                    for (SparseAccumulator a : acc.sparse) {
                        a.add(y, row, w);
                    }
                }
            } catch (NumberSyntax.NotANumber | LossInputException e) {
                // CsvReader reads this row again and reports it (the loss added nothing of it)
                return csv.bail();
            }
            if (progress != null && (++rowsRead & (PROGRESS_EVERY - 1)) == 0) {
                progress.show(rowsRead);
            }
        }
    }

    /** What a worker made of one chunk: its accumulators, or null if the chunk needs one thread. */
    private record Chunk(long start, Chunks.Accumulators accumulators, long rows, long lines) {
    }

    /**
     * Reads a regular file's data rows (from the careful reader's position, after the header) with
     * {@code threads} workers, one chunk each at a time, merging the chunks in file order; from the
     * first chunk a worker could not read alone, the rest of the file is read sequentially.
     */
    private void parallel(Path path, int threads, CsvReader header, Layout layout, Chunks chunks,
            Progress progress) throws IOException {
        long dataStart = header.nextOffset();
        long dataLine = header.nextLine();
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = channel.size();
            long first = dataStart / chunkBytes;
            long last = Math.max(size - 1, dataStart) / chunkBytes;
            int t = (int) Math.min(threads, last - first + 1);
            if (t <= 1) {
                sequential(header.rest(), dataStart, dataLine, layout, chunks, progress);
                return;
            }
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService pool = Executors.newFixedThreadPool(t, task -> {
                Thread worker = new Thread(task, "xent-loss");
                worker.setDaemon(true);
                return worker;
            });
            try {
                ArrayDeque<Future<Chunk>> window = new ArrayDeque<>();
                long next = first;
                long lines = 0;
                while (true) {
                    while (window.size() < 2 * t && next <= last) {
                        long k = next++;
                        window.add(pool.submit(() -> chunk(channel, k, first, last, size, dataStart, layout, chunks,
                                stop)));
                    }
                    if (window.isEmpty()) {
                        return;
                    }
                    Chunk c = await(window.peek(), progress);
                    window.poll();
                    if (c.accumulators() == null) {
                        // never interrupt a worker: an interrupt closes the shared channel
                        stop.set(true);
                        window.forEach(f -> f.cancel(false));
                        chunks.add(null);
                        try (InputStream rest = Files.newInputStream(path)) {
                            rest.skipNBytes(c.start());
                            sequential(rest, c.start(), dataLine + lines, layout, chunks, progress);
                        }
                        return;
                    }
                    chunks.add(c.accumulators());
                    lines += c.lines();
                    rowsRead += c.rows();
                    progress.show(rowsRead);
                }
            } finally {
                stop.set(true);
                pool.shutdown();
            }
        }
    }

    /** Waits for a chunk, showing progress meanwhile. */
    private Chunk await(Future<Chunk> f, Progress progress) throws IOException {
        while (true) {
            try {
                return f.get(200, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                progress.show(rowsRead);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted");
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof UncheckedIOException u) {
                    throw u.getCause();
                }
                if (cause instanceof RuntimeException r) {
                    throw r;
                }
                if (cause instanceof Error r) {
                    throw r;
                }
                throw new IllegalStateException(cause);
            }
        }
    }

    /** A worker's job: chunk {@code k}, from the first line start at or after k·C to the next one's. */
    private Chunk chunk(FileChannel channel, long k, long first, long last, long size, long dataStart, Layout layout,
            Chunks chunks, AtomicBoolean stop) {
        try {
            long start = k == first ? dataStart : lineStart(channel, k * chunkBytes, size);
            long end = k == last ? size : lineStart(channel, (k + 1) * chunkBytes, size);
            if (stop.get()) {
                return new Chunk(start, null, 0, 0);
            }
            Chunks local = chunks.fork();
            if (start < end) {
                CsvScanner scanner = new CsvScanner(new Region(channel, start, end), start, 1, layout.fields(),
                        limits);
                if (scan(scanner, layout, local, null) == CsvScanner.BAIL) {
                    return new Chunk(start, null, 0, 0);
                }
                Chunks.Accumulators acc = local.current();
                if (acc != null) {
                    return new Chunk(start, acc, acc.count(), scanner.line() - 1);
                }
                return new Chunk(start, local.finish(), 0, scanner.line() - 1);
            }
            return new Chunk(start, local.finish(), 0, 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The first line start at or after {@code p} (0 < p): the position after the first LF, CRLF or
     * lone CR that ends at or after it; {@code size} if there is none.
     */
    private static long lineStart(FileChannel channel, long p, long size) throws IOException {
        if (p >= size) {
            return size;
        }
        ByteBuffer b = ByteBuffer.allocate(4096);
        long at = p - 1;
        while (at < size) {
            b.clear();
            int n = channel.read(b, at);
            if (n <= 0) {
                return size;
            }
            for (int i = 0; i < n; i++) {
                byte c = b.get(i);
                if (c == '\n') {
                    return at + i + 1;
                }
                if (c == '\r') {
                    if (i + 1 < n) {
                        return b.get(i + 1) == '\n' ? at + i + 2 : at + i + 1;
                    }
                    // the byte after the CR is in the next block: look at it there
                    ByteBuffer one = ByteBuffer.allocate(1);
                    int m = channel.read(one, at + i + 1);
                    return m == 1 && one.get(0) == '\n' ? at + i + 2 : at + i + 1;
                }
            }
            at += n;
        }
        return size;
    }

    /** The bytes [start, end) of a file, read with positional reads (several threads share the channel). */
    private static final class Region extends InputStream {
        private final FileChannel channel;
        private long pos;
        private final long end;

        Region(FileChannel channel, long start, long end) {
            this.channel = channel;
            this.pos = start;
            this.end = end;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) == 1 ? one[0] & 0xFF : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (pos >= end) {
                return -1;
            }
            int n = channel.read(ByteBuffer.wrap(b, off, (int) Math.min(len, end - pos)), pos);
            if (n > 0) {
                pos += n;
            }
            return n;
        }
    }

    /** Reads every remaining data row with the careful reader into the chunks' accumulators. */
    private void stream(CsvReader csv, Layout layout, Chunks chunks, Progress progress) throws IOException {
        int k = layout.classColumns().length;
        double[] row = new double[k];
        int label = layout.label();
        int weight = layout.weight();
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
            Chunks.Accumulators acc = chunks.at(csv.recordOffset());
            // the example index of every accumulator: the rows of this chunk before this one
            long rows = acc.count();
            try {
                if (layout.binary()) {
                    double y = csv.number(label);
                    for (BinaryAccumulator a : acc.binary) {
                        a.add(y, row[0], w);
                    }
                } else {
                    int y = classIndex(csv, layout);
                    for (SparseAccumulator a : acc.sparse) {
                        a.add(y, row, w);
                    }
                }
            } catch (LossInputException e) {
                throw rejected(csv, layout, rows, row, w, e);
            }
            if ((++rowsRead & (PROGRESS_EVERY - 1)) == 0) {
                progress.show(rowsRead);
            }
        }
    }

    /**
     * The progress line: {@code xent loss: FILE: N rows (R rows/s)} on standard error, rewritten at
     * most twice a second and erased at the end, only on an interactive terminal.
     */
    private static final class Progress {
        final String source;
        private final PrintWriter err;
        private final boolean on;
        private final long started = System.nanoTime();
        private long lastShown = started;

        Progress(PrintWriter err, String source, boolean on) {
            this.err = err;
            this.source = source;
            this.on = on;
        }

        void show(long rows) {
            if (!on) {
                return;
            }
            long now = System.nanoTime();
            if (now - lastShown >= 500_000_000L) {
                lastShown = now;
                err.printf(Locale.ROOT, "\rxent loss: %s: %,d rows (%,.0f rows/s)", source, rows,
                        rows / ((now - started) / 1e9));
                err.flush();
            }
        }

        void end() {
            if (on && lastShown != started) {
                err.print("\r\033[K");
                err.flush();
            }
        }
    }

    /** Reads {@code --threads}: a whole number from 1 to {@value #MAX_THREADS}. */
    static final class ThreadCount implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return InputLimits.wholeNumber(value, MAX_THREADS, "a number of threads");
        }
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

    /** The label of a categorical row for the scanner: a class index, or −1 if the name is unknown. */
    private static int classIndex(CsvScanner csv, Layout layout) {
        byte[][] names = layout.utf8Names();
        int index = csv.index(layout.label(), names.length - 1);
        if (index >= 0 && !layout.numericNames()) {
            // no class is named like an index, so no name can be this field: the index it is
            return index;
        }
        for (int c = 0; c < names.length; c++) {
            if (csv.fieldEquals(layout.label(), names[c])) {
                return c;
            }
        }
        return index;
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
