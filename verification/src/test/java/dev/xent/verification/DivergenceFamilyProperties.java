package dev.xent.verification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xent.Accuracy;
import dev.xent.Backends;
import dev.xent.Distribution;
import dev.xent.InformationMeasures;
import dev.xent.LogBase;
import dev.xent.special.Elementwise;
import dev.xent.sum.CompensatedSum;
import dev.xent.verification.Generators.PQ;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The rest of the family of measures (issue 12) as properties, run against every backend that
 * {@link Backends#all()} discovers, one dynamic test per backend named {@code [id] statement}:
 * the Jensen–Shannon divergence (J. Lin, IEEE Trans. Inf. Theory 37(1), 1991), its square root the
 * JS distance (Endres &amp; Schindelin, IEEE Trans. Inf. Theory 49(7), 2003), perplexity and the
 * per-event terms. Tolerances come from each backend's declared {@link Accuracy} (its
 * {@code accuracy()}) and the documented accuracy of the default methods, never from a bare number. Self-contained: it uses only the kit's
 * {@link Generators} and {@link Settings}.
 */
class DivergenceFamilyProperties {

    private static final int EXAMPLES = 200;

    private static final double U = Accuracy.UNIT_ROUNDOFF;

    private static final double LN2 = Math.log(2.0);

    private static Stream<DynamicTest> perBackend(String statement, Consumer<InformationMeasures> check) {
        return Backends.all().stream().map(b -> DynamicTest.dynamicTest(
                String.format(Locale.ROOT, "[%s] %s", b.id(), statement), () -> check.accept(b)));
    }

    /** Σ|p ln(p/q)| and Σ p(|ln p| + |ln q|) in double, slightly enlarged: the scales of KL's bound. */
    private static double klBound(InformationMeasures b, double[] p, double[] q, double value) {
        double terms = 0.0;
        double logs = 0.0;
        for (int i = 0; i < p.length; i++) {
            if (p[i] > 0.0) {
                terms += Math.abs(Elementwise.relEntr(p[i], q[i]));
                logs += p[i] * (Math.abs(Math.log(p[i])) + Math.abs(Math.log(q[i])));
            }
        }
        return b.accuracy().klBound(p.length, terms * (1 + 1e-6), logs * (1 + 1e-6), value);
    }

    /**
     * JS's documented bound ({@code InformationMeasures.jensenShannonDivergenceNats}): about 8 ulps
     * (non-negative kl_div terms, compensated sum) plus the second-order effect of rounding M, below
     * 2<sup>−106</sup>·n; asserted with 10 ulps.
     */
    private static double jsBound(InformationMeasures b, double[] p, double[] q, double js) {
        return 10 * Math.ulp(js) + p.length * 0x1p-106;
    }

    private static double[] mean(double[] p, double[] q) {
        double[] m = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            m[i] = 0.5 * p[i] + 0.5 * q[i];
        }
        return m;
    }

    @TestFactory
    Stream<DynamicTest> jensenShannonIsSymmetricAndBetweenZeroAndLnTwo() {
        return perBackend("JS(P,Q) = JS(Q,P) and 0 <= JS <= ln 2 (1 bit)", b ->
                Settings.qt(EXAMPLES).forAll(Generators.finitePairs()).checkAssert(pq -> {
                    double pq1 = b.jensenShannonDivergenceNats(pq.p(), pq.q());
                    double qp = b.jensenShannonDivergenceNats(pq.q(), pq.p());
                    assertThat(pq1).as("[%s] JS(P,Q) = JS(Q,P) on %s", b.id(), pq).isEqualTo(qp);
                    assertThat(pq1).as("[%s] 0 <= JS <= ln 2 on %s", b.id(), pq).isBetween(0.0, LN2);
                }));
    }

    @TestFactory
    Stream<DynamicTest> jensenShannonOfDisjointSupportsIsExactlyOneBit() {
        return perBackend("JS of disjoint supports = 1 bit", b -> {
            Distribution p = Distribution.of(0.5, 0.5, 0, 0);
            Distribution q = Distribution.of(0, 0, 0.25, 0.75);
            assertThat(b.jensenShannonDivergence(p, q, LogBase.BITS)).isEqualTo(1.0);
        });
    }

    @TestFactory
    Stream<DynamicTest> jensenShannonIsTheEntropyOfTheMixtureMinusTheMeanEntropy() {
        return perBackend("JS = H(M) - (H(P) + H(Q))/2 (Lin 1991)", b ->
                Settings.qt(EXAMPLES).forAll(Generators.finitePairs()).checkAssert(pq -> {
                    double[] p = pq.p();
                    double[] q = pq.q();
                    int n = p.length;
                    double[] m = mean(p, q);
                    double hm = b.entropyNats(m);
                    double hp = b.entropyNats(p);
                    double hq = b.entropyNats(q);
                    double viaEntropies = hm - 0.5 * (hp + hq);
                    double js = b.jensenShannonDivergenceNats(p, q);
                    // the entropy form: each entropy's declared bound, M's rounding (u per entry,
                    // changing H(M) by at most u·Σ m(|ln m| + 1)), the three roundings of the
                    // combination; plus JS's own bound
                    Accuracy a = b.accuracy();
                    double tol = a.entropyBound(n, hm) + a.entropyBound(n, hp) + a.entropyBound(n, hq)
                            + 2 * U * (hm + 1) + 3 * Math.ulp(hm) + jsBound(b, p, q, js);
                    assertThat(Math.abs(js - viaEntropies)).as("[%s] JS=%s H(M)-mean H=%s allowed %s on %s",
                            b.id(), js, viaEntropies, tol, pq).isLessThanOrEqualTo(tol);
                }));
    }

    @TestFactory
    Stream<DynamicTest> jensenShannonIsZeroIffTheDistributionsAreEqual() {
        return perBackend("JS(P,Q) = 0 iff P = Q", b ->
                Settings.qt(EXAMPLES).forAll(Generators.sameSupportPairs()).checkAssert(pq -> {
                    assertThat(b.jensenShannonDivergenceNats(pq.p(), pq.p())).isEqualTo(0.0);
                    if (!Arrays.equals(pq.p(), pq.q())) {
                        assertThat(b.jensenShannonDivergenceNats(pq.p(), pq.q()))
                                .as("[%s] JS > 0 for P != Q: %s", b.id(), pq).isPositive();
                    }
                }));
    }

    @TestFactory
    Stream<DynamicTest> jensenShannonDistanceSatisfiesTheTriangleInequality() {
        return perBackend("sqrt JS(P,R) <= sqrt JS(P,Q) + sqrt JS(Q,R) (Endres & Schindelin 2003)", b ->
                Settings.qt(EXAMPLES).forAll(Generators.sameSupportPairs(), Generators.sameSupportPairs())
                        .checkAssert((first, second) -> {
                            double[] p = first.p();
                            double[] q = first.q();
                            // R: the second pair's P when it has as many events, else P itself (a
                            // degenerate triangle, still a valid instance)
                            double[] r = second.p().length == p.length ? second.p() : p;
                            double pr = b.jensenShannonDivergenceNats(p, r);
                            double pq = b.jensenShannonDivergenceNats(p, q);
                            double qr = b.jensenShannonDivergenceNats(q, r);
                            // |√a − √b| ≤ √|a − b|: each distance within √(its JS bound)
                            double tol = Math.sqrt(jsBound(b, p, r, pr)) + Math.sqrt(jsBound(b, p, q, pq))
                                    + Math.sqrt(jsBound(b, q, r, qr));
                            assertThat(Math.sqrt(pr)).as("[%s] triangle on P=%s Q=%s R=%s", b.id(),
                                    Arrays.toString(p), Arrays.toString(q), Arrays.toString(r))
                                    .isLessThanOrEqualTo(Math.sqrt(pq) + Math.sqrt(qr) + tol);
                        }));
    }

    @TestFactory
    Stream<DynamicTest> weightedJensenShannonWithEqualWeightsIsJensenShannon() {
        return perBackend("JS_(1/2,1/2)(P,Q) = JS(P,Q)", b ->
                Settings.qt(EXAMPLES).forAll(Generators.sameSupportPairs()).checkAssert(pq -> {
                    Distribution p = Distribution.of(pq.p());
                    Distribution q = Distribution.of(pq.q());
                    double js = b.jensenShannonDivergence(p, q, LogBase.NATS);
                    double weighted = b.jensenShannonDivergence(List.of(p, q), new double[] {0.5, 0.5}, LogBase.NATS);
                    assertThat(Math.abs(weighted - js)).as("[%s] on %s", b.id(), pq)
                            .isLessThanOrEqualTo(2 * jsBound(b, pq.p(), pq.q(), js));
                }));
    }

    @TestFactory
    Stream<DynamicTest> perplexityOfTheUniformDistributionIsTheNumberOfEvents() {
        return perBackend("perplexity(uniform(n)) = n, exactly for n = 2^k", b -> {
            for (int k = 0; k <= 20; k++) {
                int n = 1 << k;
                assertThat(b.perplexity(Distribution.uniform(n))).as("[%s] perplexity of uniform(2^%d)", b.id(), k)
                        .isEqualTo((double) n);
            }
            for (int n = 1; n <= 1000; n++) {
                double bits = Math.log(n) / LN2;
                // relative error ln 2 · δ(H in bits), δ about 3 ulps of H (compensated terms), plus 2 ulps
                double tol = LN2 * 4 * Math.ulp(bits) * n + 2 * Math.ulp((double) n);
                assertThat(Math.abs(b.perplexity(Distribution.uniform(n)) - n))
                        .as("[%s] perplexity of uniform(%d)", b.id(), n).isLessThanOrEqualTo(tol);
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> perEventTermsSumToTheMeasure() {
        return perBackend("per-event terms sum to H(P), H(P,Q), KL(P||Q); rel_entr and kl_div sum to KL", b ->
                Settings.qt(EXAMPLES).forAll(Generators.finitePairs()).checkAssert((PQ pq) -> {
                    double[] p = pq.p();
                    double[] q = pq.q();
                    int n = p.length;
                    Accuracy a = b.accuracy();
                    double[] ht = b.entropyTermsNats(p);
                    double[] ct = b.crossEntropyTermsNats(p, q);
                    double[] kt = b.klDivergenceTermsNats(p, q);
                    double h = b.entropyNats(p);
                    double ce = b.crossEntropyNats(p, q);
                    double kl = b.klDivergenceNats(p, q);
                    // each term within about 3 ulps (3u relative, twice for safety), summed compensated
                    double hs = CompensatedSum.of(ht);
                    assertThat(Math.abs(hs - h)).as("[%s] sum of H terms %s vs H %s", b.id(), hs, h)
                            .isLessThanOrEqualTo(a.entropyBound(n, h) + 6 * U * h + 2 * Math.ulp(h));
                    double cs = CompensatedSum.of(ct);
                    assertThat(Math.abs(cs - ce)).as("[%s] sum of H(P,Q) terms %s vs %s", b.id(), cs, ce)
                            .isLessThanOrEqualTo(a.crossEntropyBound(n, ce) + 6 * U * ce + 2 * Math.ulp(ce));
                    double abs = 0.0;
                    for (double t : kt) {
                        abs += Math.abs(t);
                    }
                    double klTol = klBound(b, p, q, kl) + 6 * U * abs + 2 * Math.ulp(kl);
                    double ks = Math.max(0.0, CompensatedSum.of(kt));
                    assertThat(Math.abs(ks - kl)).as("[%s] sum of KL terms %s vs %s", b.id(), ks, kl)
                            .isLessThanOrEqualTo(klTol);
                    double rel = Math.max(0.0, CompensatedSum.of(Elementwise.relEntr(p, q)));
                    assertThat(Math.abs(rel - kl)).as("[%s] sum of rel_entr %s vs KL %s", b.id(), rel, kl)
                            .isLessThanOrEqualTo(klTol);
                    // Σ kl_div = KL + Σq − Σp: the mass difference of vectors that sum to 1 within ulps
                    double[] qMinusP = new double[2 * n];
                    for (int i = 0; i < n; i++) {
                        qMinusP[i] = q[i];
                        qMinusP[n + i] = -p[i];
                    }
                    double massDifference = Math.abs(CompensatedSum.of(qMinusP)) * (1 + 1e-6);
                    double kd = CompensatedSum.of(Elementwise.klDiv(p, q));
                    assertThat(Math.abs(kd - kl)).as("[%s] sum of kl_div %s vs KL %s", b.id(), kd, kl)
                            .isLessThanOrEqualTo(klTol + massDifference + 8 * U * abs + 2 * n * U * U);
                }));
    }
}
