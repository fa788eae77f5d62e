package dev.xent.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads probabilities as the user types them: a comma-separated list ({@code --p 0.1,0.4,0.5}) or
 * a file with one probability per line ({@code --p-file p.txt}; blank lines and lines starting
 * with {@code #} are skipped; spaces around an entry are ignored). Every entry must be a number of
 * the command's grammar ({@link NumberSyntax}) in [0, 1]; a bad entry is reported with its
 * position — {@code --p: item 2: 'abc' is not a number} or {@code p.txt:3: 1.5 is greater than 1}
 * — so that the user can find it in a long file. The file is read under the command's input rules
 * ({@link TextLines}: byte-order mark skipped, strict UTF-8, the line caps of {@link InputLimits}).
 *
 * <p>With {@code --normalize} the entries are weights (or counts) rather than probabilities: any
 * finite non-negative number, rescaled afterwards by {@code Distribution.normalize}.
 *
 * <p>The grammar takes NaN and infinities, so that they are refused for what they are
 * ({@code NaN is not in [0, 1]}); it refuses hexadecimal and a trailing {@code d} or {@code f},
 * which {@code Double.parseDouble} would take, none of which is a probability someone meant to
 * type.
 */
final class Probabilities {

    private Probabilities() {
    }

    /**
     * Parses a comma-separated list given with the option {@code option}; weights may exceed 1.
     *
     * @param option the option, for messages
     * @param text the list
     * @param weights whether the entries are weights (any finite number ≥ 0)
     * @return the values
     */
    static double[] parseList(String option, String text, boolean weights) {
        String[] items = text.split(",", -1);
        double[] values = new double[items.length];
        for (int i = 0; i < items.length; i++) {
            try {
                values[i] = parse(items[i], weights);
            } catch (BadValue e) {
                throw new InputException(option + ": item " + (i + 1) + ": " + e.getMessage());
            }
        }
        return values;
    }

    /**
     * Reads a file of one probability (or, with {@code weights}, one weight) per line.
     *
     * @param file the file
     * @param option the option that named it, for messages about the name
     * @param weights whether the entries are weights
     * @param limits the caps on a line
     * @return the values
     */
    static double[] readFile(Path file, String option, boolean weights, InputLimits limits) {
        String name = file.toString();
        double[] values = new double[16];
        int n = 0;
        try (TextLines in = new TextLines(InputFiles.open(name, option), name, limits)) {
            String line;
            while ((line = in.next()) != null) {
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                if (n == values.length) {
                    values = Arrays.copyOf(values, n * 2);
                }
                try {
                    values[n++] = parse(t, weights);
                } catch (BadValue e) {
                    throw new InputException(name + ":" + in.number() + ": " + e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new InputException(name + ": cannot read: " + InputFiles.problem(e), e);
        }
        if (n == 0) {
            throw new InputException(name + ": no probabilities in the file (one per line)");
        }
        return Arrays.copyOf(values, n);
    }

    /**
     * One entry: a number in the grammar, in [0, 1] (or, for weights, finite and ≥ 0); −0 becomes
     * +0.
     *
     * @throws BadValue what is wrong, without where (the caller knows where)
     */
    private static double parse(String item, boolean weights) throws BadValue {
        String t = item.strip();
        if (t.isEmpty()) {
            throw new BadValue("empty");
        }
        double v;
        try {
            v = NumberSyntax.parse(t);
        } catch (NumberSyntax.NotANumber e) {
            throw new BadValue(Quote.of(t) + " is not a number");
        }
        if (v >= 0.0 && (weights ? v < Double.POSITIVE_INFINITY : v <= 1.0)) {
            return v + 0.0;
        }
        String range = weights ? "a weight is a finite number >= 0" : "a probability is in [0, 1]";
        if (Double.isNaN(v)) {
            throw new BadValue("NaN is not " + (weights ? "a weight" : "a probability") + ": " + range);
        }
        if (!(v >= 0.0)) {
            throw new BadValue(Quote.literal(t) + " is negative: " + range);
        }
        String shown = Quote.literal(t);
        if (Double.isInfinite(v)) {
            throw new BadValue(shown + (t.matches("(?i)\\+?inf(inity)?")
                    ? " is not finite: " + range : " is too large for a double"));
        }
        throw new BadValue(shown + " is greater than 1: " + range);
    }

    /** What is wrong with one entry; its caller adds where it is. */
    private static final class BadValue extends Exception {
        private static final long serialVersionUID = 1L;

        BadValue(String message) {
            super(message, null, false, false);
        }
    }
}
