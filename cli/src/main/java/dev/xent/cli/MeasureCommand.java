package dev.xent.cli;

import dev.xent.text.Decimals;
import dev.xent.Distribution;
import dev.xent.InformationMeasures;
import dev.xent.LogBase;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * What {@code entropy}, {@code cross-entropy}, {@code kl} and {@code info} share: reading P (and
 * Q), the unit ({@code --base} or {@code --unit}), the backend, and printing one result per backend
 * — a line of text for people, or (with {@code --json}) one JSON object per line for scripts.
 */
abstract class MeasureCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    BackendOption backend;

    @Mixin
    InputLimits limits;

    @Option(names = "--p", paramLabel = "P1,P2,...", description = "the distribution P, comma-separated")
    String pList;

    @Option(names = "--p-file", paramLabel = "FILE", converter = FileName.class, description = "read P from FILE, one probability per line")
    Path pFile;

    @Option(names = "--base", paramLabel = "B", description = "log base: 2 (bits, the default), e (nats), 10 (bans) or any number > 0 other than 1")
    String base;

    @Option(names = "--unit", paramLabel = "UNIT", description = "the unit instead of the base: bits, nats or bans")
    String unit;

    @Option(names = "--json", description = "print one JSON object per result instead of text")
    boolean json;

    @Option(names = "--normalize", description = "rescale the distributions to sum to 1 (entries may then"
            + " be any non-negative weights or counts); without it a sum other than 1 is an error")
    boolean normalize;

    /** The measure's JSON name, e.g. {@code cross_entropy}. */
    abstract String measure();

    /** Computes and prints; P (and Q) have been read. */
    abstract void compute(InformationMeasures b, LogBase logBase, PrintWriter out);

    /** Runs the command, printing to picocli's standard output. */
    @Override
    public Integer call() {
        run(spec.commandLine().getOut());
        return 0;
    }

    /**
     * Computes and prints the result of each selected backend: what {@link #call()} does, given the
     * stream; {@link QuickPath} calls it on a command whose fields it set itself.
     *
     * @param out where the results go
     */
    void run(PrintWriter out) {
        LogBase logBase = logBase();
        for (InformationMeasures b : backend.selected()) {
            compute(b, logBase, out);
        }
        out.flush();
    }

    /** The unit chosen with {@code --base} or {@code --unit} (not both); bits by default. */
    LogBase logBase() {
        if (base != null && unit != null) {
            throw new ParameterException(spec.commandLine(), "give --base or --unit, not both");
        }
        if (unit != null) {
            String u = unit.strip().toLowerCase(java.util.Locale.ROOT);
            if (!u.matches("bits?|nats?|bans?|hartleys?|shannons?|dits?")) {
                throw new InputException("--unit: unknown unit " + Quote.of(unit)
                        + ": use bits, nats or bans (or --base B)");
            }
            return LogBase.parse(u);
        }
        if (base == null) {
            return LogBase.BITS;
        }
        return Options.logBase(base);
    }

    /** The raw values of P: from {@code --p} or {@code --p-file}, exactly one of them. */
    double[] pValues() {
        return values("--p", pList, "--p-file", pFile);
    }

    /** Where P came from, for messages. */
    String pSource() {
        return pFile != null ? pFile.toString() : "--p";
    }

    /** Reads one of a pair of options (list or file) that must be given exactly once. */
    double[] values(String listOption, String list, String fileOption, Path file) {
        if (list != null && file != null) {
            throw new ParameterException(spec.commandLine(),
                    "give " + listOption + " or " + fileOption + ", not both");
        }
        if (list == null && file == null) {
            throw new ParameterException(spec.commandLine(),
                    "missing " + listOption + " or " + fileOption);
        }
        return list != null ? Probabilities.parseList(listOption, list, normalize)
                : Probabilities.readFile(file, fileOption, normalize, limits);
    }

    /**
     * A validated distribution; with {@code --normalize} the values are rescaled explicitly, without
     * it a sum other than 1 is reported with its source and the option that would rescale it.
     */
    Distribution distribution(String source, double[] values) {
        try {
            return normalize ? Distribution.normalize(values) : Distribution.of(values);
        } catch (IllegalArgumentException e) {
            // the entries were checked while parsing, so what Distribution.of refuses is the sum;
            // its advice names the Java method, a command-line user needs the option instead
            String message = e.getMessage().replaceFirst(
                    "; to rescale weights on purpose use Distribution\\.normalize\\(\\.\\.\\.\\)$", "");
            String hint = normalize ? "" : "; to rescale on purpose, add --normalize";
            throw new InputException(source + ": " + message + hint, e);
        }
    }

    /** Prints one result as text ({@code H(P) = 1.360964047443681 bits  [commons]}) or JSON. */
    void print(PrintWriter out, String symbol, double value, LogBase logBase, InformationMeasures b) {
        if (json) {
            out.println(new Json().put("measure", measure()).put("value", value)
                    .put("unit", logBase.unit()).put("backend", b.id()));
        } else {
            out.println(symbol + " = " + Decimals.shortest(value) + " " + logBase.unit() + "  [" + b.id() + "]");
        }
    }
}
