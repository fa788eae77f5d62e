package dev.xent.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads probabilities as the user types them: a comma-separated list ({@code --p 0.1,0.4,0.5}) or
 * a file with one probability per line ({@code --p-file p.txt}; blank lines and lines starting
 * with {@code #} are skipped). Every entry must be a plain decimal number in [0, 1]; a bad entry is
 * reported with its position — {@code --p: item 2: 'abc' is not a number} or
 * {@code p.txt:3: 1.5 is greater than 1} — so that the user can find it in a long file.
 *
 * <p>With {@code --normalize} the entries are weights (or counts) rather than probabilities: any
 * finite non-negative number, rescaled afterwards by {@code Distribution.normalize}.
 *
 * <p>Only decimal notation is accepted ({@code 0.5}, {@code .5}, {@code 5e-1}): Java's
 * {@code Double.parseDouble} would also take {@code NaN}, {@code Infinity}, hexadecimal and a
 * trailing {@code d} or {@code f}, none of which is a probability someone meant to type.
 */
final class Probabilities {

    private static final Pattern DECIMAL =
            Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    private Probabilities() {
    }

    /** Parses a comma-separated list given with the option {@code option}; weights may exceed 1. */
    static double[] parseList(String option, String text, boolean weights) {
        String[] items = text.split(",", -1);
        double[] values = new double[items.length];
        for (int i = 0; i < items.length; i++) {
            values[i] = parse(items[i], String.format(Locale.ROOT, "%s: item %d", option, i + 1), weights);
        }
        return values;
    }

    /** Reads a file of one probability (or, with {@code weights}, one weight) per line. */
    static double[] readFile(Path file, boolean weights) {
        List<Double> values = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                values.add(parse(t, file + ":" + number, weights));
            }
        } catch (NoSuchFileException e) {
            throw new InputException(file + ": no such file", e);
        } catch (CharacterCodingException e) {
            throw new InputException(file + ": not UTF-8 text", e);
        } catch (IOException e) {
            throw new InputException(file + ": cannot read: " + e.getMessage(), e);
        }
        if (values.isEmpty()) {
            throw new InputException(file + ": no probabilities in the file (one per line)");
        }
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double parse(String item, String where, boolean weights) {
        String t = item.strip();
        if (t.isEmpty()) {
            throw new InputException(where + ": empty");
        }
        if (!DECIMAL.matcher(t).matches()) {
            throw new InputException(where + ": '" + t + "' is not a number");
        }
        double v = Double.parseDouble(t);
        if (!(v >= 0.0)) {
            throw new InputException(where + ": " + t + " is negative: "
                    + (weights ? "a weight is >= 0" : "a probability is in [0, 1]"));
        }
        if (Double.isInfinite(v)) {
            throw new InputException(where + ": " + t + " is too large for a double");
        }
        if (v > 1.0 && !weights) {
            throw new InputException(where + ": " + t + " is greater than 1: a probability is in [0, 1]");
        }
        return v + 0.0;
    }
}
