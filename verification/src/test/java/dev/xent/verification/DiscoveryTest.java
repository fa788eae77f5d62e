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

    /** Whether this JVM was started with the Vector API, which the 'vector' backend needs. */
    private static boolean vectorApi() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    /** The usable bundled backends in this JVM, as the listing in messages shows them. */
    private static String installed() {
        return vectorApi() ? "commons, kl, naive, vector" : "commons, kl, naive";
    }

    @Test
    void findsExactlyTheBundledBackendsSortedById() {
        if (vectorApi()) {
            assertThat(Backends.ids()).containsExactly("commons", "kl", "naive", "vector");
            assertThat(Backends.unavailable()).isEmpty();
        } else {
            assertThat(Backends.ids()).containsExactly("commons", "kl", "naive");
            assertThat(Backends.unavailable()).extracting(InformationMeasures::id).containsExactly("vector");
        }
        assertThat(Backends.all()).extracting(InformationMeasures::description).allSatisfy(d -> assertThat(d).isNotBlank());
    }

    @Test
    void withoutTheVectorApiTheVectorBackendSaysWhyAndHowToEnableIt() {
        if (vectorApi()) {
            assertThat(Backends.byId("vector").unavailableReason()).isEmpty();
            return;
        }
        assertThat(Backends.unavailable().get(0).unavailableReason()).get().asString()
                .contains("--add-modules jdk.incubator.vector");
        assertThatThrownBy(() -> Backends.byId("vector"))
                .isInstanceOf(BackendNotFoundException.class)
                .hasMessageContaining("installed but unavailable")
                .hasMessageContaining("--add-modules jdk.incubator.vector")
                .hasMessageContaining("usable: commons, kl, naive");
    }

    @Test
    void theDefaultIsTheMostAccurateBundledBackendTheCheaperAmongEquals() {
        System.clearProperty(Backends.PROPERTY);
        assertThat(Backends.defaultBackend().id()).isEqualTo(vectorApi() ? "vector" : "commons");
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
                .hasMessage("unknown xent backend 'turbo' (from -Dxent.backend); installed: " + installed());
        assertThatThrownBy(() -> Backends.byId("turbo"))
                .hasMessage("unknown xent backend 'turbo'; installed: " + installed());
    }

    @Test
    void eachBackendIsASingleSharedInstancePerId() {
        assertThat(Backends.byId("naive")).isSameAs(Backends.byId("naive"));
        assertThat(Backends.find("none")).isEmpty();
    }
}
