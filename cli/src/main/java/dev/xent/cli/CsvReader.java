package dev.xent.cli;

import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * A streaming reader of RFC 4180 CSV (UTF-8) that knows where every field starts, for
 * {@code xent loss}: one record at a time, in constant memory, without allocating per record.
 *
 * <h2>What it accepts</h2>
 * Fields separated by {@code ,}; records ended by LF, CRLF or a lone CR; a field that starts with
 * {@code "} is quoted and may hold commas, line breaks and {@code ""} (one quote). Strict where
 * RFC 4180 is: a quote inside an unquoted field, anything but a comma or a line end after a closing
 * quote, and an unterminated quote are errors. Blank lines are skipped (as pandas' default
 * {@code skip_blank_lines=True} does); a UTF-8 byte-order mark at the start is skipped (Excel
 * writes one; the same rule as every text input of the command, see {@link TextLines}). No field is
 * trimmed.
 *
 * <h2>Hostile input</h2>
 * The text must be UTF-8, checked byte by byte as it is read (RFC 3629: no overlong forms, no
 * surrogates, nothing above U+10FFFF — what the JDK's decoder refuses with
 * {@code CodingErrorAction.REPORT}); the first bad byte stops the run with
 * {@code SOURCE:LINE:COLUMN: not UTF-8 at byte offset N (byte 0xE9)}, N counted from 0 at the start
 * of the input. No field, record or field count ever grows past its cap ({@link InputLimits}): the
 * reader stops at the byte that would pass it, so a 200 MB line costs no more memory than the cap.
 * A check by hand rather than a {@code CharsetDecoder} because the reader never decodes a number
 * field: validating in the loop that already counts columns costs one comparison per byte.
 *
 * <h2>Positions</h2>
 * Every error is {@code SOURCE:LINE:COLUMN: message}, LINE and COLUMN 1-based, COLUMN counted in
 * characters (Unicode code points) from the start of the physical line, pointing at the first
 * character of the field (or at the offending character) — the format of compilers and of
 * {@code grep -n}, which editors jump to.
 *
 * <h2>Numbers</h2>
 * {@link #number(int)} parses the command's one number grammar, {@link NumberSyntax}, on the
 * field's bytes (no {@code String} for the usual short decimals).
 *
 * <p>Peers: Apache Commons CSV and Python's {@code csv} module build a {@code String} per field;
 * this reader skips that because a predictions file may have 10<sup>7</sup> rows of 10 numbers.
 */
final class CsvReader implements Closeable {

    private static final int EOF = -1;

    private final InputStream in;
    private final String source;
    private final InputLimits limits;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int lim;
    /** The input's offset of {@code buf[0]}. */
    private long base;
    /** The input's offset where the current record starts. */
    private long recordStart;

    /** UTF-8 check: continuation bytes still due, the range of the next one, the sequence's lead. */
    private int need;
    private int nextLow = 0x80;
    private int nextHigh = 0xBF;
    private long leadOffset;
    private long leadLine;
    private int leadColumn;
    private int leadByte;

    /** Whether the input starts here (so a byte-order mark may come first). */
    private boolean atStart;

    /** The current physical line and column (of the next byte to read). */
    private long line;
    private int column = 1;

    /** The current record: its fields' bytes back to back, and where each field starts and ends. */
    private byte[] rec = new byte[256];
    private int recLen;
    private int fields;
    private int[] start = new int[8];
    private int[] end = new int[8];
    private long[] fieldLine = new long[8];
    private int[] fieldColumn = new int[8];
    private long endLine;
    private int endColumn;

    /**
     * A reader of {@code in} with the default caps; it does not buffer beyond its own 64 KiB.
     *
     * @param in the bytes, UTF-8
     * @param source the name used in messages: the file name, or {@code <stdin>}
     */
    CsvReader(InputStream in, String source) {
        this(in, source, InputLimits.defaults());
    }

    /**
     * A reader of {@code in} with these caps on a field, a record and the fields of a record.
     *
     * @param in the bytes, UTF-8
     * @param source the name used in messages: the file name, or {@code <stdin>}
     * @param limits the caps
     */
    CsvReader(InputStream in, String source, InputLimits limits) {
        this(in, source, limits, 0, 1);
    }

    /**
     * A reader of {@code in} that starts inside an input, at the start of a line: offsets in
     * messages count from the input's start, lines from {@code line}. A byte-order mark is skipped
     * only at offset 0.
     *
     * @param in the bytes from {@code offset} on, UTF-8
     * @param source the name used in messages
     * @param limits the caps
     * @param offset the input's offset of the first byte of {@code in}
     * @param line the physical line number of that byte (1-based)
     */
    CsvReader(InputStream in, String source, InputLimits limits, long offset, long line) {
        this.in = in;
        this.source = source;
        this.limits = limits;
        this.base = offset;
        this.line = line;
        this.atStart = offset == 0;
    }

    /** The source's name, as messages show it. */
    String source() {
        return source;
    }

    /**
     * Reads the next record.
     *
     * @return false at the end of the input
     * @throws InputException on malformed CSV, with its position
     * @throws IOException if reading fails
     */
    boolean next() throws IOException {
        if (atStart) {
            atStart = false;
            skipByteOrderMark();
        }
        int c = peek();
        while (c == '\n' || c == '\r') {
            read();
            if (c == '\r' && peek() == '\n') {
                read();
            }
            newLine();
            c = peek();
        }
        if (c == EOF) {
            return false;
        }
        recLen = 0;
        fields = 0;
        recordStart = offset();
        while (true) {
            if (fields == limits.fields) {
                throw at(line, column, "this record has more than " + InputLimits.describe(limits.fields,
                        "fields", "--max-fields") + ": raise the limit with --max-fields N if the file is right");
            }
            if (offset() - recordStart > limits.recordBytes) {
                throw recordTooLong();
            }
            if (fields == start.length) {
                int n = (int) Math.min((long) fields * 2, limits.fields);
                start = Arrays.copyOf(start, n);
                end = Arrays.copyOf(end, n);
                fieldLine = Arrays.copyOf(fieldLine, n);
                fieldColumn = Arrays.copyOf(fieldColumn, n);
            }
            start[fields] = recLen;
            fieldLine[fields] = line;
            fieldColumn[fields] = column;
            c = read();
            if (c == '"') {
                while (true) {
                    c = read();
                    if (c == EOF) {
                        throw at(fieldLine[fields], fieldColumn[fields],
                                "this quoted field is never closed (no matching '\"' before the end of the input)");
                    } else if (c == '"') {
                        if (peek() == '"') {
                            read();
                            append(c);
                        } else {
                            break;
                        }
                    } else {
                        append(c);
                        if (c == '\n' || (c == '\r' && peek() != '\n')) {
                            newLine();
                        }
                    }
                }
                long l = line;
                int col = column;
                c = read();
                if (c != ',' && c != '\n' && c != '\r' && c != EOF) {
                    throw at(l, col, "expected ',' or the end of the line after a closing quote, found "
                            + (c < 0x80 ? Quote.of(String.valueOf((char) c)) : "a non-ASCII character")
                            + " (write a quote inside a quoted field as \"\")");
                }
            } else {
                while (c != ',' && c != '\n' && c != '\r' && c != EOF) {
                    if (c == '"') {
                        throw at(line, column - 1, "a quote inside an unquoted field: quote the whole "
                                + "field and double the quote (RFC 4180)");
                    }
                    append(c);
                    c = read();
                }
            }
            end[fields] = recLen;
            fields++;
            if (c == ',') {
                continue;
            }
            endLine = line;
            endColumn = column - (c == EOF ? 0 : 1);
            if (c == '\r' && peek() == '\n') {
                read();
            }
            if (c != EOF) {
                newLine();
            }
            return true;
        }
    }

    /** The number of fields of the current record. */
    int fieldCount() {
        return fields;
    }

    /** The current record's field {@code i} as text (allocates; for the header and messages). */
    String text(int i) {
        return new String(rec, start[i], end[i] - start[i], StandardCharsets.UTF_8);
    }

    /** Whether field {@code i} is exactly these UTF-8 bytes. */
    boolean fieldEquals(int i, byte[] utf8) {
        return Arrays.equals(rec, start[i], end[i], utf8, 0, utf8.length);
    }

    /** Field {@code i} as an integer 0 … max, or −1 if it is not one (only ASCII digits, no sign). */
    int index(int i, int max) {
        return index(rec, start[i], end[i], max);
    }

    /** The bytes {@code b[s, e)} as an integer 0 … max, or −1 if they are not one (digits only). */
    static int index(byte[] b, int s, int e, int max) {
        if (s == e || e - s > 10) {
            return -1;
        }
        long v = 0;
        for (int j = s; j < e; j++) {
            int d = b[j] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v <= max ? (int) v : -1;
    }

    /**
     * Field {@code i} as a double, parsed strictly (see the class documentation).
     *
     * @throws InputException if the field is not a number, with its position
     */
    double number(int i) {
        try {
            return NumberSyntax.parse(rec, start[i], end[i]);
        } catch (NumberSyntax.NotANumber e) {
            throw error(i, Quote.of(text(i)) + " is not a number");
        }
    }

    /** An error at the start of field {@code i} of the current record. */
    InputException error(int i, String message) {
        return at(fieldLine[i], fieldColumn[i], message);
    }

    /** An error at the end of the current record (e.g. a missing field). */
    InputException errorAtEnd(String message) {
        return at(endLine, endColumn, message);
    }

    /** The physical line where the current record starts. */
    long line() {
        return fieldLine[0];
    }

    /** The input's offset of the current record's first byte. */
    long recordOffset() {
        return recordStart;
    }

    /** The input's offset of the next byte to read (after a record: the next line's start). */
    long nextOffset() {
        return offset();
    }

    /** The physical line of the next byte to read. */
    long nextLine() {
        return line;
    }

    /**
     * The input from the next unread byte on (its buffered bytes, then the rest of the stream),
     * for {@link CsvScanner} to go on where this reader stopped; this reader is not read again.
     */
    InputStream rest() {
        return new SequenceInputStream(new ByteArrayInputStream(buf, pos, lim - pos), in);
    }

    private InputException at(long l, int col, String message) {
        return new InputException(String.format(Locale.ROOT, "%s:%d:%d: %s", source, l, col, message));
    }

    private void skipByteOrderMark() throws IOException {
        if (fill() && lim - pos >= 3 && (buf[0] & 0xFF) == 0xEF && (buf[1] & 0xFF) == 0xBB
                && (buf[2] & 0xFF) == 0xBF) {
            pos = 3;
        }
    }

    private void append(int c) {
        if (recLen - start[fields] >= limits.fieldBytes) {
            throw at(fieldLine[fields], fieldColumn[fields], "this field is longer than "
                    + InputLimits.describe(limits.fieldBytes, "bytes", "--max-field-bytes")
                    + ": raise the limit with --max-field-bytes N if the file is right");
        }
        if (offset() - recordStart > limits.recordBytes) {
            throw recordTooLong();
        }
        if (recLen == rec.length) {
            rec = Arrays.copyOf(rec, (int) Math.min((long) rec.length * 2, limits.recordBytes));
        }
        rec[recLen++] = (byte) c;
    }

    private InputException recordTooLong() {
        // the byte that passes the cap has been read: it belongs to the character before the column
        return at(line, column - 1, "this record (from line " + fieldLine[0] + ") is longer than "
                + InputLimits.describe(limits.recordBytes, "bytes", "--max-record-bytes")
                + ": raise the limit with --max-record-bytes N if the file is right");
    }

    /** The input's offset of the next byte to read, from 0. */
    private long offset() {
        return base + pos;
    }

    private void newLine() {
        line++;
        column = 1;
    }

    private int peek() throws IOException {
        if (pos == lim && !fill()) {
            return EOF;
        }
        return buf[pos] & 0xFF;
    }

    private int read() throws IOException {
        if (pos == lim && !fill()) {
            if (need > 0) {
                throw notUtf8();
            }
            return EOF;
        }
        int c = buf[pos++] & 0xFF;
        if (c < 0x80 && need == 0) {
            column++;
            return c;
        }
        return nonAscii(c);
    }

    /**
     * A byte of a multi-byte UTF-8 sequence (or an ASCII byte where one was due), checked against
     * RFC 3629's table: the lead byte fixes the number of continuation bytes and the range of the
     * first one (E0: A0–BF, no overlong form; ED: 80–9F, no surrogate; F0: 90–BF; F4: 80–8F, nothing
     * above U+10FFFF); C0, C1 and F5–FF never occur.
     */
    private int nonAscii(int c) {
        if (need > 0) {
            if (c < nextLow || c > nextHigh) {
                throw notUtf8();
            }
            need--;
            nextLow = 0x80;
            nextHigh = 0xBF;
            return c;
        }
        leadOffset = offset() - 1;
        leadLine = line;
        leadColumn = column;
        leadByte = c;
        if (c >= 0xC2 && c <= 0xDF) {
            need = 1;
        } else if (c >= 0xE0 && c <= 0xEF) {
            need = 2;
            nextLow = c == 0xE0 ? 0xA0 : 0x80;
            nextHigh = c == 0xED ? 0x9F : 0xBF;
        } else if (c >= 0xF0 && c <= 0xF4) {
            need = 3;
            nextLow = c == 0xF0 ? 0x90 : 0x80;
            nextHigh = c == 0xF4 ? 0x8F : 0xBF;
        } else {
            throw notUtf8();
        }
        column++;
        return c;
    }

    private InputException notUtf8() {
        return at(leadLine, leadColumn, String.format(Locale.ROOT,
                "not UTF-8 at byte offset %d (byte 0x%02X): xent reads UTF-8 text; convert the file, "
                        + "e.g. iconv -f latin1 -t utf-8", leadOffset, leadByte));
    }

    /** Refills the buffer if it is empty; false at the end of the input. */
    private boolean fill() throws IOException {
        if (pos < lim) {
            return true;
        }
        base += lim;
        int n = in.read(buf, 0, buf.length);
        pos = 0;
        lim = Math.max(n, 0);
        return n > 0;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
