package dev.xent.verification;

import dev.xent.Accuracy;
import dev.xent.InformationMeasures;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.function.Executable;

/**
 * The compatibility kit of xent: every clause of the {@link InformationMeasures} contract, as
 * JUnit Jupiter tests against one backend. A backend's test class extends this class and returns
 * the backend:
 * <pre>{@code
 * class DemoMeasuresVerificationTest extends InformationMeasuresVerification {
 *     @Override
 *     protected InformationMeasures backend() {
 *         return new DemoMeasures();
 *     }
 * }
 * }</pre>
 * and nothing else: with {@code dev.xent:xent-verification} as a test-scoped dependency, Maven
 * Surefire runs it (its default includes match {@code *Test}, so end the class's name in
 * {@code Test}). Each check is one test named {@code [id] check}, e.g.
 * {@code [demo] crossEntropyOfADistributionWithItselfIsItsEntropy}, in the console and in
 * Surefire's XML reports; every failure message starts with {@code [id]}.
 *
 * <h2>What is checked</h2>
 * In this order (each method below names the clause it proves and its reference):
 * <ol>
 *   <li><b>Registration</b>: a non-blank id unique among the discovered backends, a description,
 *       a declared {@link InformationMeasures#accuracy()} and a positive finite
 *       {@link InformationMeasures#relativeCost()}; {@code META-INF/services/dev.xent.InformationMeasures}
 *       (class path) and {@code provides} in {@code module-info.java} (module path) both name the
 *       class, and {@link java.util.ServiceLoader} finds it in this run.</li>
 *   <li><b>Conventions</b> of the interface's javadoc (0·ln 0 = 0, +∞ exactly when some
 *       q<sub>i</sub> = 0 &lt; p<sub>i</sub>, H(one-hot) = 0.0 exactly, KL never negative, mismatched
 *       lengths and labels rejected) and the tutorial's worked examples 1 and 3 (<i>A Gentle
 *       Introduction to Cross-Entropy for Machine Learning</i>), to 10<sup>−12</sup> relative.</li>
 *   <li><b>Identities</b> of information theory as QuickTheories properties over named generators
 *       of distributions (uniform, one-hot, with zeros, nearly degenerate down to subnormals, very
 *       skewed, up to 4096 events), each within the bounds the backend declares.</li>
 *   <li><b>Accuracy</b>: the error of H(P), H(P,Q) and KL(P‖Q) against a 60-digit
 *       {@link java.math.BigDecimal} oracle, within the declared {@link Accuracy}; the table of max
 *       and median ulps per input family is written to
 *       {@code target/xent-verification/accuracy-ID.md}.</li>
 * </ol>
 * The bounds are the backend's own: the kit asserts exactly what {@code accuracy()} declares (the
 * default, {@link Accuracy#FORMULAS_AS_WRITTEN}, is what plain sums with a correctly rounded
 * logarithm reach), so a bound is stated once, in code, and checked here.
 *
 * <h2>Settings</h2>
 * <table>
 *   <caption>System properties of the kit (Surefire: {@code -D} on the Maven command line)</caption>
 *   <tr><th>property</th><th>default</th><th>effect</th></tr>
 *   <tr><td>{@code xent.verification.seed}</td><td>20261124</td><td>the seed of every generator; a
 *       failure prints the one to pass here to replay it</td></tr>
 *   <tr><td>{@code xent.verification.deep}</td><td>false</td><td>true: a random seed (printed) and 100
 *       times the examples: minutes instead of seconds</td></tr>
 * </table>
 * QuickTheories' own {@code QT_SEED} and {@code QT_EXAMPLES} are overridden by these.
 *
 * <h2>Skips</h2>
 * A backend that reports an {@link InformationMeasures#unavailableReason()} in this JVM still has
 * its registration checked; every check that computes is skipped with that reason (so a run of the
 * {@code vector} backend without {@code --add-modules jdk.incubator.vector} says so instead of
 * failing). A backend whose jar has no module descriptor has its {@code provides} check skipped,
 * with a reason that says how to add one. Nothing is skipped silently.
 *
 * <p>Reference: T. M. Cover and J. A. Thomas, <i>Elements of Information Theory</i>, 2nd ed., Wiley
 * 2006, chapter 2 ("C&amp;T" below). Symbols: P, Q distributions over n events, H(P) entropy,
 * H(P,Q) cross-entropy, KL(P‖Q) Kullback–Leibler divergence, in nats unless a unit is named.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public abstract class InformationMeasuresVerification {

    /** The tag of the oracle check, the kit's slowest (a build may run it once, not in every run). */
    public static final String ORACLE_TAG = "xent-oracle";

    /**
     * The tag of the loss-layer checks (QuickTheories properties over the loss layer, which does not
     * depend on how the backend was found: a build that runs the kit twice may run them once).
     */
    public static final String LOSS_TAG = "xent-loss";

    /** Creates the kit; subclasses have a no-argument constructor, as JUnit requires. */
    protected InformationMeasuresVerification() {
    }

    /**
     * The backend under test, created directly (not through discovery: the registration checks
     * compare it with what discovery finds). Called once per check.
     *
     * @return the backend
     */
    protected abstract InformationMeasures backend();

    /** Prints the seed first, so that any run can be replayed. */
    @BeforeAll
    public static void announceTheSeed() {
        System.out.println("xent verification: " + Settings.examples(Identities.EXAMPLES)
                + " examples per property, " + Settings.replay());
    }

    /** Prints how often each class of input was generated, so a run shows it met the edge cases. */
    @AfterAll
    public static void reportWhatWasExercised() {
        System.out.println(Generators.report());
    }

    // ---------------------------------------------------------------- plumbing

    /** A check that does not compute (registration): it runs even for an unavailable backend. */
    private DynamicTest declaration(String check, CheckBody body) {
        InformationMeasures b = backend();
        return named(b, check, () -> body.run(b));
    }

    /** A check that computes: skipped, with the backend's reason, when it cannot run in this JVM. */
    private DynamicTest computation(String check, CheckBody body) {
        InformationMeasures b = backend();
        return named(b, check, () -> {
            Optional<String> reason = b.unavailableReason();
            Assumptions.assumeTrue(reason.isEmpty(), () -> "[" + b.id() + "] unavailable in this JVM: "
                    + reason.orElse(""));
            body.run(b);
        });
    }

    /**
     * The test {@code [id] check}. Its source is the URI {@code xent-verification:check}: with a
     * source that is neither a class nor a method, Maven Surefire reports the test by this display
     * name (a method source would make it {@code check()[1]}).
     */
    private static DynamicTest named(InformationMeasures b, String check, Executable body) {
        String id = b.id();
        String prefix = "[" + id + "] ";
        return DynamicTest.dynamicTest(prefix + check, URI.create("xent-verification:" + check), () -> {
            try {
                body.execute();
            } catch (AssertionError e) {
                String message = String.valueOf(e.getMessage());
                if (message.startsWith(prefix)) {
                    throw e;
                }
                AssertionError named = new AssertionError(String.format(Locale.ROOT, "[%s] %s: %s", id, check,
                        message), e);
                throw named;
            }
        });
    }

    /** The body of one check. */
    @FunctionalInterface
    private interface CheckBody {
        void run(InformationMeasures b) throws Throwable;
    }

    // ---------------------------------------------------------------- registration

    /**
     * The id is a stable, non-blank, unique name (interface javadoc, {@code id()}: "stable, unique";
     * {@code Backends} rejects two backends with one id).
     *
     * @return the check
     */
    @TestFactory
    @Order(1)
    public DynamicTest hasANonBlankIdUniqueAmongTheDiscoveredBackends() {
        return declaration("hasANonBlankIdUniqueAmongTheDiscoveredBackends",
                Registration::idIsNonBlankAndUniqueAmongTheDiscoveredBackends);
    }

    /**
     * A one-line description for listings ({@code description()}).
     *
     * @return the check
     */
    @TestFactory
    @Order(2)
    public DynamicTest hasANonBlankDescription() {
        return declaration("hasANonBlankDescription", Registration::hasANonBlankDescription);
    }

    /**
     * The backend declares what it promises: {@code accuracy()} is not null (interface javadoc,
     * "For implementers": the bounds this kit asserts and by which {@code Backends} ranks).
     *
     * @return the check
     */
    @TestFactory
    @Order(3)
    public DynamicTest declaresItsAccuracy() {
        return declaration("declaresItsAccuracy", Registration::declaresItsAccuracy);
    }

    /**
     * {@code relativeCost()} is a positive, finite ratio ({@code relativeCost()}'s javadoc).
     *
     * @return the check
     */
    @TestFactory
    @Order(4)
    public DynamicTest declaresAPositiveFiniteRelativeCost() {
        return declaration("declaresAPositiveFiniteRelativeCost", Registration::declaresAPositiveFiniteRelativeCost);
    }

    /**
     * Class-path registration: the backend's jar (or class directory) has
     * {@code META-INF/services/dev.xent.InformationMeasures} naming its class
     * ({@link java.util.ServiceLoader}: on the class path only this file counts).
     *
     * @return the check
     */
    @TestFactory
    @Order(5)
    public DynamicTest isListedInMetaInfServices() {
        return declaration("isListedInMetaInfServices", Registration::isListedInMetaInfServices);
    }

    /**
     * Module-path registration: when the backend's jar has a module descriptor, it has
     * {@code provides dev.xent.InformationMeasures with} the class ({@link java.util.ServiceLoader}:
     * on the module path only {@code provides} counts). Skipped, with a reason, for a jar without
     * {@code module-info.class}.
     *
     * @return the check
     */
    @TestFactory
    @Order(6)
    public DynamicTest isProvidedByItsModuleDescriptor() {
        return declaration("isProvidedByItsModuleDescriptor", Registration::isProvidedByItsModuleDescriptor);
    }

    /**
     * In this run, {@code Backends} (through {@link java.util.ServiceLoader}) finds exactly one
     * instance of the backend's class, {@code Backends.byId(id)} returns it, and it is the default
     * when it is the only usable backend installed.
     *
     * @return the check
     */
    @TestFactory
    @Order(7)
    public DynamicTest isFoundByServiceLoader() {
        return declaration("isFoundByServiceLoader", Registration::isFoundByServiceLoader);
    }

    // ---------------------------------------------------------------- conventions and the tutorial

    /**
     * The tutorial's worked example 1, P = (0.10, 0.40, 0.50) and Q = (0.80, 0.15, 0.05) over
     * {red, green, blue}: H(P,Q) = 3.288, H(Q,P) = 2.906, H(P) = 1.361, H(Q) = 0.884,
     * KL(P‖Q) = 1.927 bits and KL(Q‖P), each to 10<sup>−12</sup> relative of values recomputed
     * independently.
     *
     * @return the check
     */
    @TestFactory
    @Order(10)
    public DynamicTest reproducesEveryNumberOfTheTutorialsExample1InBits() {
        return computation("reproducesEveryNumberOfTheTutorialsExample1InBits",
                Conventions::reproducesEveryNumberOfTheTutorialsExample1InBits);
    }

    /**
     * The same numbers in nats (bits × ln 2), through the {@code Distribution} methods and the raw
     * hot-loop methods alike.
     *
     * @return the check
     */
    @TestFactory
    @Order(11)
    public DynamicTest reproducesTheSameNumbersInNats() {
        return computation("reproducesTheSameNumbersInNats", Conventions::reproducesTheSameNumbersInNats);
    }

    /**
     * H(P,Q) = H(P) + KL(P‖Q) on the tutorial's example (the tutorial computes 3.288 bits both ways).
     *
     * @return the check
     */
    @TestFactory
    @Order(12)
    public DynamicTest crossEntropyIsEntropyPlusDivergenceOnTheTutorialsExample() {
        return computation("crossEntropyIsEntropyPlusDivergenceOnTheTutorialsExample",
                Conventions::crossEntropyIsEntropyPlusDivergenceOnTheTutorialsExample);
    }

    /**
     * Convention: H(one-hot) = H(e, e) = KL(e‖e) = 0.0 exactly, for every one-hot label of 1 to 5
     * events (1·log 1 = 0 and 0·log 0 = 0; the tutorial's 1e-15 trick prints 9.8e-14 instead).
     *
     * @return the check
     */
    @TestFactory
    @Order(13)
    public DynamicTest entropyOfEveryOneHotLabelIsExactlyZero() {
        return computation("entropyOfEveryOneHotLabelIsExactlyZero", Conventions::entropyOfEveryOneHotLabelIsExactlyZero);
    }

    /**
     * Convention: p<sub>i</sub> &gt; 0 = q<sub>i</sub> makes H(P,Q) = KL(P‖Q) = +∞ exactly; no
     * epsilon is ever added (C&amp;T §2.3: p log(p/0) = ∞).
     *
     * @return the check
     */
    @TestFactory
    @Order(14)
    public DynamicTest aZeroInQWhereThereIsMassInPIsInfinite() {
        return computation("aZeroInQWhereThereIsMassInPIsInfinite", Conventions::aZeroInQWhereThereIsMassInPIsInfinite);
    }

    /**
     * Convention: an event with p<sub>i</sub> = 0 costs nothing, whatever q<sub>i</sub>, even 0
     * (C&amp;T §2.3: 0 log(0/q) = 0).
     *
     * @return the check
     */
    @TestFactory
    @Order(15)
    public DynamicTest eventsWithoutMassInPCostNothingEvenWhereQIsZero() {
        return computation("eventsWithoutMassInPCostNothingEvenWhereQIsZero",
                Conventions::eventsWithoutMassInPCostNothingEvenWhereQIsZero);
    }

    /**
     * Convention: KL(P‖P) = 0 exactly, and a KL that rounding would push below zero is reported as
     * max(0, ·), never negative (Gibbs' inequality, C&amp;T Theorem 2.6.3).
     *
     * @return the check
     */
    @TestFactory
    @Order(16)
    public DynamicTest divergenceOfADistributionFromItselfIsZeroAndNeverNegative() {
        return computation("divergenceOfADistributionFromItselfIsZeroAndNeverNegative",
                Conventions::divergenceOfADistributionFromItselfIsZeroAndNeverNegative);
    }

    /**
     * H(uniform over n) = log n: 3 bits for 8 events, 1 ban for 10, 0 for 1 (C&amp;T Theorem 2.6.4).
     *
     * @return the check
     */
    @TestFactory
    @Order(17)
    public DynamicTest uniformEntropyIsTheLogOfTheNumberOfEvents() {
        return computation("uniformEntropyIsTheLogOfTheNumberOfEvents",
                Conventions::uniformEntropyIsTheLogOfTheNumberOfEvents);
    }

    /**
     * The information (surprisal) h(p) = −log p: 1 bit for ½, 3 bits for ⅛, 0 for 1, +∞ for 0;
     * a probability outside [0, 1] or NaN is rejected with the value in the message.
     *
     * @return the check
     */
    @TestFactory
    @Order(18)
    public DynamicTest informationIsMinusTheLogOfTheProbability() {
        return computation("informationIsMinusTheLogOfTheProbability",
                Conventions::informationIsMinusTheLogOfTheProbability);
    }

    /**
     * A quotient p/q that overflows a double (p = ½, q = 4.9e-324) still gives the finite KL and
     * H(P,Q) of the formulas.
     *
     * @return the check
     */
    @TestFactory
    @Order(19)
    public DynamicTest quotientsThatWouldOverflowStayFinite() {
        return computation("quotientsThatWouldOverflowStayFinite", Conventions::quotientsThatWouldOverflowStayFinite);
    }

    /**
     * Convention: P and Q of different lengths are rejected with {@link IllegalArgumentException}
     * naming both lengths (the measures are defined on one set of events).
     *
     * @return the check
     */
    @TestFactory
    @Order(20)
    public DynamicTest mismatchedLengthsAreRejectedNamingBothLengths() {
        return computation("mismatchedLengthsAreRejectedNamingBothLengths",
                Conventions::mismatchedLengthsAreRejectedNamingBothLengths);
    }

    /**
     * Convention: distributions whose events carry different labels are not compared
     * ({@link IllegalArgumentException} naming both).
     *
     * @return the check
     */
    @TestFactory
    @Order(21)
    public DynamicTest differentlyLabelledEventsAreNotCompared() {
        return computation("differentlyLabelledEventsAreNotCompared", Conventions::differentlyLabelledEventsAreNotCompared);
    }

    /**
     * The tutorial's worked example 3 through the loss layer with this backend: the ten per-example
     * binary cross-entropies (mpmath), their mean 0.24691989080446483 nats and the per-class means,
     * to 10<sup>−15</sup>.
     *
     * @return the check
     */
    @TestFactory
    @Order(22)
    public DynamicTest theTutorialsBinaryLossGivesEachPerExampleValueAndTheMean() {
        return computation("theTutorialsBinaryLossGivesEachPerExampleValueAndTheMean",
                LossContract::theTutorialsBinaryLossGivesEachPerExampleValueAndTheMean);
    }

    /**
     * The same mean whole, one example at a time and through a parallel-stream collector.
     *
     * @return the check
     */
    @TestFactory
    @Order(23)
    public DynamicTest theTutorialsMeanIsTheSameStreamedWholeOneByOneAndInParallel() {
        return computation("theTutorialsMeanIsTheSameStreamedWholeOneByOneAndInParallel",
                LossContract::theTutorialsMeanIsTheSameStreamedWholeOneByOneAndInParallel);
    }

    // ---------------------------------------------------------------- identities

    /**
     * H(P,P) = H(P): coding P's events with P's own code costs exactly the entropy (C&amp;T eq. 2.1
     * with Q = P; the tutorial prints both as 1.361 bits).
     *
     * @return the check
     */
    @TestFactory
    @Order(30)
    public DynamicTest crossEntropyOfADistributionWithItselfIsItsEntropy() {
        return computation("crossEntropyOfADistributionWithItselfIsItsEntropy",
                Identities::crossEntropyOfADistributionWithItselfIsItsEntropy);
    }

    /**
     * KL(P‖P) = Σ p<sub>i</sub> ln(p<sub>i</sub>/p<sub>i</sub>) = 0 (C&amp;T Theorem 2.6.3, the
     * equality case).
     *
     * @return the check
     */
    @TestFactory
    @Order(31)
    public DynamicTest klDivergenceOfADistributionFromItselfIsZero() {
        return computation("klDivergenceOfADistributionFromItselfIsZero",
                Identities::klDivergenceOfADistributionFromItselfIsZero);
    }

    /**
     * Gibbs' inequality KL(P‖Q) ≥ 0 with equality only when P = Q (C&amp;T Theorem 2.6.3, the
     * information inequality). "Only when" is checked quantitatively through Pinsker's inequality
     * KL(P‖Q) ≥ ½‖P − Q‖₁² (C&amp;T Lemma 11.6.1): a backend that returns 0 for different P and Q
     * fails it.
     *
     * @return the check
     */
    @TestFactory
    @Order(32)
    public DynamicTest gibbsInequality() {
        return computation("gibbsInequality", Identities::gibbsInequality);
    }

    /**
     * The decomposition H(P,Q) = H(P) + KL(P‖Q): the cost of Q's code is the unavoidable entropy
     * plus the divergence (C&amp;T §2.3: D(p‖q) = E<sub>p</sub> log(p/q) = −H(p) − E<sub>p</sub> log q;
     * Theorem 5.4.3; the tutorial computes 3.288 bits both ways).
     *
     * @return the check
     */
    @TestFactory
    @Order(33)
    public DynamicTest crossEntropyIsEntropyPlusKlDivergence() {
        return computation("crossEntropyIsEntropyPlusKlDivergence", Identities::crossEntropyIsEntropyPlusKlDivergence);
    }

    /**
     * H(P,Q) ≥ H(P): no code beats the entropy (the decomposition with the information inequality,
     * C&amp;T Theorem 2.6.3).
     *
     * @return the check
     */
    @TestFactory
    @Order(34)
    public DynamicTest crossEntropyIsAtLeastTheEntropy() {
        return computation("crossEntropyIsAtLeastTheEntropy", Identities::crossEntropyIsAtLeastTheEntropy);
    }

    /**
     * 0 ≤ H(P) ≤ ln n, with H = ln n for the uniform distribution (C&amp;T Theorem 2.6.4).
     *
     * @return the check
     */
    @TestFactory
    @Order(35)
    public DynamicTest entropyLiesBetweenZeroAndLogNWithEqualityAtTheUniform() {
        return computation("entropyLiesBetweenZeroAndLogNWithEqualityAtTheUniform",
                Identities::entropyLiesBetweenZeroAndLogNWithEqualityAtTheUniform);
    }

    /**
     * Asymmetry: in general H(P,Q) ≠ H(Q,P) and KL(P‖Q) ≠ KL(Q‖P) (C&amp;T §2.3: "not symmetric";
     * the tutorial: 3.288 against 2.906 bits). The kit must <em>find</em> such a pair, beyond the
     * declared bounds, among small-weight pairs drawn with the kit's seed, and prints the simplest
     * one on one line; a backend whose measures come out symmetric fails.
     *
     * @return the check
     */
    @TestFactory
    @Order(36)
    public DynamicTest findsAPairWhereCrossEntropyAndKlAreAsymmetric() {
        return computation("findsAPairWhereCrossEntropyAndKlAreAsymmetric",
                b -> System.out.println(Identities.asymmetry(b)));
    }

    /**
     * Change of base: log<sub>b</sub> x = ln x / ln b, so bits = nats / ln 2 and bans = nats / ln 10
     * (C&amp;T Lemma 2.1.2: H<sub>b</sub>(X) = (log<sub>b</sub> a) H<sub>a</sub>(X)).
     *
     * @return the check
     */
    @TestFactory
    @Order(37)
    public DynamicTest changeOfBase() {
        return computation("changeOfBase", Identities::changeOfBase);
    }

    /**
     * The measures depend on the probabilities, not on the order of the events: H(πP) = H(P),
     * H(πP,πQ) = H(P,Q), KL(πP‖πQ) = KL(P‖Q) for every permutation π (C&amp;T §2.1, sums over x).
     *
     * @return the check
     */
    @TestFactory
    @Order(38)
    public DynamicTest invarianceUnderPermutingEvents() {
        return computation("invarianceUnderPermutingEvents", Identities::invarianceUnderPermutingEvents);
    }

    /**
     * Additivity on independent products: H(P₁⊗P₂) = H(P₁) + H(P₂) (C&amp;T Theorem 2.6.6 with
     * equality for independence) and KL(P₁⊗P₂‖Q₁⊗Q₂) = KL(P₁‖Q₁) + KL(P₂‖Q₂) (the chain rule for
     * relative entropy, C&amp;T Theorem 2.5.3).
     *
     * @return the check
     */
    @TestFactory
    @Order(39)
    public DynamicTest additivityOnIndependentProducts() {
        return computation("additivityOnIndependentProducts", Identities::additivityOnIndependentProducts);
    }

    /**
     * The entropy of a one-hot (known) label is +0.0, bit for bit, in nats and in bits, for one-hot
     * vectors of up to thousands of events (C&amp;T §2.1 convention 0 log 0 = 0).
     *
     * @return the check
     */
    @TestFactory
    @Order(40)
    public DynamicTest oneHotEntropyIsExactlyZero() {
        return computation("oneHotEntropyIsExactlyZero", Identities::oneHotEntropyIsExactlyZero);
    }

    /**
     * H(P,Q) = KL(P‖Q) = +∞ exactly when some q<sub>i</sub> = 0 &lt; p<sub>i</sub>, and finite
     * otherwise (C&amp;T §2.3 conventions p log(p/0) = ∞, 0 log(0/q) = 0).
     *
     * @return the check
     */
    @TestFactory
    @Order(41)
    public DynamicTest infinityExactlyWhenQHasAZeroWherePHasMass() {
        return computation("infinityExactlyWhenQHasAZeroWherePHasMass",
                Identities::infinityExactlyWhenQHasAZeroWherePHasMass);
    }

    /**
     * The categorical negative log-likelihood: for one-hot targets e<sub>y</sub>,
     * (1/m) Σ H(e<sub>y</sub>, q) = −(1/m) Σ ln q[y] (the tutorial: "cross-entropy … is the same as
     * the negative log-likelihood"; Goodfellow, Bengio &amp; Courville, <i>Deep Learning</i>, §5.5).
     *
     * @return the check
     */
    @TestFactory
    @Order(42)
    public DynamicTest meanCrossEntropyAgainstOneHotTargetsIsTheMeanNegativeLogLikelihood() {
        return computation("meanCrossEntropyAgainstOneHotTargetsIsTheMeanNegativeLogLikelihood",
                Identities::meanCrossEntropyAgainstOneHotTargetsIsTheMeanNegativeLogLikelihood);
    }

    /**
     * Binary cross-entropy is the Bernoulli negative log-likelihood: H([1−y, y], [1−ŷ, ŷ]) =
     * −ln ŷ if y = 1 and −ln(1 − ŷ) if y = 0; on the tutorial's worked example 3 the mean is
     * 0.2469198908044648090 nats (mpmath at 50 digits on the stored doubles, fl(1 − ŷ) included),
     * within 28 ulps (10 sums of 2 + 2 ulps and the mean's division).
     *
     * @return the check
     */
    @TestFactory
    @Order(43)
    public DynamicTest binaryCrossEntropyIsTheBernoulliNegativeLogLikelihood() {
        return computation("binaryCrossEntropyIsTheBernoulliNegativeLogLikelihood", b -> {
            Identities.binaryCrossEntropyIsTheBernoulliNegativeLogLikelihood(b);
            double mean = Identities.tutorialExample3MeanCrossEntropy(b);
            double allowed = Tolerance.ulps(2 * 10 + 8, TUTORIAL_EXAMPLE_3_MEAN_NATS);
            org.assertj.core.api.Assertions.assertThat(mean).as("[%s] tutorial example 3", b.id())
                    .isCloseTo(TUTORIAL_EXAMPLE_3_MEAN_NATS, org.assertj.core.api.Assertions.within(allowed));
        });
    }

    /** Mean binary CE of the tutorial's example 3 in nats, by mpmath (see the check's javadoc). */
    private static final double TUTORIAL_EXAMPLE_3_MEAN_NATS = 0.24691989080446480897687953;

    /**
     * A divergence of order 10<sup>−18</sup> between nearly identical distributions is computed to
     * the accuracy the backend declares: P = (1/2, 1/2), Q = (1/2 + 2<sup>−30</sup>,
     * 1/2 − 2<sup>−30</sup>) has KL(P‖Q) = −½ ln(1 − 2<sup>−58</sup>) = 1.7347234759768071e-18 nats
     * (mpmath, 50 digits, from the exact doubles). A backend declaring a bound in units of
     * Σ|p ln(p/q)| must keep these digits; one declaring the formulas as written
     * ({@code Accuracy.FORMULAS_AS_WRITTEN}, in units of Σ p(|ln p| + |ln q|)) may return 0.
     *
     * @return the check
     */
    @TestFactory
    @Order(44)
    public DynamicTest divergenceOfNearlyIdenticalDistributionsMeetsTheDeclaredBound() {
        return computation("divergenceOfNearlyIdenticalDistributionsMeetsTheDeclaredBound",
                Conventions::divergenceOfNearlyIdenticalDistributionsMeetsTheDeclaredBound);
    }

    /**
     * The Jensen–Shannon divergence and perplexity through the backend (the interface's default
     * methods, or the backend's own): JS of the tutorial's example 1 is 0.29126084062606400482 nats
     * (mpmath, 60 digits); JS of (1/2, 1/2) against (1/2 ± 2<sup>−30</sup>) is
     * 4.336808689942018e-19 and of (0.3, 0.7) against (0.3 + 2<sup>−40</sup>,
     * 0.7 − 2<sup>−40</sup>) is 4.923694122335186e-25 (to 10<sup>−5</sup> and 10<sup>−2</sup>
     * relative); JS(P, P) = 0 exactly; the perplexity of the uniform distribution on 1024 events is
     * exactly 1024 (Lin, "Divergence measures based on the Shannon entropy", IEEE Trans. Inf. Theory
     * 37(1), 1991).
     *
     * @return the check
     */
    @TestFactory
    @Order(45)
    public DynamicTest jensenShannonAndPerplexityKeepTheirDigits() {
        return computation("jensenShannonAndPerplexityKeepTheirDigits",
                Conventions::jensenShannonAndPerplexityKeepTheirDigits);
    }

    // ---------------------------------------------------------------- bulk information

    /**
     * {@code informationNats(p, from, to, out)} writes −ln p<sub>i</sub> within 4 ulps (+0 at
     * p = 1) on its range and nothing outside it, returns the sum of what it wrote within 2 ulps,
     * and gives the same terms and sum when the range is split in two (interface javadoc,
     * "Accuracy"; the kit's {@code BulkChecks}, reference {@link StrictMath#log}).
     *
     * @return the check
     */
    @TestFactory
    @Order(46)
    public DynamicTest bulkInformationIsTheScalarInformationAndItsCompensatedSum() {
        return computation("bulkInformationIsTheScalarInformationAndItsCompensatedSum",
                BulkChecks::bulkInformationIsTheScalarInformationAndItsCompensatedSum);
    }

    /**
     * {@code bernoulliInformationNats} writes −ln p<sub>i</sub> (y = 1) or −ln(1 − p<sub>i</sub>)
     * (y = 0) within 4 ulps, returns the number of outcomes 1, and the sums by outcome within
     * 2 ulps of the sums of what it wrote; a split range gives the same (interface javadoc; the
     * kit's {@code BulkChecks}, references {@link StrictMath#log} and {@link StrictMath#log1p}).
     *
     * @return the check
     */
    @TestFactory
    @Order(47)
    public DynamicTest bulkBernoulliInformationIsTheScalarDefinitionAndItsSumsByOutcome() {
        return computation("bulkBernoulliInformationIsTheScalarDefinitionAndItsSumsByOutcome",
                BulkChecks::bulkBernoulliInformationIsTheScalarDefinitionAndItsSumsByOutcome);
    }

    /**
     * The bulk operations' edge values and bad input at every position of 19 entries (every lane
     * and the tail): +0 at certainty, +∞ (and a sum of +∞) for an impossible event, −ln 2<sup>−1074</sup>
     * = 744.4400719213812 and −ln(1 − 10<sup>−10</sup>) = 1.00000000005e-10 (mpmath), 0 for an
     * empty range; NaN (information) or −1 (Bernoulli) for a p that is NaN, −0.5 or 1.5 or a y of
     * ½, 2, NaN or −1 (interface javadoc, "Bad input is reported, not thrown").
     *
     * @return the check
     */
    @TestFactory
    @Order(48)
    public DynamicTest bulkOperationsKeepTheirEdgeValuesAndReportBadInput() {
        return computation("bulkOperationsKeepTheirEdgeValuesAndReportBadInput",
                BulkChecks::bulkOperationsKeepTheirEdgeValuesAndReportBadInput);
    }

    /**
     * {@code bernoulliLogitInformationNats} writes softplus(−z) (y = 1) or softplus(z) (y = 0)
     * within 4 ulps, returns the number of outcomes 1 and the sums by outcome within 2 ulps of the
     * sums of what it wrote, gives the same on a split range, softplus(±40) and ln 2 at every lane
     * (mpmath), and −1 for a z that is NaN or infinite or a bad y (interface javadoc; the kit's
     * {@code BulkChecks}, reference softplus by {@link StrictMath}).
     *
     * @return the check
     */
    @TestFactory
    @Order(49)
    public DynamicTest bulkBernoulliLogitInformationIsSoftplusAndItsSumsByOutcome() {
        return computation("bulkBernoulliLogitInformationIsSoftplusAndItsSumsByOutcome",
                BulkChecks::bulkBernoulliLogitInformationIsSoftplusAndItsSumsByOutcome);
    }

    // ---------------------------------------------------------------- the loss layer on this backend

    /**
     * The tutorials dataset through every backend whole one by one and in parallel (the loss layer, {@code dev.xent:xent-loss}, computing with this backend; the
     * property, its generator and its tolerance are in the kit's {@code LossChecks}).
     *
     * @return the check
     */
    @TestFactory
    @Order(60)
    @Tag(LOSS_TAG)
    public DynamicTest theTutorialsDatasetWholeOneByOneAndInParallel() {
        return computation("theTutorialsDatasetWholeOneByOneAndInParallel", LossChecks::theTutorialsDatasetWholeOneByOneAndInParallel);
    }

    /**
     * Cross entropy against a one hot target is minus the log of the predicted probability of the class (the loss layer, {@code dev.xent:xent-loss}, computing with this backend; the
     * property, its generator and its tolerance are in the kit's {@code LossChecks}).
     *
     * @return the check
     */
    @TestFactory
    @Order(61)
    @Tag(LOSS_TAG)
    public DynamicTest crossEntropyAgainstAOneHotTargetIsMinusTheLogOfThePredictedProbabilityOfTheClass() {
        return computation("crossEntropyAgainstAOneHotTargetIsMinusTheLogOfThePredictedProbabilityOfTheClass", LossChecks::crossEntropyAgainstAOneHotTargetIsMinusTheLogOfThePredictedProbabilityOfTheClass);
    }

    /**
     * Binary cross entropy is symmetric under swapping the classes (the loss layer, {@code dev.xent:xent-loss}, computing with this backend; the
     * property, its generator and its tolerance are in the kit's {@code LossChecks}).
     *
     * @return the check
     */
    @TestFactory
    @Order(62)
    @Tag(LOSS_TAG)
    public DynamicTest binaryCrossEntropyIsSymmetricUnderSwappingTheClasses() {
        return computation("binaryCrossEntropyIsSymmetricUnderSwappingTheClasses", LossChecks::binaryCrossEntropyIsSymmetricUnderSwappingTheClasses);
    }

    /**
     * The logits path equals the probability path wherever both are finite (the loss layer, {@code dev.xent:xent-loss}, computing with this backend; the
     * property, its generator and its tolerance are in the kit's {@code LossChecks}).
     *
     * @return the check
     */
    @TestFactory
    @Order(63)
    @Tag(LOSS_TAG)
    public DynamicTest theLogitsPathEqualsTheProbabilityPathWhereverBothAreFinite() {
        return computation("theLogitsPathEqualsTheProbabilityPathWhereverBothAreFinite", LossChecks::theLogitsPathEqualsTheProbabilityPathWhereverBothAreFinite);
    }

    /**
     * Huge logits give the exact finite loss and never na n (the loss layer, {@code dev.xent:xent-loss}, computing with this backend; the
     * property, its generator and its tolerance are in the kit's {@code LossChecks}).
     *
     * @return the check
     */
    @TestFactory
    @Order(64)
    @Tag(LOSS_TAG)
    public DynamicTest hugeLogitsGiveTheExactFiniteLossAndNeverNaN() {
        return computation("hugeLogitsGiveTheExactFiniteLossAndNeverNaN", LossChecks::hugeLogitsGiveTheExactFiniteLossAndNeverNaN);
    }

    /**
     * Uniform weights give the unweighted result (the loss layer, {@code dev.xent:xent-loss}, computing with this backend; the
     * property, its generator and its tolerance are in the kit's {@code LossChecks}).
     *
     * @return the check
     */
    @TestFactory
    @Order(65)
    @Tag(LOSS_TAG)
    public DynamicTest uniformWeightsGiveTheUnweightedResult() {
        return computation("uniformWeightsGiveTheUnweightedResult", LossChecks::uniformWeightsGiveTheUnweightedResult);
    }

    /**
     * The sum is the mean times the number of examples (the loss layer, {@code dev.xent:xent-loss}, computing with this backend; the
     * property, its generator and its tolerance are in the kit's {@code LossChecks}).
     *
     * @return the check
     */
    @TestFactory
    @Order(66)
    @Tag(LOSS_TAG)
    public DynamicTest theSumIsTheMeanTimesTheNumberOfExamples() {
        return computation("theSumIsTheMeanTimesTheNumberOfExamples", LossChecks::theSumIsTheMeanTimesTheNumberOfExamples);
    }

    /**
     * Merging partial accumulators in any grouping gives the same result (the loss layer, {@code dev.xent:xent-loss}, computing with this backend; the
     * property, its generator and its tolerance are in the kit's {@code LossChecks}).
     *
     * @return the check
     */
    @TestFactory
    @Order(67)
    @Tag(LOSS_TAG)
    public DynamicTest mergingPartialAccumulatorsInAnyGroupingGivesTheSameResult() {
        return computation("mergingPartialAccumulatorsInAnyGroupingGivesTheSameResult", LossChecks::mergingPartialAccumulatorsInAnyGroupingGivesTheSameResult);
    }

    /**
     * Label smoothing with epsilon zero changes nothing (the loss layer, {@code dev.xent:xent-loss}, computing with this backend; the
     * property, its generator and its tolerance are in the kit's {@code LossChecks}).
     *
     * @return the check
     */
    @TestFactory
    @Order(68)
    @Tag(LOSS_TAG)
    public DynamicTest labelSmoothingWithEpsilonZeroChangesNothing() {
        return computation("labelSmoothingWithEpsilonZeroChangesNothing", LossChecks::labelSmoothingWithEpsilonZeroChangesNothing);
    }

    /**
     * Clipping is monotone (the loss layer, {@code dev.xent:xent-loss}, computing with this backend; the
     * property, its generator and its tolerance are in the kit's {@code LossChecks}).
     *
     * @return the check
     */
    @TestFactory
    @Order(69)
    @Tag(LOSS_TAG)
    public DynamicTest clippingIsMonotone() {
        return computation("clippingIsMonotone", LossChecks::clippingIsMonotone);
    }

    /**
     * Kl loss is non negative and zero exactly when the rows are equal (the loss layer, {@code dev.xent:xent-loss}, computing with this backend; the
     * property, its generator and its tolerance are in the kit's {@code LossChecks}).
     *
     * @return the check
     */
    @TestFactory
    @Order(70)
    @Tag(LOSS_TAG)
    public DynamicTest klLossIsNonNegativeAndZeroExactlyWhenTheRowsAreEqual() {
        return computation("klLossIsNonNegativeAndZeroExactlyWhenTheRowsAreEqual", LossChecks::klLossIsNonNegativeAndZeroExactlyWhenTheRowsAreEqual);
    }

    /**
     * Kl loss is the cross entropy minus the targets entropy row by row (the loss layer, {@code dev.xent:xent-loss}, computing with this backend; the
     * property, its generator and its tolerance are in the kit's {@code LossChecks}).
     *
     * @return the check
     */
    @TestFactory
    @Order(71)
    @Tag(LOSS_TAG)
    public DynamicTest klLossIsTheCrossEntropyMinusTheTargetsEntropyRowByRow() {
        return computation("klLossIsTheCrossEntropyMinusTheTargetsEntropyRowByRow", LossChecks::klLossIsTheCrossEntropyMinusTheTargetsEntropyRowByRow);
    }

    /**
     * D2 is zero when the model predicts the class priors (the loss layer, {@code dev.xent:xent-loss}, computing with this backend; the
     * property, its generator and its tolerance are in the kit's {@code LossChecks}).
     *
     * @return the check
     */
    @TestFactory
    @Order(72)
    @Tag(LOSS_TAG)
    public DynamicTest d2IsZeroWhenTheModelPredictsTheClassPriors() {
        return computation("d2IsZeroWhenTheModelPredictsTheClassPriors", LossChecks::d2IsZeroWhenTheModelPredictsTheClassPriors);
    }

    /**
     * D2 is at most one (the loss layer, {@code dev.xent:xent-loss}, computing with this backend; the
     * property, its generator and its tolerance are in the kit's {@code LossChecks}).
     *
     * @return the check
     */
    @TestFactory
    @Order(73)
    @Tag(LOSS_TAG)
    public DynamicTest d2IsAtMostOne() {
        return computation("d2IsAtMostOne", LossChecks::d2IsAtMostOne);
    }

    /**
     * The perplexity of the uniform predictor over k classes is k (the loss layer, {@code dev.xent:xent-loss}, computing with this backend; the
     * property, its generator and its tolerance are in the kit's {@code LossChecks}).
     *
     * @return the check
     */
    @TestFactory
    @Order(74)
    @Tag(LOSS_TAG)
    public DynamicTest thePerplexityOfTheUniformPredictorOverKClassesIsK() {
        return computation("thePerplexityOfTheUniformPredictorOverKClassesIsK", LossChecks::thePerplexityOfTheUniformPredictorOverKClassesIsK);
    }

    // ---------------------------------------------------------------- accuracy

    /**
     * The backend's error against a high-precision oracle stays within the bounds it declares
     * ({@link InformationMeasures#accuracy()}), for H(P), H(P,Q) and KL(P‖Q), on seven input
     * families (random, with zeros, uniform P, nearly degenerate P, very skewed P, thousands of
     * events, nearby Q ≈ P; 50 inputs each). The oracle computes each measure for the doubles as
     * given in {@link java.math.BigDecimal} with 60 digits (a logarithm by table reduction and the
     * atanh series, checked against mpmath); the table of max and median ulps goes to
     * {@code target/xent-verification/accuracy-ID.md} and to standard output. Tagged
     * {@value #ORACLE_TAG}.
     *
     * @return the check
     */
    @TestFactory
    @Order(50)
    @Tag(ORACLE_TAG)
    public DynamicTest meetsItsDeclaredAccuracyAgainstTheOracle() {
        return computation("meetsItsDeclaredAccuracyAgainstTheOracle", OracleCheck::measure);
    }
}
