package dev.xent.continuous;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The closed forms of {@link Gaussian} against true values computed independently with mpmath at
 * 80 digits, in the textbook forms written in σ² ({@code gaussian-grid.csv}, written by
 * {@code gaussian_grid.py} next to it: widths from 1e-300 to 1e300, mean differences from 0 to
 * 1e300, the defect case σ₁ = 1e-200, σ₂ = 1e-199, widths next to the zero of h and ratios next
 * to 1, and 200 random log-uniform cases).
 */
class GaussianGridTest {

    /** h(P): the product σ·√(2πe) with its error, then one logarithm (1 ulp) and the correction. */
    private static final double ENTROPY_ULPS = 2;

    /** KL: a sum of two non-negative terms, each within about 2 ulps; see Gaussian's javadoc. */
    private static final double KL_ULPS = 4;

    /** H(P,Q): 4 ulps of the result plus 2u of the size of its terms (they may cancel). */
    private static final double CROSS_ENTROPY_ULPS = 4;
    private static final double CROSS_ENTROPY_TERMS_U = 2;

    private static final double U = 0x1p-53;

    private record Row(double mu1, double s1, double mu2, double s2, String h, String ce, String kl) {
    }

    private static List<Row> grid() throws IOException {
        List<Row> rows = new ArrayList<>();
        try (InputStream in = GaussianGridTest.class.getResourceAsStream("gaussian-grid.csv");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            r.readLine();
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String[] f = line.split(",");
                rows.add(new Row(Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]),
                        Double.parseDouble(f[3]), f[4], f[5], f[6]));
            }
        }
        return rows;
    }

    /** |computed − truth| in ulps of the truth rounded to a double (0 when both are +∞). */
    private static double ulps(double computed, String truth) {
        if (truth.equals("inf")) {
            return computed == Double.POSITIVE_INFINITY ? 0 : Double.POSITIVE_INFINITY;
        }
        BigDecimal t = new BigDecimal(truth);
        if (Double.isInfinite(computed)) {
            return Double.POSITIVE_INFINITY;
        }
        double ulp = Math.ulp(t.doubleValue());
        return new BigDecimal(computed).subtract(t).abs().doubleValue() / ulp;
    }

    @Test
    void closedFormsAreWithinAFewUlpsOfMpmathOnTheWholeGrid() throws IOException {
        List<Row> rows = grid();
        assertThat(rows).hasSizeGreaterThan(1000);
        double maxH = 0;
        double maxKl = 0;
        double maxCe = 0;
        List<String> bad = new ArrayList<>();
        for (Row row : rows) {
            Gaussian p = Gaussian.of(row.mu1(), row.s1());
            Gaussian q = Gaussian.of(row.mu2(), row.s2());
            double h = ulps(p.entropyNats(), row.h());
            double kl = ulps(p.klDivergenceNats(q), row.kl());
            double ce = ulps(p.crossEntropyNats(q), row.ce());
            maxH = Math.max(maxH, h);
            maxKl = Math.max(maxKl, kl);
            if (!(h <= ENTROPY_ULPS)) {
                bad.add(String.format(Locale.ROOT, "h %s: %.2f ulps", row, h));
            }
            if (!(kl <= KL_ULPS)) {
                bad.add(String.format(Locale.ROOT, "KL %s: %.2f ulps", row, kl));
            }
            if (!row.ce().equals("inf")) {
                // the size of the terms ln(σ₂√(2π)), ½r², ½z², estimated in double (a bound)
                double r = row.s1() / row.s2();
                double z = (0.5 * row.mu1() - 0.5 * row.mu2()) / row.s2() * 2;
                double terms = Math.abs(Math.log(row.s2()) + Gaussian.HALF_LN_TWO_PI) + 0.5 * r * r + 0.5 * z * z;
                double truth = new BigDecimal(row.ce()).doubleValue();
                double allowedUlps = CROSS_ENTROPY_ULPS + CROSS_ENTROPY_TERMS_U * U * terms / Math.ulp(truth);
                maxCe = Math.max(maxCe, ce / allowedUlps * CROSS_ENTROPY_ULPS);
                if (!(ce <= allowedUlps)) {
                    bad.add(String.format(Locale.ROOT, "H(P,Q) %s: %.2f ulps, allowed %.2f", row, ce, allowedUlps));
                }
            } else if (!(ce == 0)) {
                bad.add("H(P,Q) " + row + ": should overflow to +Infinity");
            }
        }
        System.out.printf(Locale.ROOT, "Gaussian grid (%d rows): max error h %.2f ulps, KL %.2f ulps,"
                + " H(P,Q) %.2f (scaled to the 4-ulp budget)%n", rows.size(), maxH, maxKl, maxCe);
        assertThat(bad).as("rows beyond the documented accuracy").isEmpty();
    }

    @Test
    void theDefectCaseIsNowWithinAnUlp() {
        // σ₁ = 1e-200, σ₂ = 1e-199, equal means: KL = ln 10 + 1/200 − 1/2 (mpmath, 80 digits, from the
        // exact doubles): 1.807585092994045...; ln σ₁ − ln σ₂ gave an answer 212 ulps away
        Gaussian p = Gaussian.of(0, 1e-200);
        Gaussian q = Gaussian.of(0, 1e-199);
        String truth = grid0("1e-200", "1e-199");
        assertThat(ulps(p.klDivergenceNats(q), truth)).isLessThanOrEqualTo(2.0);
    }

    private static String grid0(String s1, String s2) {
        try {
            for (Row row : grid()) {
                if (row.mu1() == 0 && row.mu2() == 0 && row.s1() == Double.parseDouble(s1)
                        && row.s2() == Double.parseDouble(s2)) {
                    return row.kl();
                }
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("no grid row for " + s1 + ", " + s2);
    }
}
