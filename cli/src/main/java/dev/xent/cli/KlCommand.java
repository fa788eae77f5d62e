package dev.xent.cli;

import dev.xent.Distribution;
import dev.xent.InformationMeasures;
import dev.xent.LogBase;
import picocli.CommandLine.Command;

/** {@code xent kl}: KL(P‖Q) = Σ p log(p/q). */
@Command(name = "kl", mixinStandardHelpOptions = true, versionProvider = Xent.Version.class,
        description = "Kullback-Leibler divergence KL(P || Q) = sum p log(p/q): the extra cost of "
                + "coding P with a code built for Q.")
final class KlCommand extends TwoDistributionCommand {

    @Override
    String measure() {
        return "kl_divergence";
    }

    @Override
    String symbol() {
        return "KL(P || Q)";
    }

    @Override
    double value(InformationMeasures b, Distribution p, Distribution q, LogBase logBase) {
        return b.klDivergence(p, q, logBase);
    }

    @Override
    double[] terms(InformationMeasures b, Distribution p, Distribution q, LogBase logBase) {
        return b.klDivergenceTerms(p, q, logBase);
    }
}
