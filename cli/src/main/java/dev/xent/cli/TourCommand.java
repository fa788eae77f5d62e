package dev.xent.cli;

import dev.xent.Backends;
import dev.xent.tour.Tour;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code xent tour}: runs {@link Tour} (module {@code tour}) with every installed backend, the
 * one named by {@code --backend} (or the library's default) for the tutorial's own lines, and the
 * charts written to {@code --out}.
 */
@Command(name = "tour", mixinStandardHelpOptions = true, versionProvider = Xent.Version.class,
        description = "Walk the cross-entropy tutorial: every example and number, computed live by "
                + "every backend, with its charts written as PNG.")
final class TourCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    BackendOption backend;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "xent-tour", converter = FileName.class,
            description = "where to write the charts (PNG); default: ${DEFAULT-VALUE}")
    Path outDir;

    /** Runs the tour. */
    @Override
    public Integer call() {
        InputFiles.directory(outDir, "--out");
        try {
            new Tour(spec.commandLine().getOut(), Backends.all(), backend.primary(), outDir).run();
        } catch (UncheckedIOException e) {
            throw new InputException(e.getMessage(), e);
        }
        return 0;
    }
}
