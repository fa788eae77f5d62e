package dev.xent.verification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xent.Accuracy;
import dev.xent.InformationMeasures;
import dev.xent.verification.Generators.PQ;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.quicktheories.core.Gen;

/**
 * A backend against the {@link Oracle}: the error of H(P), H(P,Q) and KL(P‖Q) in ulps of the true
 * value, per input family, asserted against the bounds the backend declares
 * ({@link InformationMeasures#accuracy()}) and written as a table to
 * {@code target/xent-verification/accuracy-ID.md} (family → max and median ulps; one file per
 * backend id, so several backend modules never overwrite each other's).
 *
 * <p>The inputs are drawn once (fixed seed) and the oracle's true values computed once; every
 * backend is then measured on the same inputs. KL is reported in ulps of its true value, which can
 * be tiny (nearby pairs): a large number there says "lost digits", and the bound asserted for KL is
 * the declared absolute one (a multiple of u·Σ|terms|), not an ulp count.
 *
 * <p>Peers: Boost.Math publishes its accuracy as tables of max and mean error in units of epsilon per
 * function and test-data family, against high-precision reference values; Commons Math compares
 * doubles by ulps ({@code Precision.equals(x, y, maxUlps)}). xent follows Boost's table form (max and
 * median, per backend and family) and measures in ulps of the true value, but computes its reference
 * on the fly from the same generated inputs instead of shipping reference data, so any seed can be
 * checked.
 */
final class OracleCheck {

    /** Inputs per family in the default run (100 times more in a deep run). */
    static final int EXAMPLES_PER_FAMILY = 50;

    /** Where the per-backend tables go, relative to the working directory (a Maven module's base). */
    static final Path TABLES = Path.of("target", "xent-verification");

    private OracleCheck() {
    }

    /** The families, in table order. */
    private static Map<String, Gen<PQ>> families() {
        Map<String, Gen<PQ>> f = new LinkedHashMap<>();
        f.put("random", Generators.sameSupportPairs());
        f.put("with zeros", Generators.zerosOnlyWhereP());
        f.put("uniform P", Generators.withRandomQ(Generators.uniform()));
        f.put("nearly degenerate P", Generators.withRandomQ(Generators.nearlyDegenerate()));
        f.put("very skewed P", Generators.withRandomQ(Generators.verySkewed()));
        f.put("thousands of events", Generators.withRandomQ(Generators.thousandsOfEvents()));
        f.put("nearby (Q ≈ P)", Generators.nearbyPairs());
        return f;
    }

    /** An input with its true values. */
    private record Case(PQ pair, Oracle.Truth truth) {
    }

    /** The inputs and true values, drawn and computed once. */
    private static final class Inputs {
        static final Map<String, List<Case>> BY_FAMILY = draw();

        private static Map<String, List<Case>> draw() {
            Map<String, List<Case>> all = new LinkedHashMap<>();
            families().forEach((name, gen) -> {
                List<PQ> pairs = new ArrayList<>();
                Settings.qt(EXAMPLES_PER_FAMILY).forAll(gen).checkAssert(pairs::add);
                List<Case> cases = new ArrayList<>();
                for (PQ pq : pairs) {
                    cases.add(new Case(pq, Oracle.truth(pq.p(), pq.q())));
                }
                all.put(name, cases);
            });
            return all;
        }
    }

    /** Measured errors: backend → family → measure → ulps per input. */
    private static final Map<String, Map<String, Map<String, List<Double>>>> MEASURED = new ConcurrentHashMap<>();

    private static final String[] MEASURES = {"H(P)", "H(P,Q)", "KL(P‖Q)"};

    /**
     * Measures the backend on every family, records the errors for {@link #table(Collection)},
     * writes its table, and fails listing (up to five) errors beyond the declared bounds.
     *
     * @param b the backend
     * @throws IOException if the table cannot be written
     */
    static void measure(InformationMeasures b) throws IOException {
        Accuracy a = b.accuracy();
        Map<String, Map<String, List<Double>>> mine = new LinkedHashMap<>();
        List<String> violations = new ArrayList<>();
        Inputs.BY_FAMILY.forEach((family, cases) -> {
            Map<String, List<Double>> byMeasure = new LinkedHashMap<>();
            for (String m : MEASURES) {
                byMeasure.put(m, new ArrayList<>());
            }
            for (Case c : cases) {
                double[] p = c.pair().p();
                double[] q = c.pair().q();
                int n = p.length;
                Oracle.Truth t = c.truth();
                double h = b.entropyNats(p);
                double ce = b.crossEntropyNats(p, q);
                double kl = b.klDivergenceNats(p, q);
                byMeasure.get("H(P)").add(Oracle.ulps(h, t.entropy()));
                byMeasure.get("H(P,Q)").add(Oracle.ulps(ce, t.crossEntropy()));
                // the contract: KL is reported as max(0, ·); inputs that sum to 1 only within ulps can
                // have a true KL of −10^-17, whose correct report is 0
                BigDecimal trueKlReported = t.kl().max(BigDecimal.ZERO);
                byMeasure.get("KL(P‖Q)").add(Oracle.ulps(kl, trueKlReported));
                double trueH = t.entropy().doubleValue();
                double trueCe = t.crossEntropy().doubleValue();
                double trueKl = trueKlReported.doubleValue();
                Tolerance.KlScales scales = new Tolerance.KlScales(t.klAbsTerms().doubleValue(),
                        t.klAbsLogs().doubleValue());
                check(violations, b, family, "H(P)", c, Oracle.absoluteError(h, t.entropy()), a.entropyBound(n, trueH));
                check(violations, b, family, "H(P,Q)", c, Oracle.absoluteError(ce, t.crossEntropy()),
                        a.crossEntropyBound(n, trueCe));
                check(violations, b, family, "KL(P||Q)", c, Oracle.absoluteError(kl, trueKlReported),
                        Tolerance.kl(a, n, scales, trueKl));
            }
            mine.put(family, byMeasure);
        });
        MEASURED.put(b.id(), mine);
        String table = table(List.of(b.id()));
        Files.createDirectories(TABLES);
        Files.writeString(TABLES.resolve("accuracy-" + b.id() + ".md"), table, StandardCharsets.UTF_8);
        System.out.println("[" + b.id() + "] accuracy against the oracle (declared: " + a + "):\n" + table);
        assertThat(violations).as("[%s] errors beyond the declared bounds %s (%s)", b.id(), a, Settings.replay())
                .isEmpty();
    }

    private static void check(List<String> violations, InformationMeasures b, String family, String measure,
                              Case c, double error, double bound) {
        if (!(error <= bound) && violations.size() < 5) {
            String input = c.pair().p().length <= 16 ? c.pair().toString() : "n=" + c.pair().p().length;
            violations.add(String.format(Locale.ROOT, "[%s] %s on %s: |error| %s > declared bound %s; input %s",
                    b.id(), measure, family, error, bound, input));
        }
    }

    /**
     * The table of the backends measured so far in this JVM, in the order given.
     *
     * @param ids the backends to include (each measured before)
     * @return a Markdown table: backend × family → max and median ulps
     */
    static String table(Collection<String> ids) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "Error in ulps of the true value (oracle: BigDecimal, %d digits), "
                + "max / median over %d inputs per family; %s.%n%n", Oracle.DIGITS,
                Settings.examples(EXAMPLES_PER_FAMILY), Settings.replay()));
        s.append("| backend | input family | H(P) max | H(P) median | H(P,Q) max | H(P,Q) median | KL max | KL median |\n");
        s.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        ids.stream().filter(MEASURED::containsKey).forEach(backend -> MEASURED.get(backend).forEach((family, m) -> {
            s.append("| ").append(backend).append(" | ").append(family);
            for (String measure : MEASURES) {
                List<Double> v = new ArrayList<>(m.get(measure));
                Collections.sort(v);
                s.append(" | ").append(format(v.get(v.size() - 1))).append(" | ").append(format(v.get(v.size() / 2)));
            }
            s.append(" |\n");
        }));
        return s.toString();
    }

    private static String format(double ulps) {
        if (ulps == 0.0) {
            return "0";
        }
        return ulps < 100 ? String.format(Locale.ROOT, "%.2f", ulps) : String.format(Locale.ROOT, "%.1e", ulps);
    }
}
