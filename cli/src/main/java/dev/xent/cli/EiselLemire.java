package dev.xent.cli;

import java.math.BigInteger;

/**
 * w · 10<sup>q</sup> correctly rounded to a double, for a decimal mantissa w of at most 19 digits
 * (exact in 64 bits, read as unsigned) whose value is a normal double: the Eisel–Lemire step of
 * {@link NumberSyntax}, on the mantissa its grammar pass has already built, so that the 16–17
 * significant digits that {@code Double.toString}, Python's {@code repr} and pandas write are not
 * scanned a second time.
 *
 * <p><b>Method</b> (D. Lemire, "Number parsing at a gigabyte per second", Software: Practice and
 * Experience 51(8), 2021, after M. Eisel). With w shifted left until its top bit is set and T the
 * 128-bit truncation of 5<sup>q</sup> scaled into [2<sup>127</sup>, 2<sup>128</sup>), the top 128
 * bits P of the 192-bit product w·T are two 64 × 64-bit products. The exact w·5<sup>q</sup>, on the
 * same scale, lies in [P, P + 2) units of P's last bit (T is short of the exact power by less than
 * one unit, times w &lt; 2<sup>64</sup>; the product's dropped low word less than one more). P's top
 * 53 bits are the double's significand and the next bit with everything below it decides the
 * rounding — unless P lies within that margin of the halfway point between two doubles, where the
 * exact value could be on either side or on the tie. Then — for a decimal that is a tie, such as
 * 9007199254740993 = 2<sup>53</sup> + 1, or within about 2<sup>−123</sup> of one, relatively — this
 * class declines and the caller converts the text in full (fastdoubleparser). So whenever a value
 * is returned it is the correctly rounded one; there is no other approximation.
 *
 * <p><b>Range.</b> q ∈ [{@value #MIN_Q}, {@value #MAX_Q}]: for any w from 1 to 10<sup>19</sup> − 1
 * the value is then in [10<sup>−307</sup>, 10<sup>307</sup>), a normal double, so neither
 * subnormal rounding nor overflow arises here; other q are declined. Each power of five is
 * computed exactly with {@link BigInteger} the first time a number needs it (a file of
 * probabilities needs a handful of q; the whole table, built at once, would cost a one-line
 * command tens of milliseconds at start-up).
 */
final class EiselLemire {

    /** The smallest power of ten handled: {@value}. */
    static final int MIN_Q = -307;

    /** The largest power of ten handled: {@value}. */
    static final int MAX_Q = 288;

    /** What {@link #bits(long, int)} returns when it declines: not the bits of any double it returns. */
    static final long DECLINED = -1L;

    /** T(q) for each q at [q − MIN_Q], each computed when first needed (null until then). */
    private static final Power[] POWERS = new Power[MAX_Q - MIN_Q + 1];

    /**
     * T(q), the 128-bit truncation of 5<sup>q</sup> scaled into [2<sup>127</sup>, 2<sup>128</sup>),
     * as two words, and e = ⌊log<sub>2</sub> 5<sup>q</sup>⌋, so that 5<sup>q</sup> =
     * T* · 2<sup>e − 127</sup> with T ≤ T* &lt; T + 1. Immutable: its final fields make it safe to
     * publish through the shared array without a lock (two threads may both compute one; they get
     * the same words).
     */
    private static final class Power {
        final long high;
        final long low;
        final int exponent;

        Power(int q) {
            BigInteger five = BigInteger.valueOf(5);
            BigInteger t;
            if (q >= 0) {
                BigInteger p = five.pow(q);
                int b = p.bitLength();
                t = b <= 128 ? p.shiftLeft(128 - b) : p.shiftRight(b - 128);
                exponent = b - 1;
            } else {
                // ⌊2^(b + 127) / 5^|q|⌋ lies in [2^127, 2^128) since 5^|q| is never a power of two
                BigInteger p = five.pow(-q);
                int b = p.bitLength();
                t = BigInteger.ONE.shiftLeft(b + 127).divide(p);
                exponent = -b;
            }
            high = t.shiftRight(64).longValue();
            low = t.longValue();
        }
    }

    /** T(q), computed now if no thread has yet (a few BigInteger operations, once per q). */
    private static Power power(int q) {
        Power p = POWERS[q - MIN_Q];
        if (p == null) {
            p = new Power(q);
            POWERS[q - MIN_Q] = p;
        }
        return p;
    }

    private EiselLemire() {
    }

    /**
     * The bits of the double nearest to w · 10<sup>q</sup> (ties to even), or {@link #DECLINED}.
     *
     * @param w the decimal mantissa, 1 to 10<sup>19</sup> − 1, as an unsigned long (not 0)
     * @param q the power of ten
     * @return the bits of the positive double, or {@link #DECLINED} if q is outside
     *     [{@value #MIN_Q}, {@value #MAX_Q}] or the value is too close to a tie to decide here
     */
    static long bits(long w, int q) {
        if (q < MIN_Q || q > MAX_Q) {
            return DECLINED;
        }
        int lz = Long.numberOfLeadingZeros(w);
        long x = w << lz;
        Power t = power(q);
        long th = t.high;
        long tl = t.low;
        // P = the top 128 bits of x·(th, tl): x·th plus the high word of x·tl
        long ah = unsignedMultiplyHigh(x, th);
        long al = x * th;
        long low = al + unsignedMultiplyHigh(x, tl);
        long high = ah + (Long.compareUnsigned(low, al) < 0 ? 1 : 0);
        // the leading 1 of P is bit 63 or 62 of its high word: keep 53 bits from it
        int upper = (int) (high >>> 63);
        int shift = 10 + upper;
        long significand = high >>> shift;
        long rest = high & ((1L << shift) - 1);
        long half = 1L << (shift - 1);
        // the exact value is in [P, P + 2): undecidable only within a few units below the tie or on it
        if (rest == half && Long.compareUnsigned(low, 2) < 0
                || rest == half - 1 && Long.compareUnsigned(low, -4L) >= 0) {
            return DECLINED;
        }
        if (rest >= half) {
            significand++;
        }
        int exponent = 11 + upper - lz + t.exponent + q;
        if (significand == 1L << 53) {
            significand = 1L << 52;
            exponent++;
        }
        // the value is significand · 2^exponent with significand in [2^52, 2^53)
        return ((long) (exponent + 52 + 1023) << 52) | (significand & ((1L << 52) - 1));
    }

    /** The high 64 bits of the unsigned 128-bit product a·b. */
    private static long unsignedMultiplyHigh(long a, long b) {
        return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
    }
}
