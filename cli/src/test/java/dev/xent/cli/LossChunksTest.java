package dev.xent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code xent loss} on a file cut into chunks read by several threads: the same bits with one
 * thread, with two or three, and from standard input (read sequentially with the same chunk rule);
 * quoted line breaks across chunk boundaries; and every error after a boundary with the line,
 * column and byte offset that one thread reading the whole file gives. The chunks are made tiny
 * ({@code --chunk-bytes}) so that a small file has dozens of them.
 */
class LossChunksTest {

    /** The means are compared with an independent sum of −ln q in double: a few ulps of 2. */
    private static final double RELATIVE = 1e-14;

    @TempDir
    Path dir;

    /** A categorical file: label (a class name or an index), five classes, a weight column. */
    private static String categorical(int rows, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        StringBuilder b = new StringBuilder("label,ham,spam,eggs,w,bacon,beans\n");
        String[] names = {"ham", "spam", "eggs", "bacon", "beans"};
        for (int r = 0; r < rows; r++) {
            double[] q = new double[5];
            double sum = 0;
            for (int j = 0; j < 5; j++) {
                q[j] = 1 - random.nextDouble();
                sum += q[j];
            }
            int y = random.nextInt(5);
            b.append(random.nextBoolean() ? names[y] : Integer.toString(y));
            for (int j = 0; j < 5; j++) {
                b.append(',').append(q[j] / sum);
                if (j == 2) {
                    b.append(',').append(random.nextInt(4) * 0.5);
                }
            }
            b.append(r % 7 == 3 ? "\r\n" : "\n");
            if (r % 50 == 10) {
                b.append('\n');
            }
        }
        return b.toString();
    }

    /** The weighted mean of −ln q_y over the file, summed here with Kahan's compensation. */
    private static double weightedMean(String content) {
        String[] names = {"ham", "spam", "eggs", "bacon", "beans"};
        double sum = 0;
        double c = 0;
        double weights = 0;
        String[] lines = content.split("\r?\n");
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isEmpty()) {
                continue;
            }
            String[] f = lines[i].split(",");
            int y = List.of(names).indexOf(f[0]);
            if (y < 0) {
                y = Integer.parseInt(f[0]);
            }
            double w = Double.parseDouble(f[4]);
            int column = y < 3 ? 1 + y : 2 + y;
            double term = w * -Math.log(Double.parseDouble(f[column])) - c;
            double t = sum + term;
            c = (t - sum) - term;
            sum = t;
            weights += w;
        }
        return sum / weights;
    }

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, content.getBytes(StandardCharsets.UTF_8));
        return file;
    }

    private Path write(String name, byte[] content) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, content);
        return file;
    }

    private static Run stdin(byte[] content, String... args) {
        InputStream saved = System.in;
        try {
            System.setIn(new ByteArrayInputStream(content));
            return Run.xent(args);
        } finally {
            System.setIn(saved);
        }
    }

    private static String[] args(String file, String threads, String chunk, String... more) {
        List<String> a = new ArrayList<>(List.of("loss", file, "--threads", threads, "--chunk-bytes", chunk));
        a.addAll(List.of(more));
        return a.toArray(new String[0]);
    }

    /** Runs the file with 1, 2 and 3 threads and from stdin; asserts one output; returns it. */
    private String sameOutputEveryWay(Path file, String chunk, String... more) throws IOException {
        Run one = Run.xent(args(file.toString(), "1", chunk, more));
        assertThat(one.code()).as(one.err()).isZero();
        for (String threads : new String[] {"2", "3"}) {
            Run r = Run.xent(args(file.toString(), threads, chunk, more));
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).as("%s threads", threads).isEqualTo(one.out());
        }
        Run in = stdin(Files.readAllBytes(file), args("-", "2", chunk, more));
        assertThat(in.code()).as(in.err()).isZero();
        assertThat(in.out()).as("standard input").isEqualTo(one.out());
        return one.out();
    }

    private static double jsonValue(String json) {
        Matcher m = Pattern.compile("\"value\": ([-0-9.eE+]+)").matcher(json);
        assertThat(m.find()).as(json).isTrue();
        return Double.parseDouble(m.group(1));
    }

    private static String message(Run r) {
        assertThat(r.code()).as(r.out()).isEqualTo(Xent.EXIT_USAGE);
        return r.err().strip();
    }

    @Test
    void theResultHasTheSameBitsWithOneTwoOrThreeThreadsAndFromStandardInput() throws IOException {
        String content = categorical(3_000, 1);
        Path file = write("c.csv", content);
        String out = sameOutputEveryWay(file, "997", "--weights", "w", "--json", "--per-class",
                "--backend", "all", "--row-tolerance", "1e-12");
        double expected = weightedMean(content);
        assertThat(jsonValue(out)).isCloseTo(expected, within(RELATIVE * expected));
        // the default chunk size (one chunk here) gives the same mean within rounding
        Run whole = Run.xent("loss", file.toString(), "--weights", "w", "--json", "--row-tolerance", "1e-12");
        assertThat(jsonValue(whole.out())).isCloseTo(expected, within(RELATIVE * expected));
    }

    /**
     * mpmath at 200 bits on the decimals of {@code categorical(20_000, 5)} as written (each field's
     * text read exactly, Σ w·(−ln q_y) / Σ w), by a throwaway script that read the file this test
     * writes: 1.86931461581213869058739300362.
     */
    private static final double EXACT_MEAN_20000 = 1.86931461581213869058739300362;

    @Test
    void theMeanIsWithinOneUlpOfTheExactMeanOfTheDecimalsWrittenInTheFile() throws IOException {
        Path file = write("exact.csv", categorical(20_000, 5));
        for (String chunk : new String[] {"4096", Integer.toString(LossCommand.CHUNK_BYTES)}) {
            for (String threads : new String[] {"1", "2"}) {
                Run r = Run.xent(args(file.toString(), threads, chunk, "--weights", "w", "--json"));
                assertThat(r.code()).as(r.err()).isZero();
                assertThat(jsonValue(r.out())).as("%s threads, chunks of %s bytes", threads, chunk)
                        .isCloseTo(EXACT_MEAN_20000, within(Math.ulp(EXACT_MEAN_20000)));
            }
        }
    }

    @Test
    void aThreadCountThatIsNotAWholeNumberFromOneTo256IsAUsageError() throws IOException {
        Path file = write("t.csv", "label,p\n1,0.5\n");
        assertThat(Run.xent("loss", file.toString(), "--threads", "1e2").code()).isZero();
        for (String[] bad : new String[][] {
            {"0", "'0' is not a whole number from 1 to 256"},
            {"1.5", "'1.5' is not a whole number from 1 to 256"},
            {"257", "'257' is not a whole number from 1 to 256"},
            {"two", "'two' is not a number: give a number of threads"},
        }) {
            assertThat(message(Run.xent("loss", file.toString(), "--threads", bad[0])))
                    .isEqualTo("xent: Invalid value for option '--threads': " + bad[1] + " (see 'xent loss --help')");
        }
    }

    @Test
    void aBinaryFileHasTheSameBitsEveryWayToo() throws IOException {
        SplittableRandom random = new SplittableRandom(2);
        StringBuilder b = new StringBuilder("p,label\n");
        double sum = 0;
        int n = 5_000;
        for (int r = 0; r < n; r++) {
            double p = 0.001 + 0.998 * random.nextDouble();
            int y = random.nextInt(2);
            b.append(p).append(',').append(y).append('\n');
            sum += y == 1 ? -Math.log(p) : -Math.log1p(-p);
        }
        String out = sameOutputEveryWay(write("b.csv", b.toString()), "1024", "--json");
        assertThat(jsonValue(out)).isCloseTo(sum / n, within(1e-12 * sum / n));
    }

    @Test
    void quotedLineBreaksAndCommasAcrossChunkBoundariesAreFieldsNotRecords() throws IOException {
        // class names with a line break and a comma; the quoted labels come after the first chunks
        StringBuilder b = new StringBuilder("label,\"a\nb\",\"c,d\",e\n");
        int rows = 0;
        int ab = 0;
        for (int r = 0; r < 400; r++) {
            String label = r < 150 ? Integer.toString(r % 3) : r % 3 == 0 ? "\"a\nb\"" : r % 3 == 1 ? "\"c,d\"" : "e";
            ab += r % 3 == 0 ? 1 : 0;
            b.append(label).append(",0.25,0.25,0.5\n");
            rows++;
        }
        Path file = write("q.csv", b.toString());
        for (String chunk : new String[] {"64", "100", "1000"}) {
            String out = sameOutputEveryWay(file, chunk, "--json", "--per-class");
            assertThat(out).contains("\"count\": " + rows);
            // 134 rows of class "a\nb" at −ln 0.25, 133 of "c,d" at −ln 0.25, 133 of e at −ln 0.5
            double expected = (267 * Math.log(4) + 133 * Math.log(2)) / rows;
            assertThat(ab).isEqualTo(134);
            assertThat(jsonValue(out)).isCloseTo(expected, within(RELATIVE * expected));
        }
    }

    @Test
    void classNamesOutsideAsciiAreReadByTheFastPathToo() throws IOException {
        StringBuilder b = new StringBuilder("label,café,naïve,日本\n");
        for (int r = 0; r < 900; r++) {
            b.append(r % 3 == 0 ? "café" : r % 3 == 1 ? "naïve" : "日本").append(",0.5,0.25,0.25\n");
        }
        String out = sameOutputEveryWay(write("u.csv", b.toString()), "128", "--json");
        double expected = (300 * Math.log(2) + 600 * Math.log(4)) / 900;
        assertThat(jsonValue(out)).isCloseTo(expected, within(RELATIVE * expected));
    }

    /** A file of {@code rows} good rows of "1,0.25,0.75" with {@code bad} as row {@code at} (0-based). */
    private static String withRow(int rows, int at, String bad) {
        StringBuilder b = new StringBuilder("label,p\n");
        for (int r = 0; r < rows; r++) {
            b.append(r == at ? bad : "1,0.75").append('\n');
        }
        return b.toString();
    }

    /** The error of the file with 1 and 2 threads and from stdin, the same message (stdin renamed). */
    private String sameErrorEveryWay(Path file, String chunk, String... more) throws IOException {
        String one = message(Run.xent(args(file.toString(), "1", chunk, more)));
        assertThat(message(Run.xent(args(file.toString(), "2", chunk, more)))).isEqualTo(one);
        assertThat(message(stdin(Files.readAllBytes(file), args("-", "2", chunk, more))))
                .isEqualTo(one.replace(file.toString(), "<stdin>"));
        return one;
    }

    @Test
    void aBadFieldAfterManyChunksHasItsExactLineAndColumn() throws IOException {
        // row 700 (0-based) is line 702: the header is line 1; "1,0.x": the number starts in column 3
        Path file = write("e.csv", withRow(1_000, 700, "1,0.x"));
        assertThat(sameErrorEveryWay(file, "256"))
                .isEqualTo("xent: " + file + ":702:3: '0.x' is not a number");
    }

    @Test
    void theFirstBadFieldInFileOrderWinsWhicheverChunkIsReadFirst() throws IOException {
        String content = withRow(2_000, 1_500, "1,2").replace("\n1,0.75\n1,0.75\n1,0.75\n", "\n1,0.75\n1,0.75\n1,-1\n");
        // the first replacement is rows 0-2 (lines 2-4): row 2, line 4, holds -1
        Path file = write("two.csv", content);
        assertThat(sameErrorEveryWay(file, "300"))
                .isEqualTo("xent: " + file + ":4:3: probability -1 for class '1' is not in [0, 1]");
        Path late = write("late.csv", withRow(2_000, 1_500, "1,2"));
        assertThat(sameErrorEveryWay(late, "300"))
                .isEqualTo("xent: " + late + ":1502:3: probability 2 for class '1' is not in [0, 1]");
    }

    @Test
    void malformedUtf8AfterAChunkBoundaryIsReportedAtItsByteOffsetFromTheFileStart() throws IOException {
        String before = withRow(600, -1, "");
        byte[] head = before.getBytes(StandardCharsets.US_ASCII);
        byte[] content = new byte[head.length + 7];
        System.arraycopy(head, 0, content, 0, head.length);
        // "1,0.7" + 0xE9 ('é' in Latin-1) + "\n" on line 602
        byte[] tail = {'1', ',', '0', '.', '7', (byte) 0xE9, '\n'};
        System.arraycopy(tail, 0, content, head.length, tail.length);
        Path file = write("l1.csv", content);
        assertThat(sameErrorEveryWay(file, "512")).isEqualTo("xent: " + file + ":602:6: not UTF-8 at byte offset "
                + (head.length + 5) + " (byte 0xE9): xent reads UTF-8 text; convert the file, e.g. iconv -f latin1 -t utf-8");
    }

    @Test
    void aRecordPastItsCapAfterAChunkBoundaryNamesItsFirstLine() throws IOException {
        Path file = write("long.csv", withRow(800, 650, "1,0." + "5".repeat(100)));
        String message = sameErrorEveryWay(file, "333", "--max-record-bytes", "64");
        assertThat(message).startsWith("xent: " + file + ":652:").contains("this record (from line 652) is longer than 64 bytes");
    }

    @Test
    void anUnknownLabelOrAMissingFieldAfterAChunkBoundaryIsReportedWhereItIs() throws IOException {
        Path unknown = write("unknown.csv", "label,a,b\n" + "a,0.5,0.5\n".repeat(500) + "c,0.5,0.5\n");
        assertThat(sameErrorEveryWay(unknown, "200")).startsWith("xent: " + unknown + ":502:1: unknown label 'c'");
        Path missing = write("missing.csv", "label,a,b\n" + "a,0.5,0.5\n".repeat(500) + "a,0.5\n");
        assertThat(sameErrorEveryWay(missing, "200"))
                .isEqualTo("xent: " + missing + ":502:6: this row has 2 fields, the header has 3");
        Path quote = write("quote.csv", "label,a,b\n" + "a,0.5,0.5\n".repeat(500) + "a,0\"5,0.5\n");
        assertThat(sameErrorEveryWay(quote, "200")).startsWith("xent: " + quote + ":502:4: a quote inside an unquoted field");
    }
}
