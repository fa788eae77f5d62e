package dev.xent.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Arrays;

/**
 * The fast path of {@code xent loss}'s CSV reading: the data rows of an ordinary predictions file
 * (unquoted fields, UTF-8, every row as wide as the header) as byte ranges of its buffer, with no
 * allocation per record, no per-byte column count and no copy of a field.
 *
 * <h2>What it leaves to {@link CsvReader}</h2>
 * It is not a second CSV grammar: it only recognises records it is sure {@link CsvReader} reads
 * the same way, and hands every other record back untouched. {@link #next()} returns
 * {@link #BAIL} — and leaves the record unread, at {@link #recordOffset()} and
 * {@link #recordLine()} — at the first record that holds a quote, a byte that is not well-formed
 * UTF-8, a number of fields other than the header's, a field or record at or near its cap of
 * {@link InputLimits}, or that is longer than this scanner's own buffer (1 MiB); the caller then
 * reads the rest with {@link CsvReader} from {@link #rest()}, which reports every error with its
 * exact position and message. The caller bails the same way ({@link #bail()}) when a field is not
 * a number, a label is unknown or the loss refuses a row. So every message comes from one reader,
 * and this one needs no error of its own.
 *
 * <h2>Lines</h2>
 * It counts line ends (LF, CRLF, a lone CR), so {@link #line()} is the physical line of the next
 * byte, starting from the line number it was given: a chunk of a file read by another thread
 * starts at line 1 and the caller adds the earlier chunks' counts.
 */
final class CsvScanner {

    /** {@link #next()}: a record was read. */
    static final int RECORD = 1;

    /** {@link #next()}: the end of the input. */
    static final int END = 0;

    /** {@link #next()}: the next record needs {@link CsvReader}; it is left unread. */
    static final int BAIL = -1;

    /** The buffer starts at 128 KiB and grows, for a long record, to 1 MiB. */
    private static final int INITIAL_BUFFER = 1 << 17;
    private static final int MAX_BUFFER = 1 << 20;

    /** Bytes that end an unquoted run: separators, line ends, a quote, and every non-ASCII byte. */
    private static final boolean[] STOP = new boolean[256];

    static {
        STOP[','] = true;
        STOP['\n'] = true;
        STOP['\r'] = true;
        STOP['"'] = true;
        for (int b = 0x80; b < 0x100; b++) {
            STOP[b] = true;
        }
    }

    private final InputStream in;
    private final int fields;
    private final int fieldCap;
    private final int recordCap;
    private byte[] buf = new byte[INITIAL_BUFFER];
    private int pos;
    private int lim;
    private boolean eof;
    /** The input's offset of {@code buf[0]}. */
    private long base;
    /** Where the current record starts in {@code buf}. */
    private int rec;
    private long line;
    private long recordLine;
    /** The current record's fields, relative to {@code rec}. */
    private final int[] start;
    private final int[] end;

    /**
     * A scanner of {@code in} for records of exactly {@code fields} fields.
     *
     * @param in the bytes, starting at a line start (never at a byte-order mark)
     * @param offset the input's offset of the first byte of {@code in}
     * @param line the physical line number of that byte
     * @param fields the header's number of fields
     * @param limits the caps; records near them are left to {@link CsvReader}
     */
    CsvScanner(InputStream in, long offset, long line, int fields, InputLimits limits) {
        this.in = in;
        this.base = offset;
        this.line = line;
        this.fields = fields;
        // strictly below the caps, so that CsvReader decides every case at or past one
        this.fieldCap = limits.fieldBytes - 1;
        this.recordCap = (int) Math.min(limits.recordBytes - 4L, MAX_BUFFER);
        this.start = new int[fields];
        this.end = new int[fields];
    }

    /**
     * Reads the next record.
     *
     * @return {@link #RECORD}, {@link #END} or {@link #BAIL}
     * @throws IOException if reading fails
     */
    int next() throws IOException {
        // blank lines, as CsvReader skips them
        while (true) {
            if (pos == lim) {
                rec = pos;
                if (!fill()) {
                    return END;
                }
            }
            byte c = buf[pos];
            if (c == '\n') {
                pos++;
                line++;
            } else if (c == '\r') {
                pos++;
                if (pos == lim) {
                    rec = pos;
                    fill();
                }
                if (pos < lim && buf[pos] == '\n') {
                    pos++;
                }
                line++;
            } else {
                break;
            }
        }
        rec = pos;
        recordLine = line;
        int i = pos;
        int f = 0;
        while (true) {
            if (f == fields) {
                return bail();
            }
            start[f] = i - rec;
            int c;
            while (true) {
                while (i < lim && !STOP[buf[i] & 0xFF]) {
                    i++;
                }
                if (i == lim) {
                    int r = i - rec;
                    if (r >= recordCap || !fill()) {
                        if (r >= recordCap) {
                            return bail();
                        }
                        c = -1;
                        i = rec + r;
                        break;
                    }
                    i = rec + r;
                    continue;
                }
                c = buf[i] & 0xFF;
                if (c < 0x80) {
                    break;
                }
                int r = i - rec;
                int n = utf8Length(c);
                if (n == 0 || !available(r + n)) {
                    return bail();
                }
                i = rec + r;
                if (!wellFormed(buf, i, c, n)) {
                    return bail();
                }
                i += n + 1;   // past the lead byte and its n continuation bytes
            }
            if (c == '"') {
                return bail();
            }
            end[f] = i - rec;
            if (end[f] - start[f] >= fieldCap) {
                return bail();
            }
            f++;
            if (c == ',') {
                i++;
                continue;
            }
            if (f != fields || i - rec >= recordCap) {
                return bail();
            }
            if (c == '\n') {
                i++;
                line++;
            } else if (c == '\r') {
                i++;
                if (i == lim) {
                    int r = i - rec;
                    fill();
                    i = rec + r;
                }
                if (i < lim && buf[i] == '\n') {
                    i++;
                }
                line++;
            }
            pos = i;
            return RECORD;
        }
    }

    /**
     * Leaves the current record unread (the caller found it needs {@link CsvReader}).
     *
     * @return {@link #BAIL}
     */
    int bail() {
        pos = rec;
        line = recordLine;
        return BAIL;
    }

    /** The input's offset of the current (or the bailed) record's first byte. */
    long recordOffset() {
        return base + rec;
    }

    /** The physical line where the current (or the bailed) record starts. */
    long recordLine() {
        return recordLine;
    }

    /** The physical line of the next byte to read: after the last record, the count of line ends. */
    long line() {
        return line;
    }

    /** The input from the next unread byte on: the buffered bytes, then the rest of the stream. */
    InputStream rest() {
        return new SequenceInputStream(new ByteArrayInputStream(buf, pos, lim - pos), in);
    }

    /**
     * Field {@code i} of the current record as a double, in the grammar of {@link NumberSyntax}.
     *
     * @throws NumberSyntax.NotANumber if it is not a number
     */
    double number(int i) throws NumberSyntax.NotANumber {
        return NumberSyntax.parse(buf, rec + start[i], rec + end[i]);
    }

    /** Whether field {@code i} is exactly these UTF-8 bytes. */
    boolean fieldEquals(int i, byte[] utf8) {
        return Arrays.equals(buf, rec + start[i], rec + end[i], utf8, 0, utf8.length);
    }

    /** Field {@code i} as an integer 0 … max, or −1 (the rule of {@link CsvReader#index}). */
    int index(int i, int max) {
        return CsvReader.index(buf, rec + start[i], rec + end[i], max);
    }

    /** The continuation bytes a lead byte announces (RFC 3629), or 0 if it is no lead byte. */
    private static int utf8Length(int lead) {
        if (lead >= 0xC2 && lead <= 0xDF) {
            return 1;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            return 2;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            return 3;
        }
        return 0;
    }

    /** Whether {@code b[i]} (the lead) and its {@code n} continuation bytes form a UTF-8 sequence. */
    private static boolean wellFormed(byte[] b, int i, int lead, int n) {
        int first = b[i + 1] & 0xFF;
        int low = lead == 0xE0 ? 0xA0 : lead == 0xF0 ? 0x90 : 0x80;
        int high = lead == 0xED ? 0x9F : lead == 0xF4 ? 0x8F : 0xBF;
        if (first < low || first > high) {
            return false;
        }
        for (int j = 2; j <= n; j++) {
            int c = b[i + j] & 0xFF;
            if (c < 0x80 || c > 0xBF) {
                return false;
            }
        }
        return true;
    }

    /** Makes {@code buf[rec, rec + r]} available (fills as needed); false at the end of the input. */
    private boolean available(int r) throws IOException {
        while (rec + r >= lim) {
            if (!fill()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Reads more bytes, keeping {@code buf[rec, lim)}: moves it to the front, or grows the buffer
     * when it is full of one record. False at the end of the input (or when the record has filled
     * the largest buffer: the caller's cap check then bails).
     */
    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        if (rec > 0) {
            System.arraycopy(buf, rec, buf, 0, lim - rec);
            base += rec;
            pos -= rec;
            lim -= rec;
            rec = 0;
        }
        if (lim == buf.length) {
            if (buf.length >= MAX_BUFFER) {
                return false;
            }
            buf = Arrays.copyOf(buf, Math.min(buf.length * 2, MAX_BUFFER));
        }
        int n = in.read(buf, lim, buf.length - lim);
        if (n <= 0) {
            eof = n < 0;
            return n > 0 || (!eof && fill());
        }
        lim += n;
        return true;
    }
}
