package example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.xent.Backends;
import dev.xent.Distribution;
import dev.xent.InformationMeasures;
import dev.xent.LogBase;
import org.junit.jupiter.api.Test;

/** The artifacts that xent-bom names resolve from the staging repository and compute. */
class EntropyFromTheBomTest {

    @Test
    void entropyOfTheTutorialDistributionInNats() {
        InformationMeasures commons = Backends.byId("commons");
        double h = commons.entropy(Distribution.of(0.1, 0.4, 0.5), LogBase.NATS);
        System.out.println("H(0.1, 0.4, 0.5) = " + h + " nats  [" + commons.id() + "]");
        // -(0.1 ln 0.1 + 0.4 ln 0.4 + 0.5 ln 0.5) = 0.943348392329039254... nats for these binary
        // inputs (Python's decimal at 60 digits); 0.9433483923290392 is the nearest double. The
        // 'commons' backend's documented accuracy is a few ulps: allow two.
        double expected = 0.9433483923290392;
        assertEquals(expected, h, 2 * Math.ulp(expected));
    }
}
