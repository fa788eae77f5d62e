package dev.xent.cli;

import dev.xent.text.Decimals;
import dev.xent.Distribution;
import dev.xent.InformationMeasures;
import dev.xent.LogBase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code xent js}: the Jensen–Shannon divergence JS(P, Q), or with {@code --distance} its square root. */
@Command(name = "js", mixinStandardHelpOptions = true, versionProvider = Xent.Version.class,
        description = "Jensen-Shannon divergence JS(P, Q) = 1/2 KL(P || M) + 1/2 KL(Q || M), M = (P + Q)/2: "
                + "symmetric, between 0 and 1 bit; with --distance its square root, a metric.")
final class JsCommand extends TwoDistributionCommand {

    @Option(names = "--distance", description = "print the Jensen-Shannon distance sqrt(JS) instead"
            + " (JS in the chosen unit, then the root, as scipy's jensenshannon)")
    boolean distance;

    @Override
    String measure() {
        return distance ? "jensen_shannon_distance" : "jensen_shannon_divergence";
    }

    @Override
    String symbol() {
        return distance ? "sqrt JS(P, Q)" : "JS(P, Q)";
    }

    @Override
    double value(InformationMeasures b, Distribution p, Distribution q, LogBase logBase) {
        return distance ? b.jensenShannonDistance(p, q, logBase) : b.jensenShannonDivergence(p, q, logBase);
    }

    @Override
    void print(java.io.PrintWriter out, String symbol, double value, LogBase logBase, InformationMeasures b) {
        if (!distance) {
            super.print(out, symbol, value, logBase, b);
            return;
        }
        String unit = "sqrt(" + logBase.unit() + ")";
        if (json) {
            out.println(new Json().put("measure", measure()).put("value", value).put("unit", unit)
                    .put("backend", b.id()));
        } else {
            out.println(symbol + " = " + Decimals.shortest(value) + " " + unit + "  [" + b.id() + "]");
        }
    }
}
