package dev.xent.verification;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.quicktheories.QuickTheory;

/**
 * How many examples the properties try, with which seed, and which backends the kit expects.
 *
 * <table>
 *   <caption>System properties of the verification kit</caption>
 *   <tr><th>property</th><th>default</th><th>effect</th></tr>
 *   <tr><td>{@code xent.verification.deep}</td><td>false</td><td>true: a random seed and 100 times
 *       the examples (minutes instead of seconds)</td></tr>
 *   <tr><td>{@code xent.verification.seed}</td><td>{@value #DEFAULT_SEED}</td><td>the seed; a
 *       failure prints the one to pass here to replay it</td></tr>
 *   <tr><td>{@code xent.verification.backends}</td><td>{@code commons,kl,naive}</td><td>xent's own
 *       build only: the ids its tests with every bundled backend must discover, exactly</td></tr>
 * </table>
 * QuickTheories' own {@code QT_SEED}/{@code QT_EXAMPLES} are overridden by these, so that one
 * property governs the whole kit.
 */
final class Settings {

    static final String DEEP = "xent.verification.deep";
    static final String SEED = "xent.verification.seed";
    static final String BACKENDS = "xent.verification.backends";

    /** The fixed seed of the default run: the date the kit was written. */
    static final long DEFAULT_SEED = 20261124L;

    /** How many more examples a deep run tries. */
    static final int DEEP_FACTOR = 100;

    /**
     * Shrink attempts after a failure: enough to bring a small counterexample to its simplest form,
     * bounded so that a deep run's failure is reported in seconds, not hours.
     */
    static final int SHRINK_CYCLES = 10_000;

    /** The seed of a deep run without an explicit seed: drawn once per JVM, so replay messages hold. */
    private static final long RANDOM_SEED = new SecureRandom().nextLong();

    private Settings() {
    }

    /**
     * Whether this is a deep run; read at each call, so a test can switch it.
     *
     * @return the value of {@value #DEEP}
     */
    static boolean deep() {
        return Boolean.getBoolean(DEEP);
    }

    /**
     * The seed of this run: {@value #SEED} if set, else {@value #DEFAULT_SEED}, else (deep run) a
     * random seed drawn once per JVM.
     *
     * @return the seed
     * @throws NumberFormatException if {@value #SEED} is not a whole number
     */
    static long seed() {
        String given = System.getProperty(SEED);
        if (given != null && !given.isBlank()) {
            return Long.parseLong(given.trim());
        }
        return deep() ? RANDOM_SEED : DEFAULT_SEED;
    }

    /**
     * The number of examples for a property whose default run tries {@code base}.
     *
     * @param base examples in the default run
     * @return base, or 100·base in a deep run
     */
    static int examples(int base) {
        return deep() ? base * DEEP_FACTOR : base;
    }

    /**
     * A QuickTheories runner with the kit's seed and example count.
     *
     * @param base examples in the default run
     * @return the configured runner
     */
    static QuickTheory qt(int base) {
        return QuickTheory.qt().withFixedSeed(seed()).withExamples(examples(base))
                .withShrinkCycles(SHRINK_CYCLES);
    }

    /**
     * How to replay this run, for failure messages.
     *
     * @return e.g. "seed 20261124 (replay: -Dxent.verification.seed=20261124)"
     */
    static String replay() {
        long seed = seed();
        return String.format(Locale.ROOT, "seed %d (replay: -D%s=%d%s)", seed, SEED, seed,
                deep() ? " -D" + DEEP + "=true" : "");
    }

    /**
     * The backend ids that xent's own build must discover, sorted: used by xent's tests of the kit
     * with every bundled backend installed (not by the kit's checks, which verify the one backend
     * they are given).
     *
     * @return the value of {@value #BACKENDS}, or commons, kl, naive
     */
    static List<String> expectedBackends() {
        String given = System.getProperty(BACKENDS, "commons,kl,naive");
        return Arrays.stream(given.split(",")).map(String::trim).filter(s -> !s.isEmpty()).sorted()
                .collect(Collectors.toUnmodifiableList());
    }
}
