package dev.xent.cli;

import dev.xent.text.Decimals;
import dev.xent.InformationMeasures;
import dev.xent.LogBase;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

/**
 * {@code xent info}: the information (surprisal) h(p) = −log p of each event probability given.
 * The probabilities are separate events, so they need not sum to 1.
 */
@Command(name = "info", mixinStandardHelpOptions = true, versionProvider = Xent.Version.class,
        description = "Information (surprisal) h(p) = -log p of each event probability given "
                + "(they need not sum to 1).")
final class InfoCommand extends MeasureCommand {

    private double[] p;

    @Override
    String measure() {
        return "information";
    }

    @Override
    void compute(InformationMeasures b, LogBase logBase, PrintWriter out) {
        if (normalize) {
            throw new InputException("--normalize does not apply to info: its probabilities are"
                    + " separate events, not one distribution");
        }
        if (p == null) {
            p = pValues();
        }
        for (double pi : p) {
            double h = b.information(pi, logBase);
            if (json) {
                out.println(new Json().put("measure", measure()).put("probability", pi).put("value", h)
                        .put("unit", logBase.unit()).put("backend", b.id()));
            } else {
                out.println("h(" + Decimals.shortest(pi) + ") = " + Decimals.shortest(h) + " " + logBase.unit()
                        + "  [" + b.id() + "]");
            }
        }
    }
}
