package dev.xent.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xent.Backends;
import dev.xent.InformationMeasures;
import dev.xent.verification.wrong.ForgetsZeroLogZero;
import dev.xent.verification.wrong.SymmetricKl;
import org.junit.jupiter.api.Test;

/**
 * The kit can fail: run against deliberately wrong backends (in test sources, never registered for
 * discovery), its checks must report them — with the backend's id, the identity, the shrunk
 * counterexample and the seed. (Mutation testing in the small: a TCK such as JSR 354's is shown to
 * pass on its reference implementation; a kit is only trusted once it is also seen to fail on an
 * implementation known to be wrong.)
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
        assertThatThrownBy(() -> Identities.entropyLiesBetweenZeroAndLogNWithEqualityAtTheUniform(forgetsZeroLogZero))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("[forgets-0log0] 0 <= H(P) <= ln n does not hold")
                .hasMessageContaining("H=NaN")
                .hasMessageContaining("Smallest found falsifying value")
                .hasMessageContaining("-Dxent.verification.seed=");
    }

    @Test
    void forgettingZeroLogZeroBreaksTheExactZeroOfAOneHotLabel() {
        assertThatThrownBy(() -> Identities.oneHotEntropyIsExactlyZero(forgetsZeroLogZero))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("[forgets-0log0] H(one-hot) = 0.0 exactly does not hold");
    }

    @Test
    void forgettingZeroLogZeroMakesFiniteMeasuresNaN() {
        assertThatThrownBy(() -> Identities.infinityExactlyWhenQHasAZeroWherePHasMass(forgetsZeroLogZero))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("[forgets-0log0]");
    }

    @Test
    void aSymmetricKlIsCaughtByTheAsymmetrySearch() {
        assertThatThrownBy(() -> Identities.asymmetry(symmetricKl))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("[symmetric-kl] asymmetry: no pair with H(P,Q) != H(Q,P)")
                .hasMessageContaining("-Dxent.verification.seed=");
    }

    @Test
    void aSymmetricKlStillPassesTheIdentitiesItHappensToSatisfy() {
        // the point of the asymmetry property: these alone would not catch it
        Identities.klDivergenceOfADistributionFromItselfIsZero(symmetricKl);
        Identities.gibbsInequality(symmetricKl);
    }

    @Test
    void aSymmetricKlIsFarFromTheOracle() {
        double[] p = {0.10, 0.40, 0.50};
        double[] q = {0.80, 0.15, 0.05};
        Oracle.Truth truth = Oracle.truth(p, q);
        double error = Oracle.absoluteError(symmetricKl.klDivergenceNats(p, q), truth.kl());
        assertThat(error).isGreaterThan(Tolerance.of("naive").kl(3, new Tolerance.KlScales(
                truth.klAbsTerms().doubleValue(), truth.klAbsLogs().doubleValue()), truth.kl().doubleValue()));
    }
}
