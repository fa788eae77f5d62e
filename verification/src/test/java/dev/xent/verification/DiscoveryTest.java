package dev.xent.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xent.BackendNotFoundException;
import dev.xent.Backends;
import dev.xent.InformationMeasures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Discovery with every bundled backend installed. Runs twice: on the module path (backends found
 * through {@code provides}) and on the class path (through {@code META-INF/services}).
 */
class DiscoveryTest {

    private final String saved = System.getProperty(Backends.PROPERTY);

    @AfterEach
    void restoreProperty() {
        if (saved == null) {
            System.clearProperty(Backends.PROPERTY);
        } else {
            System.setProperty(Backends.PROPERTY, saved);
        }
    }

    /** Whether this JVM was started with the Vector API, which the 'vector' backend uses if present. */
    private static boolean vectorApi() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    @Test
    void findsExactlyTheBundledBackendsSortedById() {
        // with or without the Vector API: without it, 'vector' computes in its scalar mode
        assertThat(Backends.ids()).containsExactly("commons", "kl", "naive", "vector");
        assertThat(Backends.unavailable()).isEmpty();
        assertThat(Backends.all()).extracting(InformationMeasures::description).allSatisfy(d -> assertThat(d).isNotBlank());
    }

    @Test
    void theVectorBackendSaysWhichModeItRunsIn() {
        String description = Backends.byId("vector").description();
        if (vectorApi()) {
            assertThat(description).startsWith("Vector API");
        } else {
            assertThat(description).startsWith("scalar mode").contains("--add-modules jdk.incubator.vector");
        }
    }

    @Test
    void theDefaultIsTheMostAccurateBundledBackendTheCheaperAmongEquals() {
        // 'vector' and 'commons' declare the same bounds; 'vector' declares the lower cost in both modes
        System.clearProperty(Backends.PROPERTY);
        assertThat(Backends.defaultBackend().id()).isEqualTo("vector");
        assertThat(Backends.byId("vector").relativeCost()).isLessThan(Backends.byId("commons").relativeCost());
    }

    @Test
    void theSystemPropertySelectsABackend() {
        System.setProperty(Backends.PROPERTY, "kl");
        assertThat(Backends.defaultBackend().id()).isEqualTo("kl");
        System.setProperty(Backends.PROPERTY, "naive");
        assertThat(Backends.defaultBackend().id()).isEqualTo("naive");
    }

    @Test
    void anUnknownIdInThePropertyListsTheInstalledBackends() {
        System.setProperty(Backends.PROPERTY, "turbo");
        assertThatThrownBy(Backends::defaultBackend)
                .isInstanceOf(BackendNotFoundException.class)
                .hasMessage("unknown xent backend 'turbo' (from -Dxent.backend); installed: commons, kl, naive, vector");
        assertThatThrownBy(() -> Backends.byId("turbo"))
                .hasMessage("unknown xent backend 'turbo'; installed: commons, kl, naive, vector");
    }

    @Test
    void eachBackendIsASingleSharedInstancePerId() {
        assertThat(Backends.byId("naive")).isSameAs(Backends.byId("naive"));
        assertThat(Backends.find("none")).isEmpty();
    }
}
