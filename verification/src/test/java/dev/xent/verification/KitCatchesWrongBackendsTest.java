package dev.xent.verification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xent.Accuracy;
import dev.xent.Backends;
import dev.xent.InformationMeasures;
import dev.xent.verification.KitRun.Outcome;
import dev.xent.verification.wrong.ForgetsZeroLogZero;
import dev.xent.verification.wrong.SymmetricKl;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The kit can fail: run against deliberately wrong backends (in test sources, never registered for
 * discovery), exactly as a backend's build runs it — a subclass of
 * {@link InformationMeasuresVerification}, executed by the JUnit Platform launcher — its checks must
 * report them, with the backend's id, the identity, the shrunk counterexample and the seed.
 * (Mutation testing in the small: a TCK such as JSR 354's is shown to pass on its reference
 * implementation; a kit is only trusted once it is also seen to fail on an implementation known to
 * be wrong.)
 */
class KitCatchesWrongBackendsTest {

    private final InformationMeasures forgetsZeroLogZero = new ForgetsZeroLogZero();
    private final InformationMeasures symmetricKl = new SymmetricKl();

    @Test
    void theWrongBackendsAreNeverDiscovered() {
        assertThat(Backends.ids()).doesNotContain(forgetsZeroLogZero.id(), symmetricKl.id());
    }

    @Test
    void forgettingZeroLogZeroBreaksTheEntropyBoundsOnDistributionsWithZeros() {
        Outcome o = KitRun.one(ForgetsZeroLogZeroVerification.class,
                "entropyLiesBetweenZeroAndLogNWithEqualityAtTheUniform");
        assertThat(o.failed()).as("%s", o).isTrue();
        assertThat(o.message())
                .contains("[forgets-0log0] 0 <= H(P) <= ln n does not hold")
                .contains("H=NaN")
                .contains("Smallest found falsifying value")
                .contains("-Dxent.verification.seed=");
    }

    @Test
    void forgettingZeroLogZeroBreaksTheExactZeroOfAOneHotLabel() {
        Outcome o = KitRun.one(ForgetsZeroLogZeroVerification.class, "oneHotEntropyIsExactlyZero");
        assertThat(o.failed()).as("%s", o).isTrue();
        assertThat(o.message()).contains("[forgets-0log0] H(one-hot) = 0.0 exactly does not hold");
    }

    @Test
    void forgettingZeroLogZeroMakesFiniteMeasuresNaN() {
        Outcome o = KitRun.one(ForgetsZeroLogZeroVerification.class, "infinityExactlyWhenQHasAZeroWherePHasMass");
        assertThat(o.failed()).as("%s", o).isTrue();
        assertThat(o.message()).startsWith("[forgets-0log0]");
    }

    @Test
    void forgettingZeroLogZeroFailsTheConventionsNamingTheCheck() {
        Outcome o = KitRun.one(ForgetsZeroLogZeroVerification.class, "entropyOfEveryOneHotLabelIsExactlyZero");
        assertThat(o.failed()).as("%s", o).isTrue();
        assertThat(o.message()).startsWith("[forgets-0log0] entropyOfEveryOneHotLabelIsExactlyZero: ");
    }

    @Test
    void aSymmetricKlIsCaughtByTheAsymmetrySearch() {
        Outcome o = KitRun.one(SymmetricKlVerification.class, "findsAPairWhereCrossEntropyAndKlAreAsymmetric");
        assertThat(o.failed()).as("%s", o).isTrue();
        assertThat(o.message())
                .contains("[symmetric-kl] asymmetry: no pair with H(P,Q) != H(Q,P)")
                .contains("-Dxent.verification.seed=");
    }

    @Test
    void aSymmetricKlStillPassesTheIdentitiesItHappensToSatisfy() {
        // the point of the asymmetry property: these alone would not catch it
        Map<String, Outcome> run = KitRun.run(SymmetricKlVerification.class,
                "klDivergenceOfADistributionFromItselfIsZero", "gibbsInequality");
        assertThat(run).hasSize(2);
        assertThat(run.values()).allSatisfy(o -> assertThat(o.passed()).as("%s", o).isTrue());
    }

    @Test
    void aSymmetricKlIsFarFromTheOracle() {
        double[] p = {0.10, 0.40, 0.50};
        double[] q = {0.80, 0.15, 0.05};
        Oracle.Truth truth = Oracle.truth(p, q);
        double error = Oracle.absoluteError(symmetricKl.klDivergenceNats(p, q), truth.kl());
        // symmetric-kl declares the default accuracy, the formulas as written
        assertThat(symmetricKl.accuracy()).isEqualTo(Accuracy.FORMULAS_AS_WRITTEN);
        assertThat(error).isGreaterThan(Accuracy.FORMULAS_AS_WRITTEN.klBound(3, truth.klAbsTerms().doubleValue(),
                truth.klAbsLogs().doubleValue(), truth.kl().doubleValue()));
        Outcome o = KitRun.one(SymmetricKlVerification.class, "meetsItsDeclaredAccuracyAgainstTheOracle");
        assertThat(o.failed()).as("%s", o).isTrue();
        assertThat(o.message()).contains("[symmetric-kl] errors beyond the declared bounds")
                .contains("[symmetric-kl] KL(P||Q) on random: |error|").contains("-Dxent.verification.seed=");
    }

    @Test
    void aBackendThatIsNotRegisteredFailsTheRegistrationChecksSayingHowToRegisterIt() {
        String type = ForgetsZeroLogZero.class.getName();
        Map<String, Outcome> run = KitRun.run(ForgetsZeroLogZeroVerification.class, "isListedInMetaInfServices",
                "isProvidedByItsModuleDescriptor", "isFoundByServiceLoader");
        Outcome services = run.get("[forgets-0log0] isListedInMetaInfServices");
        assertThat(services.failed()).as("%s", services).isTrue();
        assertThat(services.message()).contains("[forgets-0log0] not registered for the class path")
                .contains("Add the file src/main/resources/META-INF/services/dev.xent.InformationMeasures with the line "
                        + type);
        Outcome provides = run.get("[forgets-0log0] isProvidedByItsModuleDescriptor");
        // on the module path the wrong backends live in the kit's test module, whose descriptor does
        // not provide them; on the class path their class directory has no descriptor at all
        assertThat(provides.failed() || provides.aborted()).as("%s", provides).isTrue();
        assertThat(provides.message()).contains("provides dev.xent.InformationMeasures with " + type + ";");
        Outcome found = run.get("[forgets-0log0] isFoundByServiceLoader");
        assertThat(found.failed()).as("%s", found).isTrue();
        assertThat(found.message()).contains("[forgets-0log0] ServiceLoader does not find " + type);
    }

    @Test
    void everyTestOfTheKitIsNamedAfterTheBackendAndTheCheck() {
        Map<String, Outcome> run = KitRun.run(ForgetsZeroLogZeroVerification.class);
        java.util.List<String> checks = java.util.Arrays.stream(InformationMeasuresVerification.class.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(org.junit.jupiter.api.TestFactory.class))
                .map(m -> "[forgets-0log0] " + m.getName()).sorted().collect(java.util.stream.Collectors.toList());
        assertThat(run.keySet()).containsExactlyInAnyOrderElementsOf(checks);
        // what a wrong backend still gets right passes; the rest fails with its id first
        assertThat(run.get("[forgets-0log0] hasANonBlankDescription").passed()).isTrue();
        assertThat(run.get("[forgets-0log0] crossEntropyOfADistributionWithItselfIsItsEntropy").failed()).isTrue();
        run.values().stream().filter(Outcome::failed)
                .forEach(o -> assertThat(o.message()).startsWith("[forgets-0log0] "));
    }
}
