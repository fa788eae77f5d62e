package dev.xent.verification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xent.verification.KitRun.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The kit's settings: the fixed seed of the default run, replaying a failure with the seed it
 * prints, and the deep run's random seed and hundredfold examples. Each test restores the system
 * properties it sets.
 */
class SettingsTest {

    private final String savedSeed = System.getProperty(Settings.SEED);
    private final String savedDeep = System.getProperty(Settings.DEEP);

    @AfterEach
    void restore() {
        restore(Settings.SEED, savedSeed);
        restore(Settings.DEEP, savedDeep);
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }

    @Test
    void theDefaultRunUsesTheFixedSeedAndSaysHowToReplayIt() {
        System.clearProperty(Settings.SEED);
        System.clearProperty(Settings.DEEP);
        assertThat(Settings.seed()).isEqualTo(20261124L);
        assertThat(Settings.examples(1000)).isEqualTo(1000);
        assertThat(Settings.replay()).isEqualTo("seed 20261124 (replay: -Dxent.verification.seed=20261124)");
    }

    @Test
    void aFailureNamesItsSeedAndTheSameSeedReplaysTheSameCounterexample() {
        System.setProperty(Settings.SEED, "4242");
        Outcome first = KitRun.one(ForgetsZeroLogZeroVerification.class, "oneHotEntropyIsExactlyZero");
        Outcome again = KitRun.one(ForgetsZeroLogZeroVerification.class, "oneHotEntropyIsExactlyZero");
        assertThat(first.failed()).isTrue();
        assertThat(first.message()).contains("seed 4242 (replay: -Dxent.verification.seed=4242)");
        // the same counterexample (the report up to QuickTheories' cause, whose stack trace may differ)
        assertThat(first.message()).contains("Smallest found falsifying value").contains("Cause was");
        assertThat(again.message().substring(0, again.message().indexOf("Cause was")))
                .isEqualTo(first.message().substring(0, first.message().indexOf("Cause was")));
    }

    @Test
    void aDeepRunTriesAHundredTimesTheExamplesWithARandomSeedThatItPrints() {
        System.clearProperty(Settings.SEED);
        System.setProperty(Settings.DEEP, "true");
        assertThat(Settings.examples(1000)).isEqualTo(100_000);
        long seed = Settings.seed();
        assertThat(Settings.seed()).as("one seed per JVM, so the printed replay holds").isEqualTo(seed);
        assertThat(Settings.replay()).isEqualTo("seed " + seed + " (replay: -Dxent.verification.seed=" + seed
                + " -Dxent.verification.deep=true)");
        System.setProperty(Settings.SEED, "7");
        assertThat(Settings.seed()).as("an explicit seed wins in a deep run too").isEqualTo(7L);
    }
}
