package dev.xent.verification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xent.Accuracy;
import dev.xent.Distribution;
import dev.xent.InformationMeasures;
import dev.xent.LogBase;
import dev.xent.verification.Generators.PQ;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * The identity checks of the compatibility kit, one method per identity, each runnable against
 * any {@link InformationMeasures} with the bounds it declares ({@link InformationMeasures#accuracy()}).
 * {@link InformationMeasuresVerification} runs them (its javadoc has the formulas and references);
 * the kit's own tests run them against deliberately wrong backends and expect failures. Every
 * failure message starts with {@code [backend-id] identity} and ends with the seed that replays it.
 */
final class Identities {

    /** Examples per property in the default run (100 times more with {@code -Dxent.verification.deep=true}). */
    static final int EXAMPLES = 1000;

    /** Examples for the asymmetry search: a pair is found within the first few; these bound the search. */
    static final int ASYMMETRY_EXAMPLES = 200;

    private Identities() {
    }

    // ---------------------------------------------------------------- plumbing

    /** Runs one property and prefixes any failure with the backend, the identity and the replay seed. */
    private static <T> void property(InformationMeasures b, String identity, int examples, Gen<T> gen,
                                     Consumer<T> check) {
        property(b.id(), identity, examples, gen, check);
    }

    private static <T> void property(String who, String identity, int examples, Gen<T> gen,
                                     Consumer<T> check) {
        try {
            Settings.qt(examples).forAll(gen).checkAssert(check);
        } catch (AssertionError e) {
            throw new AssertionError(String.format(Locale.ROOT, "[%s] %s does not hold; %s%n%s", who,
                    identity, Settings.replay(), e.getMessage()), e);
        }
    }

    private static String says(InformationMeasures b, String identity, String format, Object... args) {
        return says(b.id(), identity, format, args);
    }

    private static String says(String who, String identity, String format, Object... args) {
        return String.format(Locale.ROOT, "[%s] %s: " + format, concat(who, identity, args));
    }

    private static Object[] concat(String id, String identity, Object[] args) {
        Object[] all = new Object[args.length + 2];
        all[0] = id;
        all[1] = identity;
        System.arraycopy(args, 0, all, 2, args.length);
        return all;
    }

    /** Σ x<sub>i</sub> exactly (BigDecimal). */
    static BigDecimal exactSumOf(double[] x) {
        BigDecimal s = BigDecimal.ZERO;
        for (double v : x) {
            s = s.add(new BigDecimal(v));
        }
        return s;
    }

    /** Σ x<sub>i</sub> exactly, rounded once to a double. */
    static double exactSum(double[] x) {
        return exactSumOf(x).doubleValue();
    }

    /**
     * |Σp − Σq|, exactly then rounded: generated vectors sum to 1 only within a few ulps, and for such
     * vectors KL(P‖Q) ≥ Σp − Σq only (the generalised Gibbs inequality), so a true KL may be −10<sup>−16</sup>.
     */
    static double massDifference(double[] p, double[] q) {
        return exactSumOf(p).subtract(exactSumOf(q)).abs().doubleValue();
    }

    /** |Σp − 1| + |Σq − 1|, exactly then rounded: how far the pair is from exact normalisation. */
    static double massDefect(double[] p, double[] q) {
        return exactSumOf(p).subtract(BigDecimal.ONE).abs().add(exactSumOf(q).subtract(BigDecimal.ONE).abs())
                .doubleValue();
    }

    /** The bounds the backend declares: the kit asserts those and no others. */
    private static Accuracy accuracy(InformationMeasures b) {
        return b.accuracy();
    }

    // ---------------------------------------------------------------- identities

    static void crossEntropyOfADistributionWithItselfIsItsEntropy(InformationMeasures b) {
        String identity = "H(P,P) = H(P)";
        Accuracy a = accuracy(b);
        property(b, identity, EXAMPLES, Generators.distributions(), p -> {
            double h = b.entropyNats(p);
            double ce = b.crossEntropyNats(p, p);
            double tol = a.entropyBound(p.length, h) + a.crossEntropyBound(p.length, h);
            assertThat(Math.abs(ce - h)).as(says(b, identity, "H(P,P)=%s H(P)=%s allowed=%s", ce, h, tol))
                    .isLessThanOrEqualTo(tol);
        });
    }

    static void klDivergenceOfADistributionFromItselfIsZero(InformationMeasures b) {
        String identity = "KL(P||P) = 0";
        Accuracy a = accuracy(b);
        property(b, identity, EXAMPLES, Generators.distributions(), p -> {
            double kl = b.klDivergenceNats(p, p);
            double tol = Tolerance.kl(a, p.length, Tolerance.KlScales.estimate(p, p), 0.0);
            assertThat(kl).as(says(b, identity, "KL(P||P)=%s allowed=[0, %s]", kl, tol))
                    .isBetween(0.0, tol);
        });
    }

    static void gibbsInequality(InformationMeasures b) {
        String identity = "KL(P||Q) >= 1/2 ||P - Q||_1^2 >= 0 (Gibbs, Pinsker)";
        Accuracy a = accuracy(b);
        property(b, identity, EXAMPLES, Generators.finitePairs(), pq -> {
            double[] p = pq.p();
            double[] q = pq.q();
            double kl = b.klDivergenceNats(p, q);
            double l1 = 0.0;
            for (int i = 0; i < p.length; i++) {
                l1 += Math.abs(p[i] - q[i]);
            }
            double pinsker = 0.5 * l1 * l1;
            // slack: the backend's declared KL error; the mass defect (vectors that sum to 1 within
            // ulps satisfy KL ≥ Pinsker only up to a few |Σ − 1|); the rounding of l1 (n additions)
            double tol = Tolerance.kl(a, p.length, Tolerance.KlScales.estimate(p, q), kl)
                    + 4.0 * massDefect(p, q) + pinsker * 2 * p.length * Tolerance.U;
            assertThat(kl).as(says(b, identity, "KL=%s is negative or NaN", kl)).isGreaterThanOrEqualTo(0.0);
            assertThat(kl).as(says(b, identity, "KL=%s below Pinsker's bound %s (allowed slack %s)", kl,
                    pinsker, tol)).isGreaterThanOrEqualTo(pinsker - tol);
        });
    }

    static void crossEntropyIsEntropyPlusKlDivergence(InformationMeasures b) {
        String identity = "H(P,Q) = H(P) + KL(P||Q)";
        Accuracy a = accuracy(b);
        property(b, identity, EXAMPLES, Generators.finitePairs(), pq -> {
            double[] p = pq.p();
            double[] q = pq.q();
            int n = p.length;
            double ce = b.crossEntropyNats(p, q);
            double h = b.entropyNats(p);
            double kl = b.klDivergenceNats(p, q);
            double tol = a.crossEntropyBound(n, ce) + a.entropyBound(n, h)
                    + Tolerance.kl(a, n, Tolerance.KlScales.estimate(p, q), kl) + Tolerance.ulps(1, h + kl);
            assertThat(Math.abs(ce - (h + kl))).as(says(b, identity, "H(P,Q)=%s H(P)=%s KL=%s allowed=%s",
                    ce, h, kl, tol)).isLessThanOrEqualTo(tol);
        });
    }

    static void crossEntropyIsAtLeastTheEntropy(InformationMeasures b) {
        String identity = "H(P,Q) >= H(P)";
        Accuracy a = accuracy(b);
        property(b, identity, EXAMPLES, Generators.finitePairs(), pq -> {
            double[] p = pq.p();
            double[] q = pq.q();
            double ce = b.crossEntropyNats(p, q);
            double h = b.entropyNats(p);
            double tol = a.crossEntropyBound(p.length, ce) + a.entropyBound(p.length, h)
                    + massDifference(p, q);
            assertThat(ce).as(says(b, identity, "H(P,Q)=%s < H(P)=%s beyond %s", ce, h, tol))
                    .isGreaterThanOrEqualTo(h - tol);
        });
    }

    static void entropyLiesBetweenZeroAndLogNWithEqualityAtTheUniform(InformationMeasures b) {
        String identity = "0 <= H(P) <= ln n";
        Accuracy a = accuracy(b);
        property(b, identity, EXAMPLES, Generators.distributions(), p -> {
            int n = p.length;
            double h = b.entropyNats(p);
            double s = exactSum(p);
            double lnN = Math.log(n);
            // max of −Σ p ln p with Σ p = s is s ln n − s ln s (at p = s/n); Math.log is within 1 ulp
            double upper = s * lnN - s * Math.log(s) + Tolerance.ulps(2, lnN) + a.entropyBound(n, lnN);
            assertThat(h).as(says(b, identity, "H=%s outside [0, %s] for n=%d", h, upper, n))
                    .isGreaterThanOrEqualTo(0.0).isLessThanOrEqualTo(upper);
        });
        String equality = "H(uniform) = ln n";
        property(b, equality, EXAMPLES, Generators.uniform(), p -> {
            int n = p.length;
            double h = b.entropyNats(p);
            double lnN = Math.log(n);
            // p = fl(1/n) = (1 + δ)/n, so the true H = (1 + δ)(ln n − ln(1 + δ)), within |δ|(ln n + 1)
            double delta = Math.abs(Math.fma(n, p[0], -1.0));
            double tol = a.entropyBound(n, lnN) + delta * (lnN + 1.0) * (1 + Tolerance.BOUND_SLACK) + Tolerance.ulps(1, lnN);
            assertThat(Math.abs(h - lnN)).as(says(b, equality, "H=%s ln n=%s n=%d allowed=%s", h, lnN, n,
                    tol)).isLessThanOrEqualTo(tol);
        });
    }

    /**
     * Searches for a pair with H(P,Q) ≠ H(Q,P) and KL(P‖Q) ≠ KL(Q‖P) beyond the declared bounds and
     * returns the simplest one found, as one line; fails if there is none. The search draws
     * {@value #ASYMMETRY_EXAMPLES} small-weight pairs ({@link Generators#smallWeightPairs()}) with
     * the kit's seed and keeps the simplest witness (fewest events, then smallest weights): the
     * selection takes the place of shrinking, and nothing is reported as a falsification.
     *
     * @param b the backend
     * @return e.g. {@code [naive] asymmetric: P = (2, 1)/3 = [...], Q = (1, 1)/2 = [...]: H(P,Q) = ...}
     */
    static String asymmetry(InformationMeasures b) {
        Accuracy a = accuracy(b);
        List<Generators.WeightedPair> drawn = new ArrayList<>();
        Settings.qt(ASYMMETRY_EXAMPLES).forAll(Generators.smallWeightPairs()).checkAssert(drawn::add);
        Generators.WeightedPair simplest = null;
        String measures = null;
        int found = 0;
        for (Generators.WeightedPair w : drawn) {
            double[] p = w.pair().p();
            double[] q = w.pair().q();
            int n = p.length;
            double cePq = b.crossEntropyNats(p, q);
            double ceQp = b.crossEntropyNats(q, p);
            double klPq = b.klDivergenceNats(p, q);
            double klQp = b.klDivergenceNats(q, p);
            double ceTol = a.crossEntropyBound(n, cePq) + a.crossEntropyBound(n, ceQp);
            double klTol = Tolerance.kl(a, n, Tolerance.KlScales.estimate(p, q), klPq)
                    + Tolerance.kl(a, n, Tolerance.KlScales.estimate(q, p), klQp);
            boolean asymmetric = Math.abs(cePq - ceQp) > ceTol && Math.abs(klPq - klQp) > klTol;
            if (asymmetric) {
                found++;
                if (simplest == null || w.simplicity() < simplest.simplicity()) {
                    simplest = w;
                    measures = String.format(Locale.ROOT, "H(P,Q) = %s != H(Q,P) = %s, KL(P||Q) = %s != KL(Q||P) = %s",
                            cePq, ceQp, klPq, klQp);
                }
            }
        }
        if (simplest == null) {
            throw new AssertionError(String.format(Locale.ROOT, "[%s] asymmetry: no pair with H(P,Q) != H(Q,P)"
                    + " and KL(P||Q) != KL(Q||P) in %d examples; the measures are asymmetric in general"
                    + " (Cover & Thomas, ch. 2), so this backend computes something else; %s", b.id(),
                    drawn.size(), Settings.replay()));
        }
        return String.format(Locale.ROOT, "[%s] asymmetric: %s: %s (the simplest of %d witnesses in %d pairs; %s)",
                b.id(), simplest, measures, found, drawn.size(), Settings.replay());
    }

    static void changeOfBase(InformationMeasures b) {
        String identity = "log_b x = ln x / ln b (bits = nats / ln 2)";
        Accuracy a = accuracy(b);
        Gen<Double> bases = Generate.pick(java.util.List.of(2.0, 10.0, 3.0, 1.5, 256.0, 0.5));
        property(b, identity, EXAMPLES, Generators.finitePairs().zip(bases, (pq, base) -> new Object[] {pq, base})
                .describedAs(x -> x[0] + " base=" + x[1]), x -> {
                    PQ pq = (PQ) x[0];
                    double base = (Double) x[1];
                    LogBase unit = base == 2.0 ? LogBase.BITS : base == 10.0 ? LogBase.BANS : LogBase.of(base);
                    Distribution p = Distribution.of(pq.p());
                    Distribution q = Distribution.of(pq.q());
                    int n = p.size();
                    double lnB = Math.log(base);
                    double h = b.entropyNats(pq.p()) / lnB;
                    double ce = b.crossEntropyNats(pq.p(), pq.q()) / lnB;
                    double kl = b.klDivergenceNats(pq.p(), pq.q()) / lnB;
                    double hTol = Tolerance.ulps(Tolerance.CONVERSION_ULPS, h) + a.entropyBound(n, h);
                    double ceTol = Tolerance.ulps(Tolerance.CONVERSION_ULPS, ce) + a.crossEntropyBound(n, ce);
                    double klTol = Tolerance.ulps(Tolerance.CONVERSION_ULPS, kl)
                            + Tolerance.kl(a, n, Tolerance.KlScales.estimate(pq.p(), pq.q()), kl) / Math.abs(lnB);
                    assertThat(b.entropy(p, unit)).as(says(b, identity, "H in base %s", base)).isCloseTo(h,
                            org.assertj.core.api.Assertions.within(hTol));
                    assertThat(b.crossEntropy(p, q, unit)).as(says(b, identity, "H(P,Q) in base %s", base))
                            .isCloseTo(ce, org.assertj.core.api.Assertions.within(ceTol));
                    assertThat(b.klDivergence(p, q, unit)).as(says(b, identity, "KL in base %s", base))
                            .isCloseTo(kl, org.assertj.core.api.Assertions.within(klTol));
                });
    }

    static void invarianceUnderPermutingEvents(InformationMeasures b) {
        String identity = "H, H(P,Q), KL invariant under permuting events";
        Accuracy a = accuracy(b);
        property(b, identity, EXAMPLES, Generators.permutations(), x -> {
            double[] p = x.pair().p();
            double[] q = x.pair().q();
            double[] pp = x.p();
            double[] pq = x.q();
            int n = p.length;
            double h = b.entropyNats(p);
            double ce = b.crossEntropyNats(p, q);
            double kl = b.klDivergenceNats(p, q);
            double hPerm = b.entropyNats(pp);
            double cePerm = b.crossEntropyNats(pp, pq);
            double klPerm = b.klDivergenceNats(pp, pq);
            double hTol = 2 * a.entropyBound(n, h);
            double ceTol = 2 * a.crossEntropyBound(n, ce);
            double klTol = 2 * Tolerance.kl(a, n, Tolerance.KlScales.estimate(p, q), kl);
            assertThat(Math.abs(hPerm - h)).as(says(b, identity, "H(πP)=%s H(P)=%s allowed=%s", hPerm, h,
                    hTol)).isLessThanOrEqualTo(hTol);
            assertThat(Math.abs(cePerm - ce)).as(says(b, identity, "H(πP,πQ)=%s H(P,Q)=%s allowed=%s",
                    cePerm, ce, ceTol)).isLessThanOrEqualTo(ceTol);
            assertThat(Math.abs(klPerm - kl)).as(says(b, identity, "KL(πP||πQ)=%s KL(P||Q)=%s allowed=%s",
                    klPerm, kl, klTol)).isLessThanOrEqualTo(klTol);
        });
    }

    static void additivityOnIndependentProducts(InformationMeasures b) {
        String identity = "H(P1xP2) = H(P1) + H(P2); KL(P1xP2||Q1xQ2) = KL(P1||Q1) + KL(P2||Q2)";
        Accuracy a = accuracy(b);
        property(b, identity, EXAMPLES, Generators.independentProducts(), x -> {
            double[] p1 = x.first().p();
            double[] q1 = x.first().q();
            double[] p2 = x.second().p();
            double[] q2 = x.second().q();
            double[] p = x.p();
            double[] q = x.q();
            int n1 = p1.length;
            int n2 = p2.length;
            int n = p.length;
            // Σ_ij p1_i p2_j ln(p1_i p2_j) = s2·H(P1) + s1·H(P2) exactly, s = Σ p (1 up to rounding)
            double s1 = exactSum(p1);
            double s2 = exactSum(p2);
            double h1 = b.entropyNats(p1);
            double h2 = b.entropyNats(p2);
            double h = b.entropyNats(p);
            double expectedH = s2 * h1 + s1 * h2;
            // each product p1_i·p2_j is rounded (relative u): H moves by at most u·Σ p(|ln p| + 1)
            double productRoundingH = Tolerance.U * (h + s1 * s2) * (1 + Tolerance.BOUND_SLACK);
            double hTol = a.entropyBound(n, h) + a.entropyBound(n1, h1) + a.entropyBound(n2, h2)
                    + Tolerance.ulps(3, expectedH) + productRoundingH;
            assertThat(Math.abs(h - expectedH)).as(says(b, identity, "H(P1xP2)=%s H(P1)+H(P2)=%s allowed=%s",
                    h, expectedH, hTol)).isLessThanOrEqualTo(hTol);
            double kl1 = b.klDivergenceNats(p1, q1);
            double kl2 = b.klDivergenceNats(p2, q2);
            double kl = b.klDivergenceNats(p, q);
            double expectedKl = s2 * kl1 + s1 * kl2;
            Tolerance.KlScales scales = Tolerance.KlScales.estimate(p, q);
            // rounding p_ij and q_ij moves KL by at most u·Σ p(|ln(p/q)| + 2)
            double productRoundingKl = Tolerance.U * (scales.terms() + 2 * s1 * s2) * (1 + Tolerance.BOUND_SLACK);
            double klTol = Tolerance.kl(a, n, scales, kl) + Tolerance.kl(a, n1, Tolerance.KlScales.estimate(p1, q1), kl1)
                    + Tolerance.kl(a, n2, Tolerance.KlScales.estimate(p2, q2), kl2) + Tolerance.ulps(3, expectedKl)
                    + productRoundingKl;
            assertThat(Math.abs(kl - expectedKl)).as(says(b, identity,
                    "KL(P1xP2||Q1xQ2)=%s KL(P1||Q1)+KL(P2||Q2)=%s allowed=%s", kl, expectedKl, klTol))
                    .isLessThanOrEqualTo(klTol);
        });
    }

    static void oneHotEntropyIsExactlyZero(InformationMeasures b) {
        String identity = "H(one-hot) = 0.0 exactly";
        property(b, identity, EXAMPLES, Generators.oneHot(), p -> {
            double h = b.entropyNats(p);
            assertThat(Double.doubleToRawLongBits(h)).as(says(b, identity, "H=%s (must be +0.0, no epsilon)",
                    h)).isZero();
            int k = 0;
            while (p[k] != 1.0) {
                k++;
            }
            double bits = b.entropy(Distribution.oneHot(p.length, k), LogBase.BITS);
            assertThat(Double.doubleToRawLongBits(bits)).as(says(b, identity, "H in bits=%s", bits)).isZero();
        });
    }

    static void infinityExactlyWhenQHasAZeroWherePHasMass(InformationMeasures b) {
        String identity = "H(P,Q) = KL(P||Q) = +inf iff some q_i = 0 < p_i";
        property(b, identity, EXAMPLES, Generate.oneOf(Generators.qMissesSomeMass(), Generators.zerosOnlyWhereP()),
                pq -> {
                    boolean infinite = Oracle.infinite(pq.p(), pq.q());
                    double ce = b.crossEntropyNats(pq.p(), pq.q());
                    double kl = b.klDivergenceNats(pq.p(), pq.q());
                    if (infinite) {
                        assertThat(ce).as(says(b, identity, "H(P,Q)=%s, expected +inf", ce))
                                .isEqualTo(Double.POSITIVE_INFINITY);
                        assertThat(kl).as(says(b, identity, "KL=%s, expected +inf", kl))
                                .isEqualTo(Double.POSITIVE_INFINITY);
                    } else {
                        assertThat(ce).as(says(b, identity, "H(P,Q)=%s, expected finite", ce)).isFinite();
                        assertThat(kl).as(says(b, identity, "KL=%s, expected finite", kl)).isFinite();
                    }
                });
    }

    static void meanCrossEntropyAgainstOneHotTargetsIsTheMeanNegativeLogLikelihood(InformationMeasures b) {
        String identity = "mean H(e_y, q) = -mean ln q[y]";
        Accuracy a = accuracy(b);
        property(b, identity, EXAMPLES, Generators.labelledPredictions(), x -> {
            int m = x.y().length;
            double ce = 0.0;
            double nll = 0.0;
            double tol = 0.0;
            for (int e = 0; e < m; e++) {
                double[] q = x.q()[e];
                double[] target = new double[q.length];
                target[x.y()[e]] = 1.0;
                double ce1 = b.crossEntropyNats(target, q);
                ce += ce1;
                nll -= Math.log(q[x.y()[e]]);
                tol = Math.max(tol, a.crossEntropyBound(q.length, ce1));
            }
            ce /= m;
            nll /= m;
            // both means add m same-sign terms: (m − 1)·u each, plus the reference's own log and division
            double allowed = tol + Tolerance.ulps(2.0 * m + Tolerance.REFERENCE_ULPS, nll);
            assertThat(Math.abs(ce - nll)).as(says(b, identity, "mean CE=%s mean NLL=%s allowed=%s", ce, nll,
                    allowed)).isLessThanOrEqualTo(allowed);
        });
    }

    static void binaryCrossEntropyIsTheBernoulliNegativeLogLikelihood(InformationMeasures b) {
        String identity = "H([1-y, y], [1-yhat, yhat]) = -ln P(y | yhat) (Bernoulli)";
        Accuracy a = accuracy(b);
        property(b, identity, EXAMPLES, Generators.binaryPredictions(), x -> {
            double y = x[0];
            double yhat = x[1];
            double[] predicted = {1.0 - yhat, yhat};
            double ce = b.crossEntropyNats(new double[] {1.0 - y, y}, predicted);
            // the Bernoulli likelihood of the observed label: yhat if y = 1, (1 − yhat) if y = 0
            double likelihood = y == 1.0 ? predicted[1] : predicted[0];
            double nll = -Math.log(likelihood);
            if (likelihood == 0.0) {
                assertThat(ce).as(says(b, identity, "y=%s yhat=%s: CE=%s, expected +inf", y, yhat, ce))
                        .isEqualTo(Double.POSITIVE_INFINITY);
            } else {
                double tol = a.crossEntropyBound(2, nll) + Tolerance.ulps(Tolerance.REFERENCE_ULPS, nll);
                assertThat(Math.abs(ce - nll)).as(says(b, identity, "y=%s yhat=%s: CE=%s NLL=%s allowed=%s", y,
                        yhat, ce, nll, tol)).isLessThanOrEqualTo(tol);
            }
        });
    }

    /**
     * The tutorial's worked example 3 (ten labels and predictions), as a mean of binary
     * cross-entropies.
     *
     * @param b the backend
     * @return the mean binary cross-entropy in nats
     */
    static double tutorialExample3MeanCrossEntropy(InformationMeasures b) {
        double[] y = {1, 1, 1, 1, 1, 0, 0, 0, 0, 0};
        double[] yhat = {0.8, 0.9, 0.9, 0.6, 0.8, 0.1, 0.4, 0.2, 0.1, 0.3};
        double sum = 0.0;
        for (int i = 0; i < y.length; i++) {
            sum += b.crossEntropyNats(new double[] {1 - y[i], y[i]}, new double[] {1 - yhat[i], yhat[i]});
        }
        return sum / y.length;
    }

    static void backendsAgree(InformationMeasures x, InformationMeasures y) {
        String identity = "backends agree within their declared bounds";
        Accuracy ax = accuracy(x);
        Accuracy ay = accuracy(y);
        String both = x.id() + " vs " + y.id();
        String label = both;
        property(label, identity, EXAMPLES, Generators.finitePairs(), pq -> {
            double[] p = pq.p();
            double[] q = pq.q();
            int n = p.length;
            Tolerance.KlScales scales = Tolerance.KlScales.estimate(p, q);
            double hx = x.entropyNats(p);
            double hy = y.entropyNats(p);
            double cx = x.crossEntropyNats(p, q);
            double cy = y.crossEntropyNats(p, q);
            double kx = x.klDivergenceNats(p, q);
            double ky = y.klDivergenceNats(p, q);
            double hTol = ax.entropyBound(n, hx) + ay.entropyBound(n, hy);
            double cTol = ax.crossEntropyBound(n, cx) + ay.crossEntropyBound(n, cy);
            double kTol = Tolerance.kl(ax, n, scales, kx) + Tolerance.kl(ay, n, scales, ky);
            assertThat(Math.abs(hx - hy)).as(says(label, identity, "H: %s vs %s allowed=%s", hx, hy, hTol))
                    .isLessThanOrEqualTo(hTol);
            assertThat(Math.abs(cx - cy)).as(says(label, identity, "H(P,Q): %s vs %s allowed=%s", cx, cy, cTol))
                    .isLessThanOrEqualTo(cTol);
            assertThat(Math.abs(kx - ky)).as(says(label, identity, "KL: %s vs %s allowed=%s", kx, ky, kTol))
                    .isLessThanOrEqualTo(kTol);
        });
    }
}
