package dev.xent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The {@code ./xent} launcher, run as a separate process (Failsafe, after {@code package}) from a
 * copy of the repository's script beside a copy of the packaged jar, so that its class-data-sharing
 * archives and a touched jar stay in a temporary directory: when it adds the Vector API, that the
 * JVM's notice about the module is the only thing it drops from standard error, that the exit
 * status is the JVM's, what {@code XENT_VECTOR=0} and a JVM without the module do, and that a
 * rebuilt jar never runs with an older jar's archive. A stand-in {@code java} (a shell script in a
 * directory laid out like a JDK, with its own {@code release} file) checks the launcher's decisions
 * and its filtering byte for byte, and that signals sent to the launcher reach that stand-in; the
 * real JVM checks the rest.
 */
class LauncherIT {

    private static final String NOTICE = "WARNING: Using incubator modules: jdk.incubator.vector";

    @TempDir
    Path root;

    private Path launcher;
    private Path jar;

    /** A copy of the launcher and of the packaged jar, laid out as in the repository. */
    @BeforeEach
    void copyTheLauncherAndTheJar() throws IOException {
        String packaged = System.getProperty("xent.jar");
        assertThat(packaged).as("system property xent.jar (set by the POM)").isNotNull();
        launcher = root.resolve("xent");
        Files.copy(Launcher.root().resolve("xent"), launcher, StandardCopyOption.COPY_ATTRIBUTES);
        jar = Files.createDirectories(root.resolve("cli/target")).resolve("xent.jar");
        Files.copy(Path.of(packaged), jar);
    }

    /**
     * A stand-in JVM: {@code bin/java} prints its arguments on stdout, one per line; on stderr the
     * notice first when {@code --add-modules jdk.incubator.vector} is among them, then
     * {@code stderrAfter}; and exits with 3. Its {@code release} file lists the Vector API's module
     * or not.
     */
    private Path fakeJdk(boolean withVectorModule, String stderrAfter) throws IOException {
        Path home = root.resolve(withVectorModule ? "jdk-with" : "jdk-without");
        Path bin = Files.createDirectories(home.resolve("bin"));
        Files.writeString(home.resolve("release"), "JAVA_VERSION=\"17\"\nMODULES=\"java.base java.desktop"
                + (withVectorModule ? " jdk.incubator.vector" : "") + " jdk.zipfs\"\n");
        Path java = bin.resolve("java");
        Files.writeString(java, "#!/usr/bin/env bash\n"
                + "printf '%s\\n' \"$@\"\n"
                + "case \" $* \" in *' --add-modules jdk.incubator.vector '*) echo '" + NOTICE + "' >&2;; esac\n"
                + "printf '" + stderrAfter + "' >&2\n"
                + "exit 3\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin;
    }

    private Launcher.Result runWith(Path javaBin, Map<String, String> env, String... args) throws Exception {
        Map<String, String> all = new HashMap<>(env);
        all.put("PATH", javaBin + ":" + System.getenv("PATH"));
        return Launcher.run(launcher, root, all, args);
    }

    @Test
    void withTheModuleItAddsTheVectorApiAndDropsOnlyTheNoticeKeepingEveryOtherByteAndTheExitStatus()
            throws Exception {
        // a message, then a progress line rewritten with \r and never ended, as xent loss writes one
        String after = "xent: first message\\nxent loss: f.csv: 65,536 rows\\rxent loss: f.csv: 131,072 rows";
        Launcher.Result r = runWith(fakeJdk(true, after), Map.of("XENT_CDS", "0"), "entropy", "--p", "1");
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.out().lines().toList()).containsSubsequence("--add-modules", "jdk.incubator.vector", "-jar",
                jar.toString(), "entropy", "--p", "1");
        assertThat(r.err()).isEqualTo("xent: first message\nxent loss: f.csv: 65,536 rows\rxent loss: f.csv: 131,072 rows");
    }

    @Test
    void aMeasureGivenOnTheCommandLineRunsOnTheClientCompilerAndEverythingElseOnBoth() throws Exception {
        Path bin = fakeJdk(false, "");
        Map<String, String> env = Map.of("XENT_CDS", "0");
        for (String[] shortRun : List.of(new String[] {"entropy", "--p", "0.5,0.5"},
                new String[] {"kl", "--p", "1,0", "--q=0.5,0.5", "--json"}, new String[] {"info", "--p", "1"})) {
            String out = runWith(bin, env, shortRun).out();
            assertThat(out).as(String.join(" ", shortRun))
                    .contains("-XX:TieredStopAtLevel=1\n-XX:CICompilerCount=1\n-XX:-UsePerfData\n-jar\n" + jar + "\n" + shortRun[0] + "\n");
        }
        for (String[] longRun : List.of(new String[] {"entropy", "--p-file", "p.txt"},
                new String[] {"kl", "--p", "1,0", "--q-file=q.txt"}, new String[] {"entropy", "@args"},
                new String[] {"loss", "f.csv"}, new String[] {"tour"}, new String[] {"--debug", "entropy", "--p", "1"},
                new String[] {})) {
            String out = runWith(bin, env, longRun).out();
            assertThat(out).as(String.join(" ", longRun)).doesNotContain("TieredStopAtLevel").doesNotContain("CICompilerCount").doesNotContain("UsePerfData")
                    .contains("-jar\n" + jar + "\n");
        }
    }

    @Test
    void withoutTheModuleOrWithXentVector0ItStartsTheJvmWithoutTheVectorApi() throws Exception {
        Launcher.Result without = runWith(fakeJdk(false, "xent: a message\\n"), Map.of("XENT_CDS", "0"), "backends");
        assertThat(without.code()).isEqualTo(3);
        assertThat(without.out()).doesNotContain("--add-modules").contains("-jar\n" + jar + "\nbackends\n");
        assertThat(without.err()).isEqualTo("xent: a message\n");
        Launcher.Result off = runWith(fakeJdk(true, "xent: a message\\n"), Map.of("XENT_CDS", "0", "XENT_VECTOR", "0"),
                "backends");
        assertThat(off.code()).isEqualTo(3);
        assertThat(off.out()).doesNotContain("--add-modules");
        assertThat(off.err()).isEqualTo("xent: a message\n");
    }

    @Test
    void aJvmWithoutAReleaseFileIsAskedOnceAndTheAnswerKept() throws Exception {
        Path home = root.resolve("jdk-unlisted");
        Path bin = Files.createDirectories(home.resolve("bin"));
        Path java = bin.resolve("java");
        // answers --list-modules as a JDK does (and counts the questions), otherwise prints its arguments
        Files.writeString(java, "#!/usr/bin/env bash\n"
                + "if [ \"$1\" = --list-modules ]; then echo asked >> '" + home.resolve("asked") + "';"
                + " printf 'java.base@17\\njdk.incubator.vector@17\\n'; exit 0; fi\n"
                + "printf '%s\\n' \"$@\"\n"
                + "exit 3\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        for (int run = 0; run < 2; run++) {
            Launcher.Result r = runWith(bin, Map.of("XENT_CDS", "0"), "backends");
            assertThat(r.code()).isEqualTo(3);
            assertThat(r.out()).contains("--add-modules\njdk.incubator.vector\n");
        }
        assertThat(Files.readAllLines(home.resolve("asked"))).as("questions asked in two runs").hasSize(1);
    }

    @Test
    void onTheBuildsJvmTheVectorBackendIsTheDefaultAndStderrHoldsOnlyXentsMessage() throws Exception {
        Launcher.Result ok = Launcher.run(launcher, root, Map.of(), "cross-entropy", "--p", "0.1,0.4,0.5",
                "--q", "0.8,0.15,0.05");
        // TUTORIAL.md: H(P, Q) = 3.2879430945989 bits; 14 digits leave room for the last ulp
        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(ok.out()).startsWith("H(P, Q) = 3.28794309459").endsWith(" bits  [vector]\n");
        assertThat(ok.err()).isEmpty();
        Launcher.Result bad = Launcher.run(launcher, root, Map.of(), "entropy", "--p", "0.5,0.4");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.out()).isEmpty();
        assertThat(bad.err()).startsWith("xent: --p: probabilities sum to 0.9,").endsWith("add --normalize\n")
                .hasLineCount(1);
        Launcher.Result off = Launcher.run(launcher, root, Map.of("XENT_VECTOR", "0"), "backends");
        assertThat(off.code()).isZero();
        // without the module vector still serves, in its scalar mode, and is still the default
        assertThat(off.out()).contains("* vector   scalar mode (start java with --add-modules jdk.incubator.vector");
    }

    @Test
    void aRebuiltJarTrainsItsOwnArchiveAndNeverMeetsTheOldOne() throws Exception {
        Path state = root.resolve("cli/target/launcher");
        Launcher.Result first = Launcher.run(launcher, root, Map.of(), "entropy", "--p", "1,0,0");
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out()).isEqualTo("H(P) = 0 bits  [vector]\n");
        List<Path> archives = archives(state);
        assertThat(archives).as("one archive after the first run").hasSize(1);
        // a rebuilt jar: same bytes, a later time (the JVM itself checks only size and time)
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(5)));
        Launcher.Result second = Launcher.run(launcher, root, Map.of(), "entropy", "--p", "1,0,0");
        assertThat(second.code()).as(second.err()).isZero();
        assertThat(second.out()).isEqualTo("H(P) = 0 bits  [vector]\n");
        assertThat(second.err()).as("no warning from the JVM about an archive").isEmpty();
        assertThat(archives(state)).as("the old jar's archive is gone, the new one is another file")
                .hasSize(1).doesNotContainAnyElementsOf(archives);
    }

    private static List<Path> archives(Path state) throws IOException {
        try (Stream<Path> files = Files.list(state)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".jsa")).sorted().toList();
        }
    }

    @Test
    void theJvmsOwnWarningsGoToStderrNotStdout() throws Exception {
        Launcher.Result first = Launcher.run(launcher, root, Map.of(), "--version");
        assertThat(first.code()).as(first.err()).isZero();
        Path archive = archives(root.resolve("cli/target/launcher")).get(0);
        // the JVM warns, through unified logging (stdout unless told otherwise), when it refuses an
        // archive made for a jar of another time; here that archive is forced on it from outside
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(5)));
        Launcher.Result r = Launcher.run(launcher, root, Map.of("XENT_CDS", "0",
                "JAVA_TOOL_OPTIONS", "-XX:SharedArchiveFile=" + archive), "--version");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo(first.out()).startsWith("xent ");
        assertThat(r.err()).contains("Unable to use shared archive");
    }

    /**
     * A stand-in JVM with the Vector API's module whose {@code bin/java} runs {@code body} (bash),
     * after printing the notice on stderr as the real one does.
     */
    private Path fakeJdkRunning(String body) throws IOException {
        Path home = root.resolve("jdk-script");
        Path bin = Files.createDirectories(home.resolve("bin"));
        Files.writeString(home.resolve("release"), "JAVA_VERSION=\"17\"\nMODULES=\"java.base jdk.incubator.vector\"\n");
        Path java = bin.resolve("java");
        Files.writeString(java, "#!/usr/bin/env bash\necho '" + NOTICE + "' >&2\n" + body);
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin;
    }

    /** Starts the launcher with the JVM of {@code javaBin}, without an archive, stdin from {@code input}. */
    private Process start(Path javaBin, Path input) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(launcher.toString(), "loss", "-").directory(root.toFile())
                .redirectInput(input.toFile());
        builder.environment().remove("XENT_VECTOR");
        builder.environment().put("XENT_CDS", "0");
        builder.environment().put("PATH", javaBin + ":" + System.getenv("PATH"));
        return builder.start();
    }

    /**
     * A launcher that does not forward leaves its stand-in running (looping) after it: end both.
     * A launcher that has ended is left as it is, its output still to be read.
     */
    private static void killLeftovers(Process launcher, List<ProcessHandle> tree) {
        tree.forEach(ProcessHandle::destroyForcibly);
        if (launcher.isAlive()) {
            launcher.destroyForcibly();
        }
    }

    /**
     * In vector mode the launcher stays java's parent (for the stderr filter): a signal sent to it
     * reaches java, what java writes while it stops still comes through, and the launcher's status
     * is java's. The stand-in answers the signal with its own status, 40 + the signal's number, so
     * that the status seen cannot be the launcher's own death by that signal (128 + the number).
     */
    @ParameterizedTest(name = "SIG{0} ({1})")
    @CsvSource({"TERM, 15", "INT, 2", "HUP, 1"})
    void aSignalSentToTheLauncherReachesJavaAndTheLauncherExitsWithJavasStatus(String signal, int number)
            throws Exception {
        Path bin = fakeJdkRunning("trap 'echo \"java got SIG" + signal + "\" >&2; exit $((40 + " + number + "))' "
                + signal + "\n"
                + "echo ready\n"
                + "while :; do sleep 0.05; done\n");
        Process p = start(bin, Path.of("/dev/null"));
        List<ProcessHandle> tree = List.of();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).as("the stand-in started").isEqualTo("ready");
            tree = p.descendants().toList();
            Process kill = new ProcessBuilder("kill", "-s", signal, Long.toString(p.pid())).inheritIO().start();
            assertThat(kill.waitFor()).as("kill -s %s", signal).isZero();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the launcher ended after SIG%s", signal).isTrue();
        } finally {
            killLeftovers(p, tree);
        }
        assertThat(p.exitValue()).as("java's status").isEqualTo(40 + number);
        assertThat(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8))
                .isEqualTo("java got SIG" + signal + "\n");
    }

    @Test
    void aJavaEndedBySigtermGivesTheLauncherTheShellsStatus128Plus15() throws Exception {
        Path bin = fakeJdkRunning("echo ready\nwhile :; do sleep 0.05; done\n");
        Process p = start(bin, Path.of("/dev/null"));
        List<ProcessHandle> tree = List.of();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).as("the stand-in started").isEqualTo("ready");
            tree = p.descendants().toList();
            p.destroy(); // SIGTERM
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the launcher ended").isTrue();
        } finally {
            killLeftovers(p, tree);
        }
        assertThat(p.exitValue()).isEqualTo(128 + 15);
    }

    @Test
    void inVectorModeJavaStillReadsTheLaunchersStandardInput() throws Exception {
        // a background job of a script reads /dev/null unless told otherwise; xent loss - reads stdin
        Path input = Files.writeString(root.resolve("rows.csv"), "label,a,b\na,0.9,0.1\n");
        Process p = start(fakeJdkRunning("cat\nexit 5\n"), input);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(5);
        assertThat(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .isEqualTo("label,a,b\na,0.9,0.1\n");
        assertThat(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)).isEmpty();
    }
}
