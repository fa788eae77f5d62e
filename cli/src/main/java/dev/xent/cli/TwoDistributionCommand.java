package dev.xent.cli;

import dev.xent.Distribution;
import dev.xent.InformationMeasures;
import dev.xent.LogBase;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The measures of a pair P, Q: {@code cross-entropy}, {@code kl} and {@code js}. */
abstract class TwoDistributionCommand extends MeasureCommand {

    @Mixin
    PerEventOption perEvent;

    @Option(names = "--q", paramLabel = "Q1,Q2,...", description = "the distribution Q (the model), comma-separated")
    String qList;

    @Option(names = "--q-file", paramLabel = "FILE", converter = FileName.class, description = "read Q from FILE, one probability per line")
    Path qFile;

    private Distribution p;
    private Distribution q;

    /** The measure on the backend. */
    abstract double value(InformationMeasures b, Distribution p, Distribution q, LogBase logBase);

    /** The symbol for text output. */
    abstract String symbol();

    /** Each event's contribution to the measure, in event order; null if the measure has none. */
    double[] terms(InformationMeasures b, Distribution p, Distribution q, LogBase logBase) {
        return null;
    }

    /** The unit as printed next to the value (the log base's unit; js --distance changes it). */
    LogBase unit(LogBase logBase) {
        return logBase;
    }

    @Override
    void compute(InformationMeasures b, LogBase logBase, PrintWriter out) {
        if (p == null) {
            p = distribution(pSource(), pValues());
            q = distribution(qFile != null ? qFile.toString() : "--q", values("--q", qList, "--q-file", qFile));
            if (p.size() != q.size()) {
                throw new InputException(String.format(java.util.Locale.ROOT,
                        "P has %d events and Q has %d: both must be over the same events",
                        p.size(), q.size()));
            }
            p = perEvent.labelled(p);
            q = perEvent.labelled(q);
        }
        if (perEvent.on) {
            double[] terms = terms(b, p, q, logBase);
            if (terms == null) {
                throw new InputException("--per-event does not apply to " + spec.name());
            }
            PerEventOption.print(out, json, measure(), symbol(), value(b, p, q, logBase), terms, p, logBase, b);
        } else {
            print(out, symbol(), value(b, p, q, logBase), logBase, b);
        }
    }
}
