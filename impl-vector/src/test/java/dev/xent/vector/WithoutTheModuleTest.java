package dev.xent.vector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xent.Backends;
import dev.xent.InformationMeasures;
import org.junit.jupiter.api.Test;

/**
 * Run only by the Surefire execution 'without-incubator-module': on the class path, in a JVM started
 * without --add-modules jdk.incubator.vector, as most applications are. The backend must load, run
 * in its scalar mode, say so in its description (with the flag that turns the Vector API on), and
 * be the default, since it declares the best accuracy at a lower cost than the other bundled backend
 * of that accuracy. (The kit proves this mode's results in the same execution.)
 */
class WithoutTheModuleTest {

    private static final String FLAG = "--add-modules jdk.incubator.vector";

    @Test
    void thisJvmReallyLacksTheModule() {
        assertThat(ModuleLayer.boot().findModule("jdk.incubator.vector")).isEmpty();
        assertThat(Mode.CURRENT).isEqualTo(Mode.SCALAR);
    }

    @Test
    void discoveryFindsTheBackendUsableAndChoosesIt() {
        assertThat(Backends.ids()).containsExactly("vector");
        assertThat(Backends.unavailable()).isEmpty();
        assertThat(Backends.defaultBackend().id()).isEqualTo("vector");
    }

    @Test
    void itsDescriptionNamesTheScalarModeAndTheFlagForTheVectorApi() {
        InformationMeasures vector = Backends.byId("vector");
        assertThat(vector.description()).startsWith("scalar mode").contains(FLAG);
        assertThat(vector.unavailableReason()).isEmpty();
    }

    @Test
    void itComputesWithoutTheModule() {
        // ln 2 and ½ln 2 + ½ln(2/3): 0.69314718055994530942, 0.14384103622589046372 (mpmath, 30 digits)
        VectorMeasures vector = new VectorMeasures();
        assertThat(vector.entropyNats(new double[] {0.5, 0.5})).isEqualTo(0.6931471805599453);
        assertThat(vector.klDivergenceNats(new double[] {0.5, 0.5}, new double[] {0.25, 0.75}))
                .isCloseTo(0.14384103622589046372, org.assertj.core.data.Offset.offset(2 * Math.ulp(0.1438)));
    }
}
