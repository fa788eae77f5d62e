package dev.xent.cli;

import dev.xent.Backends;
import dev.xent.InformationMeasures;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The {@code --backend ID} option, mixed into every command that computes: an installed backend's
 * id, or {@code all} for every backend side by side. Without it the command uses
 * {@link Backends#defaultBackend()} (so {@code -Dxent.backend=ID} works too).
 */
final class BackendOption {

    @Option(names = "--backend", paramLabel = "ID",
            description = "the backend to compute with (see 'xent backends'), or 'all'; "
                    + "default: the library's default backend")
    String id;

    /** The backend chosen, or the default; an unknown id is bad input listing the ids installed. */
    InformationMeasures primary() {
        if (id == null || id.equals("all")) {
            return Backends.defaultBackend();
        }
        return Backends.byId(id);
    }

    /** The backends to report: every installed one for {@code all}, else just {@link #primary()}. */
    List<InformationMeasures> selected() {
        if ("all".equals(id)) {
            return Backends.all();
        }
        return List.of(primary());
    }
}
