package dev.xent.cli;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * A file of lines ({@code --p-file}, {@code --q-file}) read under the command's input rules, the
 * same as {@link CsvReader}'s: a UTF-8 byte-order mark at the very start is skipped; lines end with
 * LF, CRLF or a lone CR; the text must be UTF-8, decoded strictly (a {@link CharsetDecoder} with
 * {@link CodingErrorAction#REPORT}), the first bad byte reported as
 * {@code SOURCE:LINE:COLUMN: not UTF-8 at byte offset N (byte 0xE9)}; and no line is held beyond
 * its cap ({@link InputLimits}: a line is one record of one field, so the smaller of the two caps),
 * reported at the byte that passes it.
 */
final class TextLines implements Closeable {

    private final InputStream in;
    private final String source;
    private final int cap;
    private final String capOption;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int lim;
    private long base;
    private boolean started;
    private byte[] line = new byte[256];
    private long number;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);

    /**
     * Lines of {@code in}.
     *
     * @param in the bytes
     * @param source the name used in messages
     * @param limits the caps; a line may be as long as the smaller of a field's and a record's
     */
    TextLines(InputStream in, String source, InputLimits limits) {
        this.in = in;
        this.source = source;
        boolean field = limits.fieldBytes <= limits.recordBytes;
        this.cap = Math.min(limits.fieldBytes, limits.recordBytes);
        this.capOption = field ? "--max-field-bytes" : "--max-record-bytes";
    }

    /** The 1-based number of the line last returned. */
    long number() {
        return number;
    }

    /**
     * The next line, without its line break.
     *
     * @return the line, or null at the end of the input
     * @throws InputException if the line is too long or not UTF-8
     * @throws IOException if reading fails
     */
    String next() throws IOException {
        if (!started) {
            started = true;
            if (fill() && lim >= 3 && (buf[0] & 0xFF) == 0xEF && (buf[1] & 0xFF) == 0xBB
                    && (buf[2] & 0xFF) == 0xBF) {
                pos = 3;
            }
        }
        if (pos == lim && !fill()) {
            return null;
        }
        number++;
        long lineStart = base + pos;
        int len = 0;
        while (true) {
            if (pos == lim && !fill()) {
                break;
            }
            byte b = buf[pos++];
            if (b == '\n') {
                break;
            }
            if (b == '\r') {
                if ((pos < lim || fill()) && buf[pos] == '\n') {
                    pos++;
                }
                break;
            }
            if (len == cap) {
                throw new InputException(String.format(Locale.ROOT,
                        "%s:%d:%d: this line is longer than %s: raise the limit with %s N if the file is right",
                        source, number, columnOf(len) + 1, InputLimits.describe(cap, "bytes", capOption), capOption));
            }
            if (len == line.length) {
                line = Arrays.copyOf(line, (int) Math.min(2L * len, cap));
            }
            line[len++] = b;
        }
        return decode(len, lineStart);
    }

    /** The line's bytes as text, strictly. */
    private String decode(int len, long lineStart) {
        ByteBuffer bytes = ByteBuffer.wrap(line, 0, len);
        CharBuffer chars = CharBuffer.allocate(len);
        decoder.reset();
        CoderResult r = decoder.decode(bytes, chars, true);
        if (!r.isError()) {
            r = decoder.flush(chars);
        }
        if (r.isError()) {
            int at = bytes.position();
            chars.flip();
            int column = chars.toString().codePointCount(0, chars.length()) + 1;
            throw new InputException(String.format(Locale.ROOT,
                    "%s:%d:%d: not UTF-8 at byte offset %d (byte 0x%02X): xent reads UTF-8 text; convert "
                            + "the file, e.g. iconv -f latin1 -t utf-8",
                    source, number, column, lineStart + at, line[at] & 0xFF));
        }
        chars.flip();
        return chars.toString();
    }

    /** The column (0-based, in characters) of byte {@code len} of the line, for a message. */
    private int columnOf(int len) {
        int column = 0;
        for (int i = 0; i < len; i++) {
            if ((line[i] & 0xC0) != 0x80) {
                column++;
            }
        }
        return column;
    }

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
