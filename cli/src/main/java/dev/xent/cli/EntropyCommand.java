package dev.xent.cli;

import dev.xent.Distribution;
import dev.xent.InformationMeasures;
import dev.xent.LogBase;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code xent entropy}: H(P) = −Σ p log p. */
@Command(name = "entropy", mixinStandardHelpOptions = true, versionProvider = Xent.Version.class,
        description = "Entropy H(P) = -sum p log p of a distribution P.")
final class EntropyCommand extends MeasureCommand {

    @Mixin
    PerEventOption perEvent;

    private Distribution p;

    @Override
    String measure() {
        return "entropy";
    }

    @Override
    void compute(InformationMeasures b, LogBase logBase, PrintWriter out) {
        if (p == null) {
            p = perEvent.labelled(distribution(pSource(), pValues()));
        }
        if (perEvent.on) {
            PerEventOption.print(out, json, measure(), "H(P)", b.entropy(p, logBase),
                    b.entropyTerms(p, logBase), p, logBase, b);
        } else {
            print(out, "H(P)", b.entropy(p, logBase), logBase, b);
        }
    }
}
