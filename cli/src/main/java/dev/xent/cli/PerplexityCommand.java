package dev.xent.cli;

import dev.xent.text.Decimals;
import dev.xent.Distribution;
import dev.xent.InformationMeasures;
import dev.xent.LogBase;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

/** {@code xent perplexity}: b^H_b(P), the same in every base; n for the uniform distribution on n events. */
@Command(name = "perplexity", mixinStandardHelpOptions = true, versionProvider = Xent.Version.class,
        description = "Perplexity 2^H(P) of a distribution P (the same in every base): the effective number "
                + "of equally likely events, n for the uniform distribution on n events.")
final class PerplexityCommand extends MeasureCommand {

    private Distribution p;

    @Override
    String measure() {
        return "perplexity";
    }

    @Override
    void compute(InformationMeasures b, LogBase logBase, PrintWriter out) {
        if (base != null || unit != null) {
            throw new InputException("perplexity is the same number in every base: --base and --unit do not apply");
        }
        if (p == null) {
            p = distribution(pSource(), pValues());
        }
        double value = b.perplexity(p);
        if (json) {
            out.println(new Json().put("measure", measure()).put("value", value).put("backend", b.id()));
        } else {
            out.println("perplexity(P) = " + Decimals.shortest(value) + "  [" + b.id() + "]");
        }
    }
}
