package dev.xent.verification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xent.Backends;
import dev.xent.InformationMeasures;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Every identity of the tutorial (and of Cover &amp; Thomas, <i>Elements of Information Theory</i>,
 * 2nd ed., Wiley 2006, chapter 2 — "C&amp;T" below) as a property, run against every backend that
 * {@link Backends#all()} discovers; each backend is its own dynamic test, named
 * {@code [id] identity}. Symbols: P, Q distributions over n events, H(P) entropy, H(P,Q)
 * cross-entropy, KL(P‖Q) Kullback–Leibler divergence, all in nats unless a unit is named.
 *
 * <p>Tolerances are the backends' documented accuracy ({@link Tolerance}); the generators are in
 * {@link Generators}; a failure prints the shrunk counterexample, the backend and the seed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IdentityProperties {

    @BeforeAll
    static void announceTheSeed() {
        System.out.println("xent verification: " + Settings.examples(Identities.EXAMPLES)
                + " examples per property, " + Settings.replay());
    }

    @AfterAll
    static void reportWhatWasExercised() {
        System.out.println(Generators.report());
    }

    private static Stream<DynamicTest> perBackend(String identity, Consumer<InformationMeasures> check) {
        return Backends.all().stream().map(b -> DynamicTest.dynamicTest(
                String.format(Locale.ROOT, "[%s] %s", b.id(), identity), () -> check.accept(b)));
    }

    /**
     * The kit never passes vacuously: discovery finds exactly the expected backends (by default
     * {@code commons}, {@code kl}, {@code naive}; a third party sets
     * {@code -Dxent.verification.backends=its-id}).
     */
    @Test
    @Order(0)
    void discoversExactlyTheExpectedBackends() {
        assertThat(Backends.ids()).as("backends found by ServiceLoader").isEqualTo(Settings.expectedBackends());
    }

    /**
     * H(P,P) = H(P): coding P's events with P's own code costs exactly the entropy (C&amp;T eq. 2.1
     * with Q = P; the tutorial prints both as 1.361 bits).
     *
     * @return one test per backend
     */
    @TestFactory
    @Order(1)
    Stream<DynamicTest> crossEntropyOfADistributionWithItselfIsItsEntropy() {
        return perBackend("H(P,P) = H(P)", Identities::crossEntropyOfADistributionWithItselfIsItsEntropy);
    }

    /**
     * KL(P‖P) = Σ p<sub>i</sub> ln(p<sub>i</sub>/p<sub>i</sub>) = 0 (C&amp;T Theorem 2.6.3, the
     * equality case).
     *
     * @return one test per backend
     */
    @TestFactory
    @Order(2)
    Stream<DynamicTest> klDivergenceOfADistributionFromItselfIsZero() {
        return perBackend("KL(P||P) = 0", Identities::klDivergenceOfADistributionFromItselfIsZero);
    }

    /**
     * Gibbs' inequality KL(P‖Q) ≥ 0 with equality only when P = Q (C&amp;T Theorem 2.6.3, the
     * information inequality). "Only when" is checked quantitatively through Pinsker's inequality
     * KL(P‖Q) ≥ ½‖P − Q‖₁² (C&amp;T Lemma 11.6.1): a backend that returns 0 for different P and Q
     * fails it.
     *
     * @return one test per backend
     */
    @TestFactory
    @Order(3)
    Stream<DynamicTest> gibbsInequality() {
        return perBackend("Gibbs: KL(P||Q) >= 0, = 0 only if P = Q", Identities::gibbsInequality);
    }

    /**
     * The decomposition H(P,Q) = H(P) + KL(P‖Q): the cost of Q's code is the unavoidable entropy plus
     * the divergence (C&amp;T §2.3: D(p‖q) = E<sub>p</sub> log(p/q) = −H(p) − E<sub>p</sub> log q;
     * Theorem 5.4.3, a code built for q costs H(p) + D(p‖q); the tutorial computes 3.288 bits both
     * ways).
     *
     * @return one test per backend
     */
    @TestFactory
    @Order(4)
    Stream<DynamicTest> crossEntropyIsEntropyPlusKlDivergence() {
        return perBackend("H(P,Q) = H(P) + KL(P||Q)", Identities::crossEntropyIsEntropyPlusKlDivergence);
    }

    /**
     * H(P,Q) ≥ H(P): no code beats the entropy (the decomposition with the information inequality,
     * C&amp;T Theorem 2.6.3).
     *
     * @return one test per backend
     */
    @TestFactory
    @Order(5)
    Stream<DynamicTest> crossEntropyIsAtLeastTheEntropy() {
        return perBackend("H(P,Q) >= H(P)", Identities::crossEntropyIsAtLeastTheEntropy);
    }

    /**
     * 0 ≤ H(P) ≤ ln n, with H = ln n exactly for the uniform distribution (C&amp;T Theorem 2.6.4).
     *
     * @return one test per backend
     */
    @TestFactory
    @Order(6)
    Stream<DynamicTest> entropyLiesBetweenZeroAndLogNWithEqualityAtTheUniform() {
        return perBackend("0 <= H(P) <= ln n, = ln n at the uniform",
                Identities::entropyLiesBetweenZeroAndLogNWithEqualityAtTheUniform);
    }

    /**
     * Asymmetry: in general H(P,Q) ≠ H(Q,P) and KL(P‖Q) ≠ KL(Q‖P) (C&amp;T §2.3: "not symmetric";
     * the tutorial: 3.288 vs 2.906 bits). The kit must <em>find</em> a pair, let QuickTheories shrink
     * it, and print it; a backend whose measures come out symmetric fails.
     *
     * @return one test per backend
     */
    @TestFactory
    @Order(7)
    Stream<DynamicTest> findsAndShrinksAPairWhereCrossEntropyAndKlAreAsymmetric() {
        return perBackend("asymmetry: H(P,Q) != H(Q,P), KL(P||Q) != KL(Q||P)", b -> {
            String report = Identities.asymmetry(b);
            System.out.println("[" + b.id() + "] asymmetric pair found and shrunk:\n" + report);
            assertThat(report).contains("Smallest found falsifying value").contains("Seed was");
        });
    }

    /**
     * Change of base: log<sub>b</sub> x = ln x / ln b, so bits = nats / ln 2 and bans = nats / ln 10
     * (C&amp;T Lemma 2.1.2: H<sub>b</sub>(X) = (log<sub>b</sub> a) H<sub>a</sub>(X)).
     *
     * @return one test per backend
     */
    @TestFactory
    @Order(8)
    Stream<DynamicTest> changeOfBase() {
        return perBackend("change of base: bits = nats / ln 2", Identities::changeOfBase);
    }

    /**
     * The measures depend on the probabilities, not on the order of the events: H(πP) = H(P),
     * H(πP,πQ) = H(P,Q), KL(πP‖πQ) = KL(P‖Q) for every permutation π (C&amp;T §2.1, sums over x).
     *
     * @return one test per backend
     */
    @TestFactory
    @Order(9)
    Stream<DynamicTest> invarianceUnderPermutingEvents() {
        return perBackend("invariance under permuting events", Identities::invarianceUnderPermutingEvents);
    }

    /**
     * Additivity on independent products: H(P₁⊗P₂) = H(P₁) + H(P₂) (C&amp;T Theorem 2.6.6 with
     * equality for independence) and KL(P₁⊗P₂‖Q₁⊗Q₂) = KL(P₁‖Q₁) + KL(P₂‖Q₂) (the chain rule for
     * relative entropy, C&amp;T Theorem 2.5.3).
     *
     * @return one test per backend
     */
    @TestFactory
    @Order(10)
    Stream<DynamicTest> additivityOnIndependentProducts() {
        return perBackend("additivity on independent products", Identities::additivityOnIndependentProducts);
    }

    /**
     * The entropy of a one-hot (known) label is exactly 0.0: 1·ln 1 = 0 and 0·ln 0 = 0 (C&amp;T §2.1
     * convention; the tutorial's 1e-15 trick prints 9.8e-14 instead).
     *
     * @return one test per backend
     */
    @TestFactory
    @Order(11)
    Stream<DynamicTest> oneHotEntropyIsExactlyZero() {
        return perBackend("H(one-hot) = 0.0 exactly", Identities::oneHotEntropyIsExactlyZero);
    }

    /**
     * H(P,Q) = KL(P‖Q) = +∞ exactly when some q<sub>i</sub> = 0 &lt; p<sub>i</sub>, and finite
     * otherwise (C&amp;T §2.3 conventions p log(p/0) = ∞, 0 log(0/q) = 0).
     *
     * @return one test per backend
     */
    @TestFactory
    @Order(12)
    Stream<DynamicTest> infinityExactlyWhenQHasAZeroWherePHasMass() {
        return perBackend("+inf iff Q has a zero where P has mass",
                Identities::infinityExactlyWhenQHasAZeroWherePHasMass);
    }

    /**
     * The categorical negative log-likelihood: for one-hot targets e<sub>y</sub>,
     * (1/m) Σ H(e<sub>y</sub>, q) = −(1/m) Σ ln q[y] (the tutorial: "cross-entropy … is the same as
     * the negative log-likelihood"; Goodfellow, Bengio &amp; Courville, <i>Deep Learning</i>, §5.5).
     *
     * @return one test per backend
     */
    @TestFactory
    @Order(13)
    Stream<DynamicTest> meanCrossEntropyAgainstOneHotTargetsIsTheMeanNegativeLogLikelihood() {
        return perBackend("mean CE vs one-hot targets = -mean ln q[y]",
                Identities::meanCrossEntropyAgainstOneHotTargetsIsTheMeanNegativeLogLikelihood);
    }

    /**
     * Binary cross-entropy is the Bernoulli negative log-likelihood: H([1−y, y], [1−ŷ, ŷ]) =
     * −ln ŷ if y = 1 and −ln(1 − ŷ) if y = 0; on the tutorial's worked example 3 the mean is
     * 0.2469198908044648090 nats (mpmath at 50 digits on
     * the stored doubles, fl(1 − ŷ) included: 0.24691989080446480897687953…).
     *
     * @return one test per backend
     */
    @TestFactory
    @Order(14)
    Stream<DynamicTest> binaryCrossEntropyIsTheBernoulliNegativeLogLikelihood() {
        return perBackend("binary CE = Bernoulli NLL", b -> {
            Identities.binaryCrossEntropyIsTheBernoulliNegativeLogLikelihood(b);
            assertThat(Identities.tutorialExample3MeanCrossEntropy(b)).as("[%s] tutorial example 3", b.id())
                    .isCloseTo(TUTORIAL_EXAMPLE_3_MEAN_NATS,
                            org.assertj.core.api.Assertions.within(Tolerance.ulps(2 * 10 + 8, TUTORIAL_EXAMPLE_3_MEAN_NATS)));
        });
    }

    /**
     * Mean binary CE of the tutorial's example 3 in nats, by mpmath (see the javadoc above); the
     * allowed error is 10 sums of (2 + 2) ulps each plus the mean's division: 28 ulps generously.
     */
    private static final double TUTORIAL_EXAMPLE_3_MEAN_NATS = 0.24691989080446480897687953;

    /**
     * All discovered backends agree with each other, pair by pair, within the sum of their documented
     * bounds — the practical meaning of "interchangeable".
     *
     * @return one test per pair of backends
     */
    @TestFactory
    @Order(15)
    Stream<DynamicTest> allBackendsAgreeWithinTheirDocumentedBounds() {
        List<InformationMeasures> all = Backends.all();
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            for (int j = i + 1; j < all.size(); j++) {
                InformationMeasures x = all.get(i);
                InformationMeasures y = all.get(j);
                tests.add(DynamicTest.dynamicTest("[" + x.id() + " vs " + y.id() + "] agree within bounds",
                        () -> Identities.backendsAgree(x, y)));
            }
        }
        return tests.stream();
    }
}
