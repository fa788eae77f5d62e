package dev.xent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine.Command;

/** Every error path: its exit code, and one line on stderr that names the problem. */
class ErrorsTest {

    private static final String P = "0.1,0.4,0.5";
    private static final String Q = "0.8,0.15,0.05";

    /** Asserts a usage/input error: exit 2, nothing on stdout, one line on stderr containing {@code message}. */
    private static void assertBadInput(Run r, String message) {
        assertThat(r.code()).as(r.err()).isEqualTo(Xent.EXIT_USAGE);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines()).as(r.err()).singleElement().asString()
                .startsWith("xent: ").contains(message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "''| no command given",
        "nope| Unmatched argument at index 0: 'nope'",
        "entropy --nope| Unknown option: '--nope'",
        "entropy| missing --p or --p-file",
        "entropy --p 0.5,0.5 --p-file x.txt| give --p or --p-file, not both",
        "cross-entropy --p 0.5,0.5| missing --q or --q-file",
        "entropy --p 0.1,abc,0.9| --p: item 2: 'abc' is not a number",
        "entropy --p 0.5,,0.5| --p: item 2: empty",
        "entropy --p 0.5,NaN| --p: item 2: NaN is not a probability: a probability is in [0, 1]",
        "entropy --p -0.5,1.5| --p: item 1: -0.5 is negative",
        "entropy --p 0.5,1.5| --p: item 2: 1.5 is greater than 1",
        "entropy --p 0.5,0.4| --p: probabilities sum to 0.9, which differs from 1 by 0.100, more than the tolerance 3.55e-15 for 2 events; to rescale on purpose, add --normalize",
        "entropy --p 3,-1 --normalize| --p: item 2: -1 is negative: a weight is a finite number >= 0",
        "entropy --p 0,0 --normalize| --p: cannot normalise: all 2 weights are zero",
        "info --p 0.5 --normalize| --normalize does not apply to info",
        "cross-entropy --p 0.5,0.5 --q 0.1,0.1,0.8| P has 2 events and Q has 3",
        "entropy --p 0.5,0.5 --base 1| --base: log base 1 is not allowed",
        "entropy --p 0.5,0.5 --base -2| --base: log base must be a finite number > 0",
        "entropy --p 0.5,0.5 --base furlongs| --base: unknown unit or log base 'furlongs'",
        "entropy --p 0.5,0.5 --unit 2| --unit: unknown unit '2'",
        "entropy --p 0.5,0.5 --unit bits --base 2| give --base or --unit, not both",
        "entropy --p 0.5,0.5 --backend fast| unknown xent backend 'fast'",
        "tour --backend fast| unknown xent backend 'fast'",
    })
    void badUsageOrInputExitsWithTwo(String args, String message) {
        Run r = Run.xent(args.isEmpty() ? new String[0] : args.split(" "));
        assertBadInput(r, message);
    }

    @Test
    void anUnknownBackendListsTheInstalledOnes() {
        Run r = Run.xent("kl", "--p", P, "--q", Q, "--backend", "fast");
        assertBadInput(r, "commons, kl, naive");
    }

    @Test
    void fileErrorsNameTheFileAndTheLine(@TempDir Path dir) throws IOException {
        Path bad = Files.writeString(dir.resolve("p.txt"), "0.1\n# a comment\n0.4x\n0.5\n");
        assertBadInput(Run.xent("entropy", "--p-file", bad.toString()), bad + ":3: '0.4x' is not a number");
        Path big = Files.writeString(dir.resolve("q.txt"), "0.5\n1.5\n");
        assertBadInput(Run.xent("kl", "--p", "0.5,0.5", "--q-file", big.toString()),
                big + ":2: 1.5 is greater than 1");
        Path sum = Files.writeString(dir.resolve("s.txt"), "0.5\n0.4\n");
        assertBadInput(Run.xent("entropy", "--p-file", sum.toString()), sum + ": probabilities sum to 0.9");
        Path empty = Files.writeString(dir.resolve("e.txt"), "\n# nothing\n");
        assertBadInput(Run.xent("entropy", "--p-file", empty.toString()), empty + ": no probabilities");
        Path missing = dir.resolve("missing.txt");
        assertBadInput(Run.xent("entropy", "--p-file", missing.toString()), missing + ": does not exist");
        Path notUtf8 = Files.write(dir.resolve("latin1.txt"), new byte[] {'0', '.', '5', '\n', (byte) 0xE9, '\n'});
        assertBadInput(Run.xent("entropy", "--p-file", notUtf8.toString()), notUtf8 + ":2:1: not UTF-8 at byte offset 4 (byte 0xE9)");
    }

    @Test
    void aTourThatCannotWriteItsChartsIsBadInput(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("taken"), "not a directory");
        assertBadInput(Run.xent("tour", "--out", file.toString()), "--out " + file + ": already exists and is not a directory");
    }

    /** A subcommand that fails the way a bug would. */
    @Command(name = "boom")
    static final class Boom implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new IllegalStateException("a bug");
        }
    }

    @Test
    void anInternalFailureExitsWithOneAndNoStackTrace() {
        Run r = Run.with(new Boom(), "boom");
        assertThat(r.code()).isEqualTo(Xent.EXIT_INTERNAL);
        assertThat(r.err().lines()).singleElement().asString()
                .isEqualTo("xent: internal error: IllegalStateException: a bug");
    }

    @Test
    void debugPrintsTheStackTrace() {
        Run r = Run.with(new Boom(), "boom", "--debug");
        assertThat(r.code()).isEqualTo(Xent.EXIT_INTERNAL);
        assertThat(r.err()).contains("java.lang.IllegalStateException: a bug", "\tat dev.xent.cli.ErrorsTest$Boom.call");
        assertThat(r.err().strip().lines().reduce((a, b) -> b)).hasValue("xent: internal error: IllegalStateException: a bug");
        Run input = Run.xent("entropy", "--p", "0.5,abc", "--debug");
        assertThat(input.code()).isEqualTo(Xent.EXIT_USAGE);
        assertThat(input.err()).contains("dev.xent.cli.InputException", "xent: --p: item 2: 'abc' is not a number");
    }
}
