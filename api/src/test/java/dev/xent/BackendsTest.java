package dev.xent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The selection rule of {@link Backends}, driven with stand-in backends. */
class BackendsTest {

    /** A stand-in that only has an id (and maybe a reason why it is unavailable); its measures are never called here. */
    private static final class Named implements InformationMeasures {
        private final String id;
        private final String unavailable;

        Named(String id) {
            this(id, null);
        }

        Named(String id, String unavailable) {
            this.id = id;
            this.unavailable = unavailable;
        }

        @Override
        public java.util.Optional<String> unavailableReason() {
            return java.util.Optional.ofNullable(unavailable);
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public String description() {
            return "stand-in " + id;
        }

        @Override
        public double entropyNats(double[] p) {
            throw new UnsupportedOperationException();
        }

        @Override
        public double crossEntropyNats(double[] p, double[] q) {
            throw new UnsupportedOperationException();
        }

        @Override
        public double klDivergenceNats(double[] p, double[] q) {
            throw new UnsupportedOperationException();
        }
    }

    private static List<InformationMeasures> installed(String... ids) {
        List<InformationMeasures> list = new java.util.ArrayList<>();
        for (String id : ids) {
            list.add(new Named(id));
        }
        return Backends.checked(list);
    }

    @Test
    void thePropertyWins() {
        assertThat(Backends.choose(installed("naive", "kl", "commons"), "kl").id()).isEqualTo("kl");
        assertThat(Backends.choose(installed("naive", "kl", "commons"), " naive ").id()).isEqualTo("naive");
    }

    @Test
    void anUnknownIdListsWhatWasFound() {
        assertThatThrownBy(() -> Backends.choose(installed("naive", "kl"), "fast"))
                .isInstanceOf(BackendNotFoundException.class)
                .hasMessageContaining("'fast'")
                .hasMessageContaining("-Dxent.backend")
                .hasMessageContaining("installed: kl, naive")
                .satisfies(e -> assertThat(((BackendNotFoundException) e).availableIds()).containsExactly("kl", "naive"));
    }

    @Test
    void withoutThePropertyTheMostAccurateBundledBackendIsChosen() {
        assertThat(Backends.choose(installed("naive", "kl", "commons"), null).id()).isEqualTo("commons");
        assertThat(Backends.choose(installed("kl", "naive"), "").id()).isEqualTo("naive");
        assertThat(Backends.choose(installed("kl", "mine"), null).id()).isEqualTo("kl");
        assertThat(Backends.choose(installed("mine"), null).id()).isEqualTo("mine");
    }

    @Test
    void severalUnrankedBackendsNeedAName() {
        assertThatThrownBy(() -> Backends.choose(installed("mine", "yours"), null))
                .isInstanceOf(BackendNotFoundException.class)
                .hasMessageContaining("[mine, yours]").hasMessageContaining("-Dxent.backend=ID");
    }

    @Test
    void noBackendAtAllSaysHowToAddOne() {
        assertThatThrownBy(() -> Backends.choose(List.of(), null))
                .isInstanceOf(BackendNotFoundException.class)
                .hasMessageContaining("no xent backend is installed")
                .hasMessageContaining("xent-impl-commons")
                .hasMessageContaining("META-INF/services/dev.xent.InformationMeasures");
    }

    @Test
    void duplicateIdsAreRejectedNamingBothClasses() {
        assertThatThrownBy(() -> installed("naive", "naive"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("share the id 'naive'")
                .hasMessageContaining(Named.class.getName());
    }

    @Test
    void backendsAreSortedById() {
        assertThat(installed("naive", "commons", "kl")).extracting(InformationMeasures::id)
                .containsExactly("commons", "kl", "naive");
    }

    private static final String NEEDS_MODULE =
            "needs jdk.incubator.vector: start java with --add-modules jdk.incubator.vector";

    private static List<InformationMeasures> withUnavailableVector(String... usableIds) {
        List<InformationMeasures> list = new java.util.ArrayList<>(installed(usableIds));
        list.add(new Named("vector", NEEDS_MODULE));
        return Backends.checked(list);
    }

    @Test
    void anUnavailableBackendIsNeverChosenByDefaultAndTheOthersAreUnaffected() {
        assertThat(Backends.choose(withUnavailableVector("naive", "kl", "commons"), null).id()).isEqualTo("commons");
        assertThat(Backends.choose(withUnavailableVector("mine"), null).id()).isEqualTo("mine");
        assertThat(Backends.choose(withUnavailableVector("naive", "kl"), "kl").id()).isEqualTo("kl");
        assertThat(Backends.usable(withUnavailableVector("naive"))).extracting(InformationMeasures::id)
                .containsExactly("naive");
        assertThat(Backends.unusable(withUnavailableVector("naive"))).extracting(InformationMeasures::id)
                .containsExactly("vector");
    }

    @Test
    void namingAnUnavailableBackendQuotesItsReasonAndTheFlag() {
        assertThatThrownBy(() -> Backends.choose(withUnavailableVector("naive"), "vector"))
                .isInstanceOf(BackendNotFoundException.class)
                .hasMessageContaining("'vector' (from -Dxent.backend)")
                .hasMessageContaining("unavailable in this JVM")
                .hasMessageContaining("--add-modules jdk.incubator.vector")
                .hasMessageContaining("usable: naive")
                .satisfies(e -> assertThat(((BackendNotFoundException) e).availableIds()).containsExactly("naive"));
    }

    @Test
    void onlyUnavailableBackendsMeanNoUsableBackendWithTheReason() {
        assertThatThrownBy(() -> Backends.choose(withUnavailableVector(), null))
                .isInstanceOf(BackendNotFoundException.class)
                .hasMessageContaining("no usable xent backend")
                .hasMessageContaining("vector (" + NEEDS_MODULE + ")")
                .hasMessageContaining("xent-impl-commons");
    }

    @Test
    void aDuplicateIdIsRejectedEvenWhenOneOfThemIsUnavailable() {
        List<InformationMeasures> list = new java.util.ArrayList<>(installed("vector"));
        list.add(new Named("vector", NEEDS_MODULE));
        assertThatThrownBy(() -> Backends.checked(list))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("share the id 'vector'");
    }

    @Test
    void theApiAloneFindsNoBackend() {
        assertThat(Backends.all()).isEmpty();
        assertThat(Backends.unavailable()).isEmpty();
        assertThatThrownBy(Backends::defaultBackend).isInstanceOf(BackendNotFoundException.class);
    }
}
