package dev.xent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link CsvScanner} against what the file is known to hold: whole files of random fields (ASCII,
 * two-, three- and four-byte UTF-8, empty fields, blank lines, LF, CRLF and lone CR line ends) read
 * through a stream that hands out 1 to 20 bytes at a time, so that fields and characters cross
 * every buffer boundary; every record must come back with its fields and line, and a record with
 * a quote or a byte that is not UTF-8 must be handed back to {@link CsvReader}, and only that one.
 */
class CsvScannerProperties {

    /** A fixed seed, so a failure is the same on every run. */
    private static final long SEED = 20261202L;

    @Test
    void everyRecordOfARandomFileIsReadWithItsFieldsAndLine() {
        qt().withFixedSeed(SEED).withExamples(400).forAll(longs().all(), integers().between(1, 6))
                .checkAssert((seed, fields) -> {
                    SplittableRandom random = new SplittableRandom(seed);
                    File file = randomFile(random, fields, random.nextInt(1, 40));
                    CsvScanner scanner = scanner(file.bytes, fields, random);
                    for (int r = 0; r < file.records.size(); r++) {
                        assertThat(next(scanner)).as("record %d", r).isEqualTo(CsvScanner.RECORD);
                        assertThat(scanner.recordLine()).as("record %d", r).isEqualTo(file.lines.get(r));
                        for (int f = 0; f < fields; f++) {
                            assertThat(scanner.fieldEquals(f, file.records.get(r).get(f)))
                                    .as("record %d field %d", r, f).isTrue();
                        }
                    }
                    assertThat(next(scanner)).isEqualTo(CsvScanner.END);
                });
    }

    @Test
    void aQuoteOrABadByteInAFieldHandsTheRecordBack() {
        qt().withFixedSeed(SEED).withExamples(400).forAll(longs().all(), integers().between(1, 6))
                .checkAssert((seed, fields) -> {
                    SplittableRandom random = new SplittableRandom(seed);
                    File file = randomFile(random, fields, random.nextInt(2, 30));
                    int bad = random.nextInt(file.records.size());
                    // the bad byte goes anywhere into the text of record 'bad', before its line end
                    int at = file.starts.get(bad) + random.nextInt(file.ends.get(bad) - file.starts.get(bad) + 1);
                    byte[] spoiled = new byte[file.bytes.length + 1];
                    System.arraycopy(file.bytes, 0, spoiled, 0, at);
                    spoiled[at] = random.nextBoolean() ? (byte) '"' : (byte) 0xFF;
                    System.arraycopy(file.bytes, at, spoiled, at + 1, file.bytes.length - at);
                    CsvScanner scanner = scanner(spoiled, fields, random);
                    for (int r = 0; r < bad; r++) {
                        assertThat(next(scanner)).as("record %d", r).isEqualTo(CsvScanner.RECORD);
                    }
                    assertThat(next(scanner)).isEqualTo(CsvScanner.BAIL);
                    assertThat(scanner.recordLine()).isEqualTo(file.lines.get(bad));
                    assertThat(scanner.recordOffset()).isEqualTo((long) file.starts.get(bad));
                });
    }

    /** A scanner of {@code bytes} from line 1, offset 0, read in 1- to 20-byte pieces. */
    private static CsvScanner scanner(byte[] bytes, int fields, SplittableRandom random) {
        return new CsvScanner(trickle(bytes, random), 0, 1, fields, InputLimits.defaults());
    }

    private static int next(CsvScanner scanner) {
        try {
            return scanner.next();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A file and what the reference knows of it. */
    private static final class File {
        byte[] bytes;
        final List<List<byte[]>> records = new ArrayList<>();
        final List<Long> lines = new ArrayList<>();
        /** Where the record's text (its fields and separators, not its line end) starts and ends. */
        final List<Integer> starts = new ArrayList<>();
        final List<Integer> ends = new ArrayList<>();
    }

    private static final String[] PIECES = {"0", "1", "7", ".", "e", "-", "+", "a", "Z", " ", "_",
        "0.", "25", "123456789", "\u00e9", "\u20ac", "\uD83D\uDE00", "\u0001", "\u007f"};

    private static File randomFile(SplittableRandom random, int fields, int records) {
        File file = new File();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long line = 1;
        boolean[] afterCr = {false};
        for (int r = 0; r < records; r++) {
            // blank lines before a record are skipped, and counted
            while (random.nextInt(8) == 0) {
                out.writeBytes(lineEnd(random, afterCr));
                line++;
            }
            file.lines.add(line);
            afterCr[0] = false;
            file.starts.add(out.size());
            List<byte[]> record = new ArrayList<>();
            for (int f = 0; f < fields; f++) {
                StringBuilder field = new StringBuilder();
                // a record's first field is never empty: a record of one empty field is a blank line
                int length = random.nextInt(f == 0 ? 1 : 0, 12);
                for (int j = 0; j < length; j++) {
                    field.append(PIECES[random.nextInt(PIECES.length)]);
                }
                byte[] utf8 = field.toString().getBytes(StandardCharsets.UTF_8);
                record.add(utf8);
                if (f > 0) {
                    out.write(',');
                }
                out.writeBytes(utf8);
            }
            file.ends.add(out.size());
            file.records.add(record);
            if (r < records - 1 || random.nextBoolean()) {
                out.writeBytes(lineEnd(random, afterCr));
                line++;
            }
        }
        file.bytes = out.toByteArray();
        return file;
    }

    /** LF, CRLF or a lone CR; never LF right after a lone CR, which would make the two one CRLF. */
    private static byte[] lineEnd(SplittableRandom random, boolean[] afterCr) {
        int kind = random.nextInt(afterCr[0] ? 2 : 3);
        afterCr[0] = kind == 1;
        switch (kind) {
            case 0:
                return new byte[] {'\r', '\n'};
            case 1:
                return new byte[] {'\r'};
            default:
                return new byte[] {'\n'};
        }
    }

    /** A stream that hands out 1 to 20 bytes per read, so that every boundary is met. */
    private static InputStream trickle(byte[] bytes, SplittableRandom random) {
        long seed = random.nextLong();
        return new ByteArrayInputStream(bytes) {
            private final SplittableRandom sizes = new SplittableRandom(seed);

            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, sizes.nextInt(1, 21)));
            }
        };
    }
}
