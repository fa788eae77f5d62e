package dev.xent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 14's memory case, as a user meets it: the packaged jar in its own JVM with a 64 MiB heap
 * ({@code java -Xmx64m -jar cli/target/xent.jar …}) on a file whose one line is 200 MB. Before the
 * caps that line was held whole (2 GB resident with the default heap; under {@code -Xmx64m} an
 * {@code OutOfMemoryError} and a 15-frame stack trace). Now each run ends with exit 2 and one line
 * naming the line and the limit, in well under the time it takes to read the file.
 *
 * <p>The file is written under {@code target/} once for all the runs and deleted after them.
 */
class HostileInputIT {

    /** 200 MB: ten times the largest cap, far more than the 64 MiB heap. */
    private static final long SIZE = 200_000_000L;

    private static Path big;

    @BeforeAll
    static void writeTheFile() throws IOException {
        Path target = Path.of(System.getProperty("xent.jar")).getParent();
        big = target.resolve("hostile-200MB-line.csv");
        byte[] chunk = new byte[1 << 20];
        Arrays.fill(chunk, (byte) 'a');
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(big), 1 << 20)) {
            for (long written = 0; written < SIZE; written += chunk.length) {
                out.write(chunk, 0, (int) Math.min(chunk.length, SIZE - written));
            }
        }
        assertThat(Files.size(big)).isEqualTo(SIZE);
    }

    @AfterAll
    static void deleteTheFile() throws IOException {
        Files.deleteIfExists(big);
    }

    private record Result(int code, String out, String err) {
    }

    private static Result javaXmx64m(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m", "-jar",
                System.getProperty("xent.jar")));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("xent-out", ".txt");
        Path err = Files.createTempFile("xent-err", ".txt");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("xent finished").isTrue();
        Result r = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(out);
        Files.delete(err);
        return r;
    }

    @Test
    void aTwoHundredMegabyteLineStopsAtTheFieldCapInA64MegabyteHeap() throws Exception {
        Result r = javaXmx64m("loss", big.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("xent: " + big + ":1:1: this field is longer than 1048576 bytes"
                + " (--max-field-bytes): raise the limit with --max-field-bytes N if the file is right"
                + System.lineSeparator());
    }

    @Test
    void withTheFieldCapRaisedTheRecordCapStopsIt() throws Exception {
        // the 16,777,217th byte of the record, column 16777217, passes the 16 MiB cap
        Result r = javaXmx64m("loss", big.toString(), "--max-field-bytes", "1000000000");
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("xent: " + big + ":1:16777217: this record (from line 1) is longer than"
                + " 16777216 bytes (--max-record-bytes): raise the limit with --max-record-bytes N if the file"
                + " is right" + System.lineSeparator());
    }

    @Test
    void aProbabilityFileWithTheSameLineStopsAtTheLineCap() throws Exception {
        Result r = javaXmx64m("entropy", "--p-file", big.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("xent: " + big + ":1:1048577: this line is longer than 1048576 bytes"
                + " (--max-field-bytes): raise the limit with --max-field-bytes N if the file is right"
                + System.lineSeparator());
    }
}
