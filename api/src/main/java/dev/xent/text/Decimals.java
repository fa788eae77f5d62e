package dev.xent.text;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;

/**
 * How xent prints a number: the {@code xent} command (text and JSON), the tour and the
 * documentation all print doubles through this class, so that every digit shown reads back as
 * the same {@code double}.
 *
 * <p>{@link #shortest(double)} is the shortest decimal that reads back as the same {@code double},
 * and among the shortest the one closest to the exact binary value, ties to an even last digit —
 * what Python's {@code repr} prints, and Java 19+'s {@code Double.toString} (Raffaello Giulietti's
 * Schubfach) except that Java never prints fewer than two digits: where one digit suffices Java
 * picks the closest of the one- and two-digit decimals ({@code 4.9E-324}), Python and xent the
 * one-digit one ({@code 5e-324}). Java 17's {@code Double.toString} sometimes prints a digit too
 * many, and the README examples must read the same on every JDK, so the digits are found here,
 * exactly, in big integers. {@link #fixed(double, int)} is the tutorial's {@code %.3f}. Both use
 * {@link Locale#ROOT}.
 *
 * <h2>The algorithm</h2>
 * A {@code double} x reads back from every decimal strictly inside its rounding interval — half
 * way to its neighbours {@code Math.nextDown(x)} and {@code Math.nextUp(x)} — and from the
 * interval's ends too when x's significand is even (round half to even). The interval is symmetric
 * except at a power of two, where the gap below is half the gap above. With E the decimal exponent
 * of x (10<sup>E</sup> ≤ x &lt; 10<sup>E+1</sup>), the two k-digit decimals next to x are the
 * multiples of 10<sup>E−k+1</sup> just below (or at) x and just above it; any other k-digit decimal
 * is farther from x on the same side, so if neither of the two is in the interval no k-digit
 * decimal is. Where one or both are, the answer for k digits is the closer of them, on a tie the one
 * whose last digit is even. Every (k−1)-digit decimal is also a k-digit one, so "some k-digit
 * decimal is in the interval" holds from the shortest length on: that length is found by bisection
 * over 1 … 17 (seventeen digits always suffice for a {@code double}). Every comparison is exact, in
 * {@link BigInteger}s: x = X·2<sup>b</sup>, the interval's ends and the candidates c·10<sup>s</sup>
 * are integers times powers of two and ten.
 *
 * <p>Hand-written rather than taken from a library: the JDK of this build (17) has no shortest
 * conversion, and the one library that has it (Jackson's port of Schubfach) is used by no module
 * here; this version is one page, exact by construction, and {@code DecimalsProperties} checks it
 * against JDK 25's Schubfach. Its cost, a few microseconds per number, is paid only for what the
 * command prints.
 */
public final class Decimals {

    /** 10<sup>0</sup> … 10<sup>360</sup>: a double's decimals need exponents from −341 to 308. */
    private static final BigInteger[] POW10 = new BigInteger[361];

    static {
        POW10[0] = BigInteger.ONE;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1].multiply(BigInteger.TEN);
        }
    }

    private Decimals() {
    }

    /**
     * The shortest round-tripping decimal of {@code x} (see the class documentation): plain between
     * 1e-3 and 1e7 ({@code 3.2879430945989}, {@code 1}, {@code 0.001}), otherwise scientific with a
     * lower-case {@code e} and a signed exponent of at least two digits
     * ({@code 9.805612959471341e-14}, {@code 1e+22}); {@code Infinity}, {@code -Infinity},
     * {@code NaN} for the special values; {@code 0} for both zeros.
     *
     * @param x any double
     * @return its shortest decimal, laid out as above
     */
    public static String shortest(double x) {
        if (Double.isNaN(x)) {
            return "NaN";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "Infinity" : "-Infinity";
        }
        if (x == 0.0) {
            return "0";
        }
        BigDecimal shortest = shortestDecimal(Math.abs(x)).stripTrailingZeros();
        double a = Math.abs(x);
        String sign = x < 0 ? "-" : "";
        if (a >= 1e-3 && a < 1e7) {
            return sign + shortest.toPlainString();
        }
        String unscaled = shortest.unscaledValue().toString();
        int exponent = unscaled.length() - 1 - shortest.scale();
        String mantissa = unscaled.length() == 1 ? unscaled
                : unscaled.charAt(0) + "." + unscaled.substring(1);
        return sign + mantissa + "e" + (exponent < 0 ? "-" : "+")
                + String.format(Locale.ROOT, "%02d", Math.abs(exponent));
    }

    /**
     * The shortest decimal in the rounding interval of {@code a} (finite, > 0), closest to it, as
     * unscaled digits and a power of ten. Every value here is an exact integer times a power of two
     * or of ten, compared as big integers: a = X·2<sup>b</sup>, the interval's ends
     * L·2<sup>b</sup> and H·2<sup>b</sup>, a k-digit decimal c·10<sup>s</sup>.
     */
    private static BigDecimal shortestDecimal(double a) {
        long bits = Double.doubleToRawLongBits(a);
        int biased = (int) (bits >>> 52) & 0x7FF;
        long fraction = bits & ((1L << 52) - 1);
        long m = biased == 0 ? fraction : fraction | (1L << 52);
        int q = biased == 0 ? -1074 : biased - 1075;
        // in units of 2^(q-2): a = 4m; half way up is 4m + 2; half way down is 4m - 2, or 4m - 1 at
        // a power of two (not the smallest normal), where the double below is twice as close
        Interval iv = new Interval(4 * m, 4 * m - (fraction == 0 && biased > 1 ? 1 : 2), 4 * m + 2, q - 2,
                (m & 1) == 0);
        // the decimal exponent E: 10^E <= a < 10^(E+1), estimated and then made exact
        int e = (int) Math.floor(Math.log10(a));
        while (compare(BigInteger.ONE, e, iv.x, iv.b) > 0) {
            e--;
        }
        while (compare(BigInteger.ONE, e + 1, iv.x, iv.b) <= 0) {
            e++;
        }
        // "some k-digit decimal lies in the interval" holds for every k from the shortest length
        // on, so the shortest length is found by bisection; the JDK's Double.toString, which reads
        // back but on JDK 17 is sometimes a digit too long, bounds it from above (checked, not
        // trusted: if its length fails, the search goes on up to 17)
        int lo = 1;
        int hi = Math.min(17, significantDigits(Double.toString(a)));
        if (iv.candidate(e - hi + 1) == null) {
            lo = hi + 1;
            hi = 17;
        }
        while (lo < hi) {
            int k = (lo + hi) >>> 1;
            if (iv.candidate(e - k + 1) != null) {
                hi = k;
            } else {
                lo = k + 1;
            }
        }
        BigDecimal d = iv.candidate(e - lo + 1);
        if (d == null) {
            throw new AssertionError("17 digits always round-trip: " + a);
        }
        return d;
    }

    /** A double's rounding interval, [L, H]·2<sup>b</sup> (ends included or not), and the double X·2<sup>b</sup>. */
    private record Interval(long x, long low, long high, int b, boolean endsIncluded) {

        /**
         * The decimal c·10<sup>s</sup> in the interval closest to the double (ties to even c), c
         * one of the two multiples of 10<sup>s</sup> next to it; null if neither is inside.
         */
        BigDecimal candidate(int s) {
            // c·10^s against v·2^b for every v here, as c·lf against v·rf with integers lf and rf
            BigInteger rf = s < 0 ? pow10(-s) : BigInteger.ONE;
            BigInteger lf = s > 0 ? pow10(s) : BigInteger.ONE;
            if (b > 0) {
                rf = rf.shiftLeft(b);
            } else if (b < 0) {
                lf = lf.shiftLeft(-b);
            }
            BigInteger rx = rf.multiply(BigInteger.valueOf(x));
            BigInteger rl = rf.multiply(BigInteger.valueOf(low));
            BigInteger rh = rf.multiply(BigInteger.valueOf(high));
            BigInteger down = rx.divide(lf);
            BigInteger dv = down.multiply(lf);
            boolean exact = dv.equals(rx);
            BigInteger uv = exact ? dv : dv.add(lf);
            boolean downIn = inside(dv, rl, rh);
            boolean upIn = !exact && inside(uv, rl, rh);
            BigInteger c;
            if (downIn && upIn) {
                // the closer of the two: compare their midpoint with the double
                int side = dv.add(uv).compareTo(rx.shiftLeft(1));
                c = side > 0 ? down : side < 0 ? down.add(BigInteger.ONE) : down.testBit(0) ? down.add(BigInteger.ONE) : down;
            } else if (downIn) {
                c = down;
            } else if (upIn) {
                c = down.add(BigInteger.ONE);
            } else {
                return null;
            }
            return new BigDecimal(c, -s);
        }

        private boolean inside(BigInteger v, BigInteger rl, BigInteger rh) {
            int l = v.compareTo(rl);
            int h = v.compareTo(rh);
            return endsIncluded ? l >= 0 && h <= 0 : l > 0 && h < 0;
        }
    }

    /** The sign of c·10<sup>s</sup> − v·2<sup>b</sup>, exactly. */
    private static int compare(BigInteger c, int s, long v, int b) {
        BigInteger left = c;
        BigInteger right = BigInteger.valueOf(v);
        if (s >= 0) {
            left = left.multiply(pow10(s));
        } else {
            right = right.multiply(pow10(-s));
        }
        if (b >= 0) {
            right = right.shiftLeft(b);
        } else {
            left = left.shiftLeft(-b);
        }
        return left.compareTo(right);
    }

    private static BigInteger pow10(int n) {
        return POW10[n];
    }

    /** The number of significant digits of a decimal as {@code Double.toString} writes it. */
    private static int significantDigits(String s) {
        int first = -1;
        int last = -1;
        for (int i = 0; i < s.length() && s.charAt(i) != 'E'; i++) {
            char c = s.charAt(i);
            if (c >= '1' && c <= '9') {
                if (first < 0) {
                    first = i;
                }
                last = i;
            }
        }
        if (first < 0) {
            return 1;
        }
        int digits = last - first + 1;
        int point = s.indexOf('.');
        return point > first && point < last ? digits - 1 : digits;
    }

    /**
     * {@code x} with {@code decimals} digits after the point, as C's {@code %.Nf}; ∞ as {@code Infinity}.
     *
     * @param x any double
     * @param decimals the number of digits after the point
     * @return the text
     */
    public static String fixed(double x, int decimals) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return shortest(x);
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", x);
    }
}
