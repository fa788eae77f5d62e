package dev.xent.cli;

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
 * Correctly rounded to the nearest double, as {@link Double#parseDouble} rounds. Decimals with at
 * most 15 significant digits and a power of ten within ±22 take Clinger's fast path (one IEEE
 * multiplication or division of two exact doubles, so correctly rounded), without a {@code String};
 * longer ones go through {@link Double#parseDouble}. A magnitude beyond the largest double is
 * infinite and one below the smallest subnormal is zero, as IEEE rounding gives.
 */
final class NumberSyntax {

    /** The grammar in a few words, for messages. */
    static final String DESCRIPTION = "a decimal number such as 0.25, .5 or 1e-7";

    private static final double[] POWERS = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
        1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    };

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
        long mantissa = 0;
        int significant = 0;
        int digits = 0;
        int scale = 0;
        while (j < to && b[j] >= '0' && b[j] <= '9') {
            if (significant > 0 || b[j] != '0') {
                if (significant < 18) {
                    mantissa = mantissa * 10 + (b[j] - '0');
                } else {
                    scale++;
                }
                significant++;
            }
            digits++;
            j++;
        }
        if (j < to && b[j] == '.') {
            j++;
            while (j < to && b[j] >= '0' && b[j] <= '9') {
                if (significant > 0 || b[j] != '0') {
                    if (significant < 18) {
                        mantissa = mantissa * 10 + (b[j] - '0');
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
            return special(b, afterSign, to, negative);
        }
        if (j < to && (b[j] == 'e' || b[j] == 'E')) {
            j++;
            boolean negExp = false;
            if (j < to && (b[j] == '+' || b[j] == '-')) {
                negExp = b[j] == '-';
                j++;
            }
            int expDigits = 0;
            int exp = 0;
            while (j < to && b[j] >= '0' && b[j] <= '9') {
                exp = Math.min(exp * 10 + (b[j] - '0'), 100_000);
                expDigits++;
                j++;
            }
            if (expDigits == 0) {
                throw new NotANumber();
            }
            scale += negExp ? -exp : exp;
        }
        if (j != to) {
            throw new NotANumber();
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
        // the grammar is checked: what Double.parseDouble sees here is a plain decimal
        return Double.parseDouble(new String(b, from, to - from, StandardCharsets.US_ASCII));
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
