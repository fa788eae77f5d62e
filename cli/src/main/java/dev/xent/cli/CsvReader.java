package dev.xent.cli;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
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
 * {@code skip_blank_lines=True} does); a UTF-8 byte-order mark at the start is ignored (Excel
 * writes one). No field is trimmed.
 *
 * <h2>Positions</h2>
 * Every error is {@code SOURCE:LINE:COLUMN: message}, LINE and COLUMN 1-based, COLUMN counted in
 * characters (Unicode code points) from the start of the physical line, pointing at the first
 * character of the field (or at the offending character) — the format of compilers and of
 * {@code grep -n}, which editors jump to.
 *
 * <h2>Numbers</h2>
 * {@link #number(int)} parses strictly: {@code [+-]digits[.digits][(e|E)[+-]digits]} (a leading or
 * trailing point is allowed, as in {@code .5} and {@code 5.}), or {@code NaN}, {@code Infinity},
 * {@code inf} with an optional sign, case-insensitive (NumPy writes {@code nan} and {@code inf});
 * no spaces, no hexadecimal, no Java suffixes such as {@code 1d}. Decimals with at most 15
 * significant digits and a power of ten within ±22 are converted without a {@code String} by
 * Clinger's fast path (one correctly rounded multiplication or division of two exact doubles, so
 * the result is the correctly rounded value, as {@link Double#parseDouble} gives); longer ones go
 * through {@link Double#parseDouble}.
 *
 * <p>Peers: Apache Commons CSV and Python's {@code csv} module build a {@code String} per field;
 * this reader skips that because a predictions file may have 10<sup>7</sup> rows of 10 numbers.
 */
final class CsvReader implements Closeable {

    private static final int EOF = -1;
    private static final double[] POWERS = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
        1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    };

    private final InputStream in;
    private final String source;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int lim;

    /** The current physical line and column (of the next byte to read). */
    private long line = 1;
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
     * A reader of {@code in}; it does not buffer beyond its own 64 KiB.
     *
     * @param in the bytes, UTF-8
     * @param source the name used in messages: the file name, or {@code <stdin>}
     */
    CsvReader(InputStream in, String source) {
        this.in = in;
        this.source = source;
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
        if (line == 1 && column == 1 && pos == 0 && lim == 0) {
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
        while (true) {
            if (fields == start.length) {
                int n = fields * 2;
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
                    throw at(l, col, "expected ',' or the end of the line after a closing quote, found '"
                            + (char) c + "' (write a quote inside a quoted field as \"\")");
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
        int s = start[i];
        int e = end[i];
        if (s == e || e - s > 10) {
            return -1;
        }
        long v = 0;
        for (int j = s; j < e; j++) {
            int d = rec[j] - '0';
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
        int s = start[i];
        int e = end[i];
        int j = s;
        boolean negative = false;
        if (j < e && (rec[j] == '+' || rec[j] == '-')) {
            negative = rec[j] == '-';
            j++;
        }
        long mantissa = 0;
        int significant = 0;
        int digits = 0;
        int scale = 0;
        while (j < e && rec[j] >= '0' && rec[j] <= '9') {
            if (significant > 0 || rec[j] != '0') {
                if (significant < 18) {
                    mantissa = mantissa * 10 + (rec[j] - '0');
                } else {
                    scale++;
                }
                significant++;
            }
            digits++;
            j++;
        }
        if (j < e && rec[j] == '.') {
            j++;
            while (j < e && rec[j] >= '0' && rec[j] <= '9') {
                if (significant > 0 || rec[j] != '0') {
                    if (significant < 18) {
                        mantissa = mantissa * 10 + (rec[j] - '0');
                        scale--;
                    }
                    significant++;
                } else {
                    scale--;
                }
                digits++;
                j++;
            }
        }
        if (digits == 0) {
            return special(i, s, e);
        }
        if (j < e && (rec[j] == 'e' || rec[j] == 'E')) {
            j++;
            boolean negExp = false;
            if (j < e && (rec[j] == '+' || rec[j] == '-')) {
                negExp = rec[j] == '-';
                j++;
            }
            int expDigits = 0;
            int exp = 0;
            while (j < e && rec[j] >= '0' && rec[j] <= '9') {
                exp = Math.min(exp * 10 + (rec[j] - '0'), 100_000);
                expDigits++;
                j++;
            }
            if (expDigits == 0) {
                throw notANumber(i);
            }
            scale += negExp ? -exp : exp;
        }
        if (j != e) {
            throw notANumber(i);
        }
        if (mantissa == 0) {
            return negative ? -0.0 : 0.0;
        }
        if (significant <= 15 && scale >= -22 && scale <= 22) {
            // Clinger's fast path: the mantissa (< 10^15 < 2^53) and 10^|scale| are exact doubles,
            // so one IEEE multiplication or division rounds the exact value correctly
            double m = mantissa;
            double v = scale >= 0 ? m * POWERS[scale] : m / POWERS[-scale];
            return negative ? -v : v;
        }
        return Double.parseDouble(text(i));
    }

    private double special(int i, int s, int e) {
        String t = text(i).toLowerCase(Locale.ROOT);
        switch (t) {
            case "nan": case "+nan": case "-nan":
                return Double.NaN;
            case "inf": case "+inf": case "infinity": case "+infinity":
                return Double.POSITIVE_INFINITY;
            case "-inf": case "-infinity":
                return Double.NEGATIVE_INFINITY;
            default:
                throw notANumber(i);
        }
    }

    private InputException notANumber(int i) {
        return error(i, "'" + text(i) + "' is not a number");
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
        if (recLen == rec.length) {
            rec = Arrays.copyOf(rec, rec.length * 2);
        }
        rec[recLen++] = (byte) c;
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
            return EOF;
        }
        int c = buf[pos++] & 0xFF;
        if ((c & 0xC0) != 0x80) {
            column++;
        }
        return c;
    }

    /** Refills the buffer if it is empty; false at the end of the input. */
    private boolean fill() throws IOException {
        if (pos < lim) {
            return true;
        }
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
