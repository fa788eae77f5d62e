package dev.xent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a copy of the {@code ./xent} launcher, or the repository's own, as a separate process, as a
 * user's shell would: standard output and standard error captured apart, the exit status, and an
 * environment without the launcher's knobs unless a test sets them. The JVM on the {@code PATH} is
 * the one running the build, unless a test puts another first.
 */
final class Launcher {

    /** What a run printed and returned. */
    record Result(int code, String out, String err) {
    }

    private Launcher() {
    }

    /** The repository root: the tests run in {@code cli/}. */
    static Path root() {
        return Path.of("..").toAbsolutePath().normalize();
    }

    /**
     * Runs {@code launcher} with {@code args} in {@code cwd}.
     *
     * @param env variables to set (a null value removes one); {@code XENT_VECTOR} and {@code XENT_CDS}
     *     are removed first, and the build's JVM is put first on the {@code PATH}
     */
    static Result run(Path launcher, Path cwd, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("xent-out", ".txt");
        Path err = Files.createTempFile("xent-err", ".txt");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(cwd.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            Map<String, String> environment = builder.environment();
            environment.remove("XENT_VECTOR");
            environment.remove("XENT_CDS");
            environment.put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":" + environment.get("PATH"));
            env.forEach((k, v) -> {
                if (v == null) {
                    environment.remove(k);
                } else {
                    environment.put(k, v);
                }
            });
            Process p = builder.start();
            assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
