package dev.xent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine.Command;

/**
 * Issue 14, the command's side: input written by a careless script or a hostile file. Each case is
 * the command as a user runs it — its exit code and its one line on standard error, written out
 * here in full from the rules (docs/cli.md, "Input rules"), not copied from a run.
 */
class HostileInputTest {

    @TempDir
    Path dir;

    private Path file(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    private Path file(String name, String content) throws IOException {
        return file(name, content.getBytes(StandardCharsets.UTF_8));
    }

    /** Exit 2, nothing on standard output, and exactly this one line on standard error. */
    private static void assertError(Run r, String line) {
        assertThat(r.code()).as(r.err()).isEqualTo(Xent.EXIT_USAGE);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo(line + "\n");
    }

    private static String repeat(char c, int n) {
        return String.valueOf(c).repeat(n);
    }

    // 1. Bounded memory: the caps on a field, a record and the fields of a record

    @Test
    void aFieldLongerThanItsCapStopsTheRunAtTheField() throws IOException {
        Path f = file("f.csv", "label,a,b\na,0.5,0.5\nb," + repeat('7', 10) + "x,0.5\n");
        assertError(Run.xent("loss", f.toString(), "--max-field-bytes", "10"), "xent: " + f
                + ":3:3: this field is longer than 10 bytes (--max-field-bytes): raise the limit with"
                + " --max-field-bytes N if the file is right");
        Run raised = Run.xent("loss", f.toString(), "--max-field-bytes", "11");
        assertThat(raised.err()).contains("f.csv:3:3: '7777777777x' is not a number");
    }

    @Test
    void aRecordLongerThanItsCapStopsTheRunAtTheByteThatPassesIt() throws IOException {
        // the header "label,a,b,c" is 11 bytes: with a cap of 10 its 11th byte, column 11, passes it;
        // the record "a,0.25,0.25,0.5" is 15 bytes: with a cap of 14 its 15th byte, column 15
        Path f = file("f.csv", "label,a,b,c\na,0.25,0.25,0.5\n");
        assertError(Run.xent("loss", f.toString(), "--max-record-bytes", "10"), "xent: " + f
                + ":1:11: this record (from line 1) is longer than 10 bytes (--max-record-bytes): raise the"
                + " limit with --max-record-bytes N if the file is right");
        Run header = Run.xent("loss", f.toString(), "--max-record-bytes", "14");
        assertError(header, "xent: " + f + ":2:15: this record (from line 2) is longer than 14 bytes"
                + " (--max-record-bytes): raise the limit with --max-record-bytes N if the file is right");
    }

    @Test
    void aRecordWithTooManyFieldsStopsAtTheFirstFieldPastTheCap() throws IOException {
        Path f = file("f.csv", "label,a,b\na,0.5,0.5\n");
        assertError(Run.xent("loss", f.toString(), "--max-fields", "2"), "xent: " + f
                + ":1:9: this record has more than 2 fields (--max-fields): raise the limit with"
                + " --max-fields N if the file is right");
    }

    @Test
    void theCapsAreReadWithTheNumberGrammar() throws IOException {
        Path f = file("f.csv", "label,p\n1,0.5\n");
        assertThat(Run.xent("loss", f.toString(), "--max-record-bytes", "1e3").code()).isZero();
        assertError(Run.xent("loss", f.toString(), "--max-record-bytes", "0x10"),
                "xent: Invalid value for option '--max-record-bytes': '0x10' is not a number: give a whole"
                        + " number of bytes (see 'xent loss --help')");
        assertError(Run.xent("loss", f.toString(), "--max-field-bytes", "1.5"),
                "xent: Invalid value for option '--max-field-bytes': '1.5' is not a whole number from 1 to "
                        + InputLimits.MAX + " (see 'xent loss --help')");
        assertError(Run.xent("loss", f.toString(), "--max-fields", "0"),
                "xent: Invalid value for option '--max-fields': '0' is not a whole number from 1 to "
                        + InputLimits.MAX + " (see 'xent loss --help')");
    }

    /** An endless stream of one byte, counting what the reader took from it. */
    private static final class Endless extends InputStream {
        final byte fill;
        long served;

        Endless(byte fill) {
            this.fill = fill;
        }

        @Override
        public int read() {
            served++;
            return fill;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            java.util.Arrays.fill(b, off, off + len, fill);
            served += len;
            return len;
        }
    }

    @Test
    void theReaderNeverTakesMoreThanTheCapAndOneBufferFromAnEndlessLine() throws IOException {
        InputLimits limits = InputLimits.defaults();
        Endless a = new Endless((byte) 'a');
        CsvReader csv = new CsvReader(a, "<stdin>", limits);
        assertThatThrownBy(csv::next).isInstanceOf(InputException.class)
                .hasMessage("<stdin>:1:1: this field is longer than 1048576 bytes (--max-field-bytes): raise the"
                        + " limit with --max-field-bytes N if the file is right");
        assertThat(a.served).isLessThanOrEqualTo(InputLimits.DEFAULT_FIELD_BYTES + (1 << 16));
        Endless commas = new Endless((byte) ',');
        CsvReader many = new CsvReader(commas, "<stdin>", limits);
        assertThatThrownBy(many::next).hasMessage("<stdin>:1:65537: this record has more than 65536 fields"
                + " (--max-fields): raise the limit with --max-fields N if the file is right");
        assertThat(commas.served).isLessThanOrEqualTo(InputLimits.DEFAULT_FIELDS + (1 << 16));
        Endless lines = new Endless((byte) '5');
        TextLines p = new TextLines(lines, "p.txt", limits);
        assertThatThrownBy(p::next).hasMessage("p.txt:1:1048577: this line is longer than 1048576 bytes"
                + " (--max-field-bytes): raise the limit with --max-field-bytes N if the file is right");
        assertThat(lines.served).isLessThanOrEqualTo(InputLimits.DEFAULT_FIELD_BYTES + (1 << 16));
    }

    @Test
    void aProbabilityFileLineIsCappedToo() throws IOException {
        Path p = file("p.txt", "0.5\n0.5000000000\n");
        assertError(Run.xent("entropy", "--p-file", p.toString(), "--max-field-bytes", "8"), "xent: " + p
                + ":2:9: this line is longer than 8 bytes (--max-field-bytes): raise the limit with"
                + " --max-field-bytes N if the file is right");
        assertThat(Run.xent("entropy", "--p-file", p.toString(), "--max-field-bytes", "12").out())
                .isEqualTo("H(P) = 1 bits  [vector]\n");
    }

    // 2. Messages that quote input: short, escaped, one line

    @Test
    void aMegabyteLabelIsQuotedShortWithItsLength() throws IOException {
        Path f = file("f.csv", "label,a,b\n" + repeat('x', 1_000_000) + ",0.5,0.5\n");
        assertError(Run.xent("loss", f.toString()), "xent: " + f + ":2:1: unknown label '"
                + repeat('x', 40) + "…' (1000000 characters): not one of the class columns [a, b] nor an index 0 to 1");
    }

    @Test
    void aMegabyteNonNumberIsQuotedShortWithItsLength() throws IOException {
        Path f = file("f.csv", "label,a,b\na,0.5," + repeat('9', 999_999) + "x\n");
        assertError(Run.xent("loss", f.toString()), "xent: " + f + ":2:7: '" + repeat('9', 40)
                + "…' (1000000 characters) is not a number");
        Path p = file("p.txt", "0.5\n" + repeat('a', 1_000_000) + "\n");
        assertError(Run.xent("entropy", "--p-file", p.toString()), "xent: " + p + ":2: '" + repeat('a', 40)
                + "…' (1000000 characters) is not a number");
        assertError(Run.xent("entropy", "--p", "0.5," + repeat('b', 1_000_000)), "xent: --p: item 2: '"
                + repeat('b', 40) + "…' (1000000 characters) is not a number");
    }

    @Test
    void controlCharactersAreEscapedNeverPrinted() throws IOException {
        Path f = file("f.csv", "label,a,b\n\u0000\t\u001b[31m\u202e,0.5,0.5\n");
        assertError(Run.xent("loss", f.toString()), "xent: " + f
                + ":2:1: unknown label '\\0\\t\\u001b[31m\\u202e': not one of the class columns [a, b] nor an index 0 to 1");
        Path p = file("p.txt", "0.5\n\u0000\n");
        assertError(Run.xent("entropy", "--p-file", p.toString()), "xent: " + p + ":2: '\\0' is not a number");
        assertError(Run.xent("entropy", "--p", "0.5,\u0007'\\"), "xent: --p: item 2: '\\u0007\\'\\\\' is not a number");
    }

    @Test
    void latin1IsReportedAsNotUtf8AtItsByteOffset() throws IOException {
        // "label,a,b\n" is bytes 0-9, "caf" 10-12: the Latin-1 é (0xE9) is byte 13, column 4 of line 2
        byte[] latin1 = "label,a,b\ncaf\u00e9,0.5,0.5\n".getBytes(StandardCharsets.ISO_8859_1);
        Path f = file("latin1.csv", latin1);
        assertError(Run.xent("loss", f.toString()), "xent: " + f + ":2:4: not UTF-8 at byte offset 13 (byte 0xE9):"
                + " xent reads UTF-8 text; convert the file, e.g. iconv -f latin1 -t utf-8");
        Path p = file("p.txt", "0.5\n# caf\u00e9\n0.5\n".getBytes(StandardCharsets.ISO_8859_1));
        assertError(Run.xent("entropy", "--p-file", p.toString()), "xent: " + p + ":2:6: not UTF-8 at byte offset 9"
                + " (byte 0xE9): xent reads UTF-8 text; convert the file, e.g. iconv -f latin1 -t utf-8");
    }

    @Test
    void eightKilobytesOfRandomBytesOnStandardInputGiveOneShortLine() {
        byte[] noise = new byte[8192];
        new Random(14).nextBytes(noise);
        InputStream saved = System.in;
        try {
            System.setIn(new ByteArrayInputStream(noise));
            Run r = Run.xent("loss", "-");
            assertThat(r.code()).isEqualTo(Xent.EXIT_USAGE);
            assertThat(r.err().lines()).singleElement().asString().hasSizeLessThan(200)
                    .startsWith("xent: <stdin>:1:").doesNotContainPattern("[\\p{Cc}\\p{Cf}]");
        } finally {
            System.setIn(saved);
        }
    }

    /** A subcommand whose failure carries a huge message full of control characters, as a library's might. */
    @Command(name = "loud")
    static final class Loud implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new IllegalArgumentException("bad value '" + "\u001b[2J".repeat(100_000) + "'");
        }
    }

    @Test
    void everyMessageLineIsCutAndEscapedWhoeverWroteIt() {
        Run r = Run.with(new Loud(), "loud");
        assertThat(r.code()).isEqualTo(Xent.EXIT_USAGE);
        // the first 1000 characters are kept, each ESC shown as the six characters \u001b; the
        // message is "xent: bad value '" (17 characters), 100,000 times ESC [ 2 J and "'": 400,018
        String kept = ("xent: bad value '" + "\u001b[2J".repeat(100_000)).substring(0, Quote.MAX_LINE)
                .replace("\u001b", "\\u001b");
        assertThat(r.err()).isEqualTo(kept + "… (message cut at 1000 of 400018 characters)\n");
        Run picocli = Run.xent("entropy", "--" + repeat('z', 100_000));
        assertThat(picocli.code()).isEqualTo(Xent.EXIT_USAGE);
        assertThat(picocli.err().lines()).singleElement().asString()
                .startsWith("xent: Unknown option: '--zzzz").endsWith("z… (message cut at 1000 of "
                        + ("xent: Unknown option: '--" + repeat('z', 100_000) + "' (see 'xent entropy --help')").length()
                        + " characters)");
    }

    // 3. One rule for every input: the byte-order mark, the header, the number grammar, the paths

    @Test
    void aByteOrderMarkIsSkippedAtTheStartOfEveryInputAndIsACharacterElsewhere() throws IOException {
        Path p = file("p.txt", "\uFEFF0.25\n0.75\n");
        Path q = file("q.txt", "\uFEFF0.5\n0.5\n");
        // H(P, Q) over two events with Q uniform is exactly 1 bit
        assertThat(Run.xent("cross-entropy", "--p-file", p.toString(), "--q-file", q.toString()).out())
                .isEqualTo("H(P, Q) = 1 bits  [vector]\n");
        Path inside = file("inside.txt", "0.5\n\uFEFF0.5\n");
        assertError(Run.xent("entropy", "--p-file", inside.toString()), "xent: " + inside
                + ":2: '\\ufeff0.5' is not a number");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "label,,b|1:7: column 2 of the header has no name: name every column",
        "label,a,|1:9: the header ends with a comma: a column without a name",
        ",label,a|1:1: column 1 of the header has no name: name every column",
    })
    void anEmptyColumnNameIsReportedAtItsPlaceInTheHeader(String header, String where) throws IOException {
        Path f = file("h.csv", header + "\na,0.5,0.5\n");
        assertError(Run.xent("loss", f.toString()), "xent: " + f + ":" + where);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "entropy --p 0.5,0.5 --base 2d|--base: unknown unit or log base '2d': use bits, nats, bans, 2, e, 10 or a decimal number such as 0.25, .5 or 1e-7 (> 0, not 1)",
        "entropy --p 0.5,0.5 --base 0x1p4|--base: unknown unit or log base '0x1p4': use bits, nats, bans, 2, e, 10 or a decimal number such as 0.25, .5 or 1e-7 (> 0, not 1)",
        "entropy --p 0.5,0.5 --base nan|--base: log base must be a finite number > 0 and != 1, got NaN",
        "loss ../examples/tutorial.csv --label-smoothing 0x1p-3|Invalid value for option '--label-smoothing': '0x1p-3' is not a decimal number such as 0.25, .5 or 1e-7 (no hexadecimal, no suffix such as d or f, no spaces) (see 'xent loss --help')",
        "loss ../examples/tutorial.csv --clip 1e-7f|--clip: unknown clipping policy '1e-7f': use exact, keras, sklearn, legacy or an epsilon, a decimal number such as 0.25, .5 or 1e-7",
        "loss ../examples/tutorial.csv --row-tolerance 0x1p-20|Invalid value for option '--row-tolerance': '0x1p-20' is not a decimal number such as 0.25, .5 or 1e-7 (no hexadecimal, no suffix such as d or f, no spaces) (see 'xent loss --help')",
        "entropy --p 0x1p-1,0.5|--p: item 1: '0x1p-1' is not a number",
    })
    void everyNumericOptionTakesTheOneNumberGrammar(String args, String message) {
        assertError(Run.xent(args.split(" ")), "xent: " + message);
    }

    @Test
    void whatTheGrammarAcceptsEveryOptionAccepts() {
        // log base 4: H of (1/2, 1/2) is 1/2; base 2.0 is bits
        assertThat(Run.xent("entropy", "--p", "0.5,0.5", "--base", "4.").out()).isEqualTo("H(P) = 0.5 log4.0 units  [vector]\n");
        assertThat(Run.xent("entropy", "--p", "0.5,0.5", "--base", "2e0").out()).isEqualTo("H(P) = 1 bits  [vector]\n");
        Run clip = Run.xent("loss", "../examples/tutorial.csv", "--clip", "1E-7", "--label-smoothing", ".0",
                "--row-tolerance", "1e-9");
        assertThat(clip.code()).as(clip.err()).isZero();
        assertThat(clip.out()).contains("  clipped:  0 (--clip keras)");
    }

    @Test
    void everyPathProblemIsSaidInWords() throws IOException {
        assertError(Run.xent("loss", ""), "xent: FILE: '' is not a file name");
        assertError(Run.xent("entropy", "--p-file", ""), "xent: --p-file: '' is not a file name");
        assertError(Run.xent("kl", "--p", "1", "--q-file", ""), "xent: --q-file: '' is not a file name");
        assertError(Run.xent("entropy", "--p-file", dir.toString()), "xent: " + dir + ": is a directory, not a file");
        Path missing = dir.resolve("missing.csv");
        assertError(Run.xent("loss", missing.toString()), "xent: " + missing + ": does not exist");
        Path taken = file("taken", "a file");
        assertError(Run.xent("tour", "--out", taken.toString()), "xent: --out " + taken
                + ": already exists and is not a directory");
        assertError(Run.xent("tour", "--out", ""), "xent: --out: '' is not a directory name");
        assertError(Run.xent("tour", "--out", taken.resolve("sub").toString()), "xent: --out " + taken.resolve("sub")
                + ": cannot create the directory: not a directory");
        // a name with NUL cannot exist on any system: said in words, not with the JDK's exception
        assertError(Run.xent("entropy", "--p-file", "a\0b"), "xent: Invalid value for option '--p-file':"
                + " 'a\\0b' is not a file name on this system (see 'xent entropy --help')");
        assertError(Run.xent("tour", "--out", "a\0b"), "xent: Invalid value for option '--out':"
                + " 'a\\0b' is not a file name on this system (see 'xent tour --help')");
        assertError(Run.xent("loss", "a\0b"), "xent: FILE: 'a\\0b' is not a file name on this system");
    }

    @Test
    void fileSystemFailuresAreWordsNotClassNames() {
        // the tests run as root here, so a real permission failure cannot be staged: the mapping is
        // checked on the exceptions the JDK throws for it
        assertThat(InputFiles.problem(new AccessDeniedException("/x"))).isEqualTo("permission denied");
        assertThat(InputFiles.problem(new NoSuchFileException("/x"))).isEqualTo("does not exist");
        assertThat(InputFiles.problem(new FileSystemException("/x", null, "Is a directory"))).isEqualTo("is a directory");
        assertThat(InputFiles.problem(new IOException())).isEqualTo("input/output error");
    }
}
