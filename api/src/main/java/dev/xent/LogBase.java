package dev.xent;

import java.util.Locale;

/**
 * The base of the logarithm in an information measure, and so the unit of its result.
 *
 * <p>Every measure in xent is defined with a logarithm {@code log_b}; the base {@code b} fixes the
 * unit: base 2 gives <em>bits</em> (shannons), base <i>e</i> gives <em>nats</em>, base 10 gives
 * <em>bans</em> (hartleys, dits). A value in one unit converts to another by the change-of-base rule
 * <pre>
 *   log_b(x) = ln(x) / ln(b),   so   value_in_b = value_in_nats / ln(b).
 * </pre>
 * Any base {@code b > 0} with {@code b != 1} is allowed. Base 1 is rejected: {@code ln 1 = 0}, so
 * every non-zero measure would become infinite (scipy's {@code entropy(..., base=1)} accepts it and
 * returns {@code inf} or {@code nan}; xent says no instead). Bases in {@code (0, 1)} are legal
 * mathematically and flip the sign of every measure; they are allowed, and rarely what anyone wants.
 *
 * <p>The unit is always an explicit argument in xent: there is no global default base (one peer
 * library keeps its base in a public static field; a value whose unit depends on hidden state is
 * not a value).
 *
 * <p>Accuracy: {@link #fromNats} divides by {@code ln b}. For {@link #NATS} it is the identity; for
 * any other base it adds at most one rounding of the division plus the rounding of the stored
 * {@code ln b}, i.e. at most about 1.5 ulp of relative error on top of the value in nats.
 *
 * <p>Instances are immutable and thread-safe. Equality is by base.
 */
public final class LogBase {

    /** Base 2: results in bits. */
    public static final LogBase BITS = new LogBase(2.0, "bits", "2");
    /** Base <i>e</i>: results in nats, the natural unit; every backend computes in nats. */
    public static final LogBase NATS = new LogBase(Math.E, "nats", "e");
    /** Base 10: results in bans (also called hartleys or dits). */
    public static final LogBase BANS = new LogBase(10.0, "bans", "10");

    private final double base;
    private final double lnBase;
    private final String unit;
    private final String baseName;

    private LogBase(double base, String unit, String baseName) {
        this.base = base;
        this.lnBase = base == Math.E ? 1.0 : Math.log(base);
        this.unit = unit;
        this.baseName = baseName;
    }

    /**
     * The log base {@code b}; {@link #BITS}, {@link #NATS} or {@link #BANS} when {@code b} is 2,
     * {@link Math#E} or 10.
     *
     * @param base the base {@code b}; must be finite, {@code > 0} and {@code != 1}
     * @return the log base
     * @throws IllegalArgumentException if {@code base} is NaN, infinite, {@code <= 0} or exactly 1,
     *     with a message that quotes the value
     */
    public static LogBase of(double base) {
        if (!(base > 0.0) || base == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "log base must be a finite number > 0 and != 1, got %s", base));
        }
        if (base == 1.0) {
            throw new IllegalArgumentException(
                    "log base 1 is not allowed: ln(1) = 0, so every measure would be infinite");
        }
        if (base == 2.0) {
            return BITS;
        }
        if (base == Math.E) {
            return NATS;
        }
        if (base == 10.0) {
            return BANS;
        }
        String name = Double.toString(base);
        return new LogBase(base, "log" + name + " units", name);
    }

    /**
     * The log base named by a unit or a base, as a user types it: {@code bits}, {@code nats},
     * {@code bans}, {@code hartleys}, {@code 2}, {@code e}, {@code 10}, or any other base as a
     * decimal number (case-insensitive).
     *
     * @param text a unit name or a base
     * @return the log base
     * @throws IllegalArgumentException if the text is neither a known unit nor a valid base
     */
    public static LogBase parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        switch (t) {
            case "bits": case "bit": case "shannons": case "2":
                return BITS;
            case "nats": case "nat": case "e":
                return NATS;
            case "bans": case "ban": case "hartleys": case "dits": case "10":
                return BANS;
            default:
                double b;
                try {
                    b = Double.parseDouble(t);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("unknown unit or log base '" + text
                            + "': use bits, nats, bans, 2, e, 10 or a number > 0 other than 1", e);
                }
                return of(b);
        }
    }

    /**
     * The base {@code b} of the logarithm.
     *
     * @return {@code b}
     */
    public double base() {
        return base;
    }

    /**
     * The natural logarithm of the base, {@code ln b} (exactly 1 for nats).
     *
     * @return {@code ln b}
     */
    public double lnBase() {
        return lnBase;
    }

    /**
     * The name of the unit: {@code "bits"}, {@code "nats"}, {@code "bans"}, or {@code "log<b> units"}
     * for another base.
     *
     * @return the unit's name, for display next to a value
     */
    public String unit() {
        return unit;
    }

    /**
     * Converts a value measured in nats to this unit: {@code nats / ln b}. Infinities and zero keep
     * their value (for bases above 1).
     *
     * @param nats a value in nats
     * @return the same quantity in this unit
     */
    public double fromNats(double nats) {
        return lnBase == 1.0 ? nats : nats / lnBase;
    }

    /**
     * Converts a value in this unit to nats: {@code value * ln b}.
     *
     * @param value a value in this unit
     * @return the same quantity in nats
     */
    public double toNats(double value) {
        return lnBase == 1.0 ? value : value * lnBase;
    }

    /**
     * Converts a value in this unit to another unit: {@code value * ln(this) / ln(target)}.
     * For example {@code NATS.convert(1.0, BITS)} is {@code 1 / ln 2 = 1.4426950408889634}.
     *
     * @param value a value in this unit
     * @param target the unit wanted
     * @return the same quantity in {@code target}'s unit
     */
    public double convert(double value, LogBase target) {
        if (target.lnBase == lnBase) {
            return value;
        }
        return target.fromNats(toNats(value));
    }

    /**
     * The logarithm of {@code x} in this base, {@code ln x / ln b}.
     *
     * @param x the argument, {@code >= 0} ({@code log 0 = -Infinity})
     * @return {@code log_b x}
     */
    public double log(double x) {
        return fromNats(Math.log(x));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LogBase && Double.compare(((LogBase) o).base, base) == 0;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(base);
    }

    /**
     * A short description, e.g. {@code "bits (base 2)"}.
     *
     * @return the unit and its base
     */
    @Override
    public String toString() {
        return unit + " (base " + baseName + ")";
    }
}
