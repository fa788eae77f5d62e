package dev.xent.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xent.BackendNotFoundException;
import dev.xent.Backends;
import dev.xent.InformationMeasures;
import org.junit.jupiter.api.Test;

/**
 * Run only by the Surefire execution 'without-incubator-module': on the class path, in a JVM started
 * without --add-modules jdk.incubator.vector, as most applications are. The backend must still load,
 * say why it cannot compute and which flag enables it, and never be chosen.
 */
class WithoutTheModuleTest {

    private static final String FLAG = "--add-modules jdk.incubator.vector";

    @Test
    void thisJvmReallyLacksTheModule() {
        assertThat(ModuleLayer.boot().findModule("jdk.incubator.vector")).isEmpty();
    }

    @Test
    void discoveryListsTheBackendAsUnavailableWithTheReasonAndTheFlag() {
        assertThat(Backends.ids()).isEmpty();
        assertThat(Backends.unavailable()).extracting(InformationMeasures::id).containsExactly("vector");
        assertThat(Backends.unavailable().get(0).unavailableReason()).get().asString()
                .contains("jdk.incubator.vector").contains(FLAG);
    }

    @Test
    void namingItThrowsWithTheReasonAndTheFlag() {
        assertThatThrownBy(() -> Backends.byId("vector"))
                .isInstanceOf(BackendNotFoundException.class)
                .hasMessageContaining("'vector' is installed but unavailable")
                .hasMessageContaining(FLAG);
        assertThatThrownBy(Backends::defaultBackend)
                .isInstanceOf(BackendNotFoundException.class)
                .hasMessageContaining("no usable xent backend")
                .hasMessageContaining(FLAG);
    }

    @Test
    void itsMeasuresRefuseWithTheReasonInsteadOfFailingToLink() {
        VectorMeasures vector = new VectorMeasures();
        assertThat(vector.id()).isEqualTo("vector");
        assertThat(vector.description()).isNotBlank();
        assertThatThrownBy(() -> vector.entropyNats(new double[] {1.0}))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(FLAG);
        assertThatThrownBy(() -> vector.crossEntropyNats(new double[] {1.0}, new double[] {1.0}))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(FLAG);
        assertThatThrownBy(() -> vector.klDivergenceNats(new double[] {1.0}, new double[] {1.0}))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(FLAG);
    }
}
