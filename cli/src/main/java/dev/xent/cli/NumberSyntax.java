package dev.xent.cli;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The one number grammar of the command: every numeric option ({@code --base}, {@code --clip},
 * {@code --label-smoothing}, {@code --row-tolerance}, the input limits) and every number read from
 * input ({@code --p}, {@code --q}, their files, the fields of a CSV file) goes through this class.
 *
 * <h2>The grammar</h2>
 * <pre>
 *   number  = [sign] (decimal | special)
 *   decimal = (digits ["." [digits]] | "." digits) [("e" | "E") [sign] digits]
 *   special = "NaN" | "Infinity" | "inf"        (any case)
 *   sign    = "+" | "-"
 * </pre>
 * So {@code 0.5}, {@code .5}, {@code 5.}, {@code -1e-3}, {@code 2E+10}, {@code nan}, {@code -inf}.
 * Nothing else: no spaces, no hexadecimal ({@code 0x1p4}), no Java or C suffixes ({@code 2d},
 * {@code 1e-7f}), no digit separators, no locale's decimal comma. {@link Double#parseDouble} takes
 * all of those, which is why it is only called here, on text this grammar has already accepted. The
 * special values are part of the grammar so that the command can say why they are refused where
 * they make no sense ({@code probability NaN … is not in [0, 1]}) rather than call them "not a
 * number"; NumPy and pandas write {@code nan} and {@code inf}.
 *
 * <h2>Conversion</h2>
 * Correctly rounded to the nearest double, as {@link Double#parseDouble} rounds, in one of three
 * ways, none with a {@code String}. The digits (at most 19 of them, leading zeros included) make an
 * exact integer mantissa w in the grammar's own pass, and the value is w · 10<sup>q</sup>:
 * <ol>
 *   <li>w ≤ 2<sup>53</sup> and |q| ≤ 22: Clinger's fast path, one IEEE multiplication or division
 *       of two exact doubles, so correctly rounded (the 6 decimals of {@code bench/compare}'s file);
 *   <li>otherwise, for a normal result: {@link EiselLemire}'s step on w, two 64-bit products with a
 *       128-bit power of five (the 16–17 significant digits that {@code Double.toString}, Python's
 *       {@code repr} and pandas write);
 *   <li>the rest — more than 19 digits, a subnormal or infinite result, or the rare value within a
 *       few units of a tie, which {@code EiselLemire} declines — fastdoubleparser's
 *       {@code JavaDoubleParser} on the same bytes: Lemire's algorithm with its exact fallback.
 * </ol>
 * The property test {@code NumberSyntaxProperties} checks all three against
 * {@link Double#parseDouble} (see {@link #parse(byte[], int, int)}). A magnitude beyond the largest
 * double is infinite and one below the smallest subnormal is zero, as IEEE rounding gives.
 */
final class NumberSyntax {

    /** The grammar in a few words, for messages. */
    static final String DESCRIPTION = "a decimal number such as 0.25, .5 or 1e-7";

    private static final double[] POWERS = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
        1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    };

    /** Powers of ten as integers, for the mantissa. */
    private static final long[] LONG_POWERS = {
        1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L,
    };

    /** Eight bytes of an array as one little-endian long (the first byte lowest). */
    private static final VarHandle EIGHT_BYTES = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);

    private static final long ZEROS = 0x3030303030303030L;

    private NumberSyntax() {
    }

    /** Text that is not a number of the grammar; no stack trace (it is caught and reported). */
    static final class NotANumber extends Exception {
        private static final long serialVersionUID = 1L;

        NotANumber() {
            super("not a number", null, false, false);
        }
    }

    /**
     * Whether {@code text} is a number of the grammar.
     *
     * @param text any text
     * @return true if {@link #parse(CharSequence)} accepts it
     */
    static boolean isNumber(CharSequence text) {
        try {
            parse(text);
            return true;
        } catch (NotANumber e) {
            return false;
        }
    }

    /**
     * Parses text of the grammar.
     *
     * @param text the text, nothing around the number
     * @return the nearest double
     * @throws NotANumber if the text is not a number of the grammar
     */
    static double parse(CharSequence text) throws NotANumber {
        int n = text.length();
        byte[] ascii = new byte[n];
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                throw new NotANumber();
            }
            ascii[i] = (byte) c;
        }
        return parse(ascii, 0, n);
    }

    /**
     * Parses the bytes {@code b[from, to)} (UTF-8 or ASCII text) of the grammar, without allocating
     * for short decimals.
     *
     * @param b the bytes
     * @param from the first byte
     * @param to one past the last byte
     * @return the nearest double
     * @throws NotANumber if the bytes are not a number of the grammar
     */
    static double parse(byte[] b, int from, int to) throws NotANumber {
        int j = from;
        boolean negative = false;
        if (j < to && (b[j] == '+' || b[j] == '-')) {
            negative = b[j] == '-';
            j++;
        }
        int afterSign = j;
        // every digit goes into the mantissa, leading zeros too (they add nothing): with at most 19
        // digits in all it is exact as an unsigned long, and anything longer goes to the full
        // converter below
        long mantissa = 0;
        while (j < to) {
            int d = b[j] - '0';
            if (d < 0 || d > 9) {
                break;
            }
            mantissa = mantissa * 10 + d;
            j++;
        }
        int digits = j - afterSign;
        int fraction = 0;
        if (j < to && b[j] == '.') {
            j++;
            int first = j;
            // the fraction's digits eight at a time while they last (the 6 or 17 digits files have)
            while (j < to && j + 8 <= b.length) {
                int n = Math.min(8, to - j);
                long word = eightDigits(b, j, n);
                if (word < 0) {
                    break;
                }
                mantissa = mantissa * LONG_POWERS[n] + word;
                j += n;
                if (n < 8) {
                    break;
                }
            }
            while (j < to) {
                int d = b[j] - '0';
                if (d < 0 || d > 9) {
                    break;
                }
                mantissa = mantissa * 10 + d;
                j++;
            }
            fraction = j - first;
            digits += fraction;
        }
        if (digits == 0) {
            return special(b, afterSign, to, negative);
        }
        int exp = 0;
        if (j < to && (b[j] == 'e' || b[j] == 'E')) {
            j++;
            boolean negExp = false;
            if (j < to && (b[j] == '+' || b[j] == '-')) {
                negExp = b[j] == '-';
                j++;
            }
            int expStart = j;
            while (j < to && b[j] >= '0' && b[j] <= '9') {
                exp = Math.min(exp * 10 + (b[j] - '0'), 100_000);
                j++;
            }
            if (j == expStart) {
                throw new NotANumber();
            }
            if (negExp) {
                exp = -exp;
            }
        }
        if (j != to) {
            throw new NotANumber();
        }
        if (digits <= 19) {
            // at most 19 digits: the mantissa is exact as an unsigned long
            if (mantissa == 0) {
                return negative ? -0.0 : 0.0;
            }
            int scale = exp - fraction;
            if (mantissa > 0 && mantissa <= 1L << 53 && scale >= -22 && scale <= 22) {
                // Clinger's fast path: the mantissa (at most 2^53) and 10^|scale| are exact
                // doubles, so one IEEE multiplication or division rounds the exact value correctly
                double m = mantissa;
                double v = scale >= 0 ? m * POWERS[scale] : m / POWERS[-scale];
                return negative ? -v : v;
            }
            long bits = EiselLemire.bits(mantissa, scale);
            if (bits != EiselLemire.DECLINED) {
                double v = Double.longBitsToDouble(bits);
                return negative ? -v : v;
            }
        }
        // The grammar is checked: what the converter sees here is a plain decimal of more than 19
        // digits, a power of ten beyond EiselLemire's range, or a value within a few units of a
        // tie between two doubles (about 1 in 2^10 of the 17-digit fields). fastdoubleparser
        // (MIT, wrandelshofer/FastDoubleParser, a port of fast_float) because it converts bytes
        // without a String, correctly rounded: on the 17-digit fields pandas writes, measured 2-2.7x
        // faster than Double.parseDouble(new String(...)) here, and no garbage per field (with the
        // String, a 10^6 x 10 file cost xent loss ~300 MB of heap growth). It accepts more than
        // the grammar (hex, a 'd' suffix, spaces), which is why it only ever sees checked text.
        return JavaDoubleParser.parseDouble(b, from, to - from);
    }

    /**
     * The value of the {@code n} (1–8) bytes {@code b[j, j + n)} if they are all ASCII digits, else
     * −1; reads {@code b[j, j + 8)}. Eight digits are converted in three multiplications instead of
     * a chain of eight, in the way of Lemire's "Faster integer parsing" (2018): the bytes not in the
     * number become leading '0's, a byte-wise test checks every byte is a digit, and the digits are
     * combined pairwise, then by fours, then by eights, inside the one long.
     */
    private static long eightDigits(byte[] b, int j, int n) {
        long word = (long) EIGHT_BYTES.get(b, j);
        if (n < 8) {
            // keep the first n bytes, moved to the end of the word, and put '0's before them
            int shift = 8 * (8 - n);
            word = (word << shift) | (ZEROS >>> (64 - shift));
        }
        // a byte is a digit if its high nibble is 3 and adding 6 does not carry into the high nibble
        long high = word & 0xF0F0F0F0F0F0F0F0L;
        long carry = ((word + 0x0606060606060606L) & 0xF0F0F0F0F0F0F0F0L) >>> 4;
        if ((high | carry) != 0x3333333333333333L) {
            return -1;
        }
        long v = word - ZEROS;
        v = v * 10 + (v >>> 8);
        v = ((v & 0x000000FF000000FFL) * (100 + (1_000_000L << 32))
                + ((v >>> 16) & 0x000000FF000000FFL) * (1 + (10_000L << 32))) >>> 32;
        return v;
    }

    /** After an optional sign and no digits: NaN, Infinity or inf, in any case. */
    private static double special(byte[] b, int from, int to, boolean negative) throws NotANumber {
        int n = to - from;
        if (n != 3 && n != 8) {
            throw new NotANumber();
        }
        String word = new String(b, from, n, StandardCharsets.US_ASCII);
        if (word.equalsIgnoreCase("nan")) {
            return Double.NaN;
        }
        if (word.equalsIgnoreCase("inf") || word.equalsIgnoreCase("infinity")) {
            return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        throw new NotANumber();
    }
}
