package dev.xent.cli;

import dev.xent.text.Decimals;
import dev.xent.Distribution;
import dev.xent.InformationMeasures;
import dev.xent.LogBase;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * The options {@code --per-event} and {@code --labels}, mixed into {@code entropy},
 * {@code cross-entropy}, {@code kl} (and {@code js}, which refuses {@code --per-event}): each
 * event's contribution to the measure, as a table largest first by absolute value or, with
 * {@code --json}, as the array {@code terms} in event order with the array {@code labels}.
 */
final class PerEventOption {

    @Option(names = "--per-event", description = "also print each event's contribution to the measure"
            + " (largest first; with --json the array 'terms' in event order)")
    boolean on;

    @Option(names = "--labels", paramLabel = "L1,L2,...", description = "names of the events, comma-separated"
            + " (default: 0, 1, ..., n-1)")
    String labels;

    /** The distribution with the labels of {@code --labels}, if given. */
    Distribution labelled(Distribution d) {
        if (labels == null) {
            return d;
        }
        List<String> names = Arrays.stream(labels.split(",", -1)).map(String::strip).toList();
        try {
            return d.withLabels(names);
        } catch (IllegalArgumentException e) {
            throw new InputException("--labels: " + e.getMessage(), e);
        }
    }

    /**
     * Prints one result with its per-event terms: the measure's line, then one line per event,
     * largest |term| first (ties in event order); or one JSON object with {@code terms} and
     * {@code labels}.
     */
    static void print(PrintWriter out, boolean json, String measure, String symbol, double value,
                      double[] terms, Distribution p, LogBase unit, InformationMeasures b) {
        int n = terms.length;
        String[] names = new String[n];
        for (int i = 0; i < n; i++) {
            names[i] = p.label(i);
        }
        if (json) {
            out.println(new Json().put("measure", measure).put("value", value).put("unit", unit.unit())
                    .put("backend", b.id()).put("terms", terms).put("labels", names));
            return;
        }
        out.println(symbol + " = " + Decimals.shortest(value) + " " + unit.unit() + "  [" + b.id() + "]");
        out.println("  per event, largest first (" + unit.unit() + "):");
        Integer[] order = new Integer[n];
        int width = 0;
        for (int i = 0; i < n; i++) {
            order[i] = i;
            width = Math.max(width, names[i].length());
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -magnitude(terms[i])));
        for (int i : order) {
            out.println(String.format(Locale.ROOT, "    %-" + width + "s  %s", names[i], Decimals.shortest(terms[i])));
        }
    }

    /** |t|, with NaN last. */
    private static double magnitude(double t) {
        return Double.isNaN(t) ? -1.0 : Math.abs(t);
    }
}
