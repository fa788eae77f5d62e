package dev.xent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The selection rule of {@link Backends}, driven with stand-in backends. */
class BackendsTest {

    /** Declared accuracies of stand-ins: the formulas as written, and an accurate-sum one. */
    private static final Accuracy PLAIN = Accuracy.FORMULAS_AS_WRITTEN;
    private static final Accuracy ACCURATE = Accuracy.of(Accuracy.Ulps.constant(4), Accuracy.Ulps.constant(4),
            new Accuracy.KlBound(Accuracy.Ulps.constant(4), Accuracy.KlScale.TERMS, 2));
    private static final Accuracy DECOMPOSED = Accuracy.of(Accuracy.Ulps.growing(2, 1),
            Accuracy.Ulps.growing(6, 3), new Accuracy.KlBound(Accuracy.Ulps.growing(4, 1), Accuracy.KlScale.TERMS, 0));

    /**
     * A stand-in with an id, a declared accuracy and cost (and maybe a reason why it is unavailable);
     * its measures are never called here.
     */
    private static final class Named implements InformationMeasures {
        private final String id;
        private final String unavailable;
        private final Accuracy accuracy;
        private final double cost;

        Named(String id) {
            this(id, null, PLAIN, 1.0);
        }

        Named(String id, String unavailable) {
            this(id, unavailable, ACCURATE, 0.1);
        }

        Named(String id, String unavailable, Accuracy accuracy, double cost) {
            this.id = id;
            this.unavailable = unavailable;
            this.accuracy = accuracy;
            this.cost = cost;
        }

        @Override
        public Accuracy accuracy() {
            return accuracy;
        }

        @Override
        public double relativeCost() {
            return cost;
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

    /** Stand-ins declaring the bundled backends' accuracies and costs. */
    private static List<InformationMeasures> declared(String... ids) {
        List<InformationMeasures> list = new java.util.ArrayList<>();
        for (String id : ids) {
            switch (id) {
                case "commons": list.add(new Named(id, null, ACCURATE, 3.9)); break;
                case "vector": list.add(new Named(id, null, ACCURATE, 0.14)); break;
                case "kl": list.add(new Named(id, null, DECOMPOSED, 3.7)); break;
                default: list.add(new Named(id)); break;
            }
        }
        return Backends.checked(list);
    }

    @Test
    void withoutThePropertyTheMostAccurateDeclaredBackendIsChosen() {
        assertThat(Backends.choose(declared("naive", "kl", "commons"), null).id()).isEqualTo("commons");
        assertThat(Backends.choose(declared("kl", "naive"), "").id()).isEqualTo("naive");
        assertThat(Backends.choose(declared("kl", "mine"), null).id())
                .as("an undeclared backend promises the formulas as written, more than kl's decomposition")
                .isEqualTo("mine");
        assertThat(Backends.choose(declared("mine"), null).id()).isEqualTo("mine");
    }

    @Test
    void amongEquallyAccurateBackendsTheCheaperIsChosen() {
        assertThat(Backends.choose(declared("commons", "vector", "naive"), null).id()).isEqualTo("vector");
        assertThat(Backends.ranked(declared("naive", "kl", "commons", "vector"))).extracting(InformationMeasures::id)
                .containsExactly("vector", "commons", "naive", "kl");
    }

    @Test
    void aThirdPartyBackendThatPromisesMoreBecomesTheDefault() {
        Accuracy exact = Accuracy.of(Accuracy.Ulps.constant(1), Accuracy.Ulps.constant(1),
                new Accuracy.KlBound(Accuracy.Ulps.constant(1), Accuracy.KlScale.TERMS, 1));
        List<InformationMeasures> list = new java.util.ArrayList<>(declared("naive", "commons", "vector"));
        list.add(new Named("exact", null, exact, 50.0));
        assertThat(Backends.choose(Backends.checked(list), null).id()).isEqualTo("exact");
    }

    @Test
    void backendsEqualInAccuracyAndCostAreOrderedById() {
        assertThat(Backends.ranked(installed("yours", "mine"))).extracting(InformationMeasures::id)
                .containsExactly("mine", "yours");
        assertThat(Backends.choose(installed("yours", "mine"), null).id()).isEqualTo("mine");
    }

    @Test
    void noBackendAtAllSaysHowToAddOne() {
        assertThatThrownBy(() -> Backends.choose(List.of(), null))
                .isInstanceOf(BackendNotFoundException.class)
                .hasMessageContaining("no xent backend is installed")
                .hasMessageContaining("README")
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
        List<InformationMeasures> list = new java.util.ArrayList<>(declared(usableIds));
        list.add(new Named("vector", NEEDS_MODULE));
        return Backends.checked(list);
    }

    @Test
    void anUnavailableBackendIsNeverChosenByDefaultAndTheOthersAreUnaffected() {
        assertThat(Backends.choose(withUnavailableVector("naive", "kl"), null).id())
                .as("vector declares the best accuracy, but cannot compute here").isEqualTo("naive");
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
                .hasMessageContaining("META-INF/services");
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
