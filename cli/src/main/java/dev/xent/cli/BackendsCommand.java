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

/**
 * {@code xent backends}: every installed backend, its description, the default marked; backends that
 * cannot run in this JVM (such as {@code vector} without the Vector API) follow, with the reason.
 */
@Command(name = "backends", mixinStandardHelpOptions = true, versionProvider = Xent.Version.class,
        description = "List the installed backends; the default is marked with *, unavailable ones say why.")
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
        List<InformationMeasures> unavailable = Backends.unavailable();
        int width = java.util.stream.Stream.concat(all.stream(), unavailable.stream())
                .mapToInt(b -> b.id().length()).max().orElse(0);
        for (InformationMeasures b : all) {
            boolean isDefault = b.id().equals(defaultId);
            if (json) {
                out.println(new Json().put("id", b.id()).put("description", b.description())
                        .put("default", isDefault).put("available", true));
            } else {
                out.printf(java.util.Locale.ROOT, "%s %-" + width + "s  %s%n",
                        isDefault ? "*" : " ", b.id(), b.description());
            }
        }
        for (InformationMeasures b : unavailable) {
            String reason = b.unavailableReason().orElse("");
            if (json) {
                out.println(new Json().put("id", b.id()).put("description", b.description())
                        .put("default", false).put("available", false).put("reason", reason));
            } else {
                // the launcher's switch for the one JVM option a bundled backend needs
                String launcher = b.id().equals("vector")
                        ? "; ./xent adds it whenever the JVM has the module, unless XENT_VECTOR=0" : "";
                out.printf(java.util.Locale.ROOT, "  %-" + width + "s  unavailable: %s%s%n", b.id(), reason,
                        launcher);
            }
        }
        out.flush();
        return 0;
    }
}
