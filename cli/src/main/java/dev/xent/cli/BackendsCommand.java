package dev.xent.cli;

import dev.xent.Backends;
import dev.xent.InformationMeasures;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code xent backends}: every installed backend, its description, the default marked. */
@Command(name = "backends", mixinStandardHelpOptions = true, versionProvider = Xent.Version.class,
        description = "List the installed backends; the default is marked with *.")
final class BackendsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "print one JSON object per backend instead of text")
    boolean json;

    /** Lists the backends. */
    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<InformationMeasures> all = Backends.all();
        if (all.isEmpty()) {
            throw new IllegalStateException("no backend is installed in this jar");
        }
        String defaultId = Backends.defaultBackend().id();
        int width = all.stream().mapToInt(b -> b.id().length()).max().orElse(0);
        for (InformationMeasures b : all) {
            boolean isDefault = b.id().equals(defaultId);
            if (json) {
                out.println(new Json().put("id", b.id()).put("description", b.description())
                        .put("default", isDefault));
            } else {
                out.printf(java.util.Locale.ROOT, "%s %-" + width + "s  %s%n",
                        isDefault ? "*" : " ", b.id(), b.description());
            }
        }
        out.flush();
        return 0;
    }
}
