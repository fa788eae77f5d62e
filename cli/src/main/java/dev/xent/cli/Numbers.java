package dev.xent.cli;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * How the command prints numbers, shared by every subcommand (text and JSON).
 *
 * <p>{@link #exact(double)} is the shortest decimal that reads back as the same {@code double}
 * (what Python's {@code repr} and Java 19+'s {@code Double.toString} print). Java 17's
 * {@code Double.toString} sometimes prints one digit too many, and the README examples must read
 * the same on every JDK, so the digits are found here with {@link BigDecimal}: the value is rounded
 * to 1, 2, … 17 significant digits until it round-trips. {@link #fixed(double, int)} is the
 * tutorial's {@code %.3f}. Both use {@link Locale#ROOT}.
 */
final class Numbers {

    private Numbers() {
    }

    /**
     * The shortest round-tripping decimal of {@code x}: plain between 1e-3 and 1e7
     * ({@code 3.2879430945989}, {@code 1}, {@code 0.001}), otherwise scientific with a lower-case
     * {@code e} ({@code 9.805612959471341e-14}); {@code Infinity}, {@code -Infinity}, {@code NaN}
     * for the special values; {@code 0} for both zeros.
     */
    static String exact(double x) {
        if (Double.isNaN(x)) {
            return "NaN";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "Infinity" : "-Infinity";
        }
        if (x == 0.0) {
            return "0";
        }
        BigDecimal exact = new BigDecimal(x);
        BigDecimal shortest = exact;
        for (int digits = 1; digits <= 17; digits++) {
            BigDecimal rounded = exact.round(new MathContext(digits));
            if (rounded.doubleValue() == x) {
                shortest = rounded;
                break;
            }
        }
        shortest = shortest.stripTrailingZeros();
        double a = Math.abs(x);
        if (a >= 1e-3 && a < 1e7) {
            return shortest.toPlainString();
        }
        String unscaled = shortest.unscaledValue().abs().toString();
        int exponent = unscaled.length() - 1 - shortest.scale();
        String mantissa = unscaled.length() == 1 ? unscaled
                : unscaled.charAt(0) + "." + unscaled.substring(1);
        return (x < 0 ? "-" : "") + mantissa + "e" + (exponent < 0 ? "-" : "+")
                + String.format(Locale.ROOT, "%02d", Math.abs(exponent));
    }

    /** {@code x} with {@code decimals} digits after the point, as C's {@code %.Nf}; ∞ as {@code Infinity}. */
    static String fixed(double x, int decimals) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return exact(x);
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", x);
    }
}
