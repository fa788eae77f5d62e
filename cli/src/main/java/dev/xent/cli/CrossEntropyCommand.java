package dev.xent.cli;

import dev.xent.Distribution;
import dev.xent.InformationMeasures;
import dev.xent.LogBase;
import picocli.CommandLine.Command;

/** {@code xent cross-entropy}: H(P, Q) = −Σ p log q. */
@Command(name = "cross-entropy", mixinStandardHelpOptions = true, versionProvider = Xent.Version.class,
        description = "Cross-entropy H(P, Q) = -sum p log q: the average cost of coding events of P "
                + "with a code built for Q.")
final class CrossEntropyCommand extends TwoDistributionCommand {

    @Override
    String measure() {
        return "cross_entropy";
    }

    @Override
    String symbol() {
        return "H(P, Q)";
    }

    @Override
    double value(InformationMeasures b, Distribution p, Distribution q, LogBase logBase) {
        return b.crossEntropy(p, q, logBase);
    }

    @Override
    double[] terms(InformationMeasures b, Distribution p, Distribution q, LogBase logBase) {
        return b.crossEntropyTerms(p, q, logBase);
    }
}
