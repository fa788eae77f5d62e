package dev.xent.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/**
 * The oracle against mpmath. Every reference value below was computed for this test with Python
 * mpmath 1.3.0 at 70 decimal digits ({@code mp.dps = 70}), on the exact binary value of each double
 * ({@code mpf(x)} of a Python float), and printed to 45 significant digits:
 * <pre>
 *   from mpmath import mp, mpf, log, nstr; mp.dps = 70; print(nstr(log(mpf(x)), 45))
 * </pre>
 */
class OracleTest {

    /** 10<sup>−42</sup>: the references have 45 digits, the oracle 60; both far below a double. */
    private static final BigDecimal AGREEMENT = new BigDecimal("1e-42");

    private static void assertAgrees(BigDecimal actual, String mpmath) {
        BigDecimal expected = new BigDecimal(mpmath);
        BigDecimal scale = expected.abs().max(BigDecimal.ONE);
        assertThat(actual.subtract(expected).abs())
                .as("oracle %s vs mpmath %s", actual, mpmath)
                .isLessThanOrEqualTo(AGREEMENT.multiply(scale));
    }

    @Test
    void logarithmsAgreeWithMpmathToFortyTwoDigits() {
        assertAgrees(Oracle.ln(0.1), "-2.30258509299404562850684022342653872716347359");
        assertAgrees(Oracle.ln(0.5), "-0.693147180559945309417232121458176568075500134");
        assertAgrees(Oracle.ln(0.999), "-0.00100050033358353438921046944138089023976482723");
        assertAgrees(Oracle.ln(1.5e-5), "-11.1074603568620640127777533942128519477033141");
        assertAgrees(Oracle.ln(0.75), "-0.287682072451780927439219005993827431503509711");
        assertAgrees(Oracle.ln(1e-300), "-690.775527898213705180338344570100502908613342");
        assertThat(Oracle.ln(1.0).signum()).isZero();
    }

    @Test
    void logarithmsNearOneKeepTheirRelativeAccuracy() {
        // ln(1 − 2^-53) = −1.110223…e-16: an absolute error of 1e-42 would be a relative 1e-26
        BigDecimal actual = Oracle.ln(1.0 - 0x1p-53);
        BigDecimal expected = new BigDecimal("-1.11022302462515660205338988848237217180973272e-16");
        assertThat(actual.subtract(expected).abs()).isLessThan(new BigDecimal("1e-58"));
    }

    @Test
    void theSmallestSubnormalIsHandledExactly() {
        assertAgrees(Oracle.ln(Double.MIN_VALUE), "-744.440071921381262314107298446081634113087144");
    }

    @Test
    void theMeasuresOfATutorialPairAgreeWithMpmath() {
        // P = [0.1, 0.4, 0.5], Q = [0.8, 0.15, 0.05] (the tutorial's example 1), in nats, by mpmath:
        //   -sum(mpf(p)*log(mpf(p))), -sum(mpf(p)*log(mpf(q))), sum(mpf(p)*(log(mpf(p))-log(mpf(q))))
        Oracle.Truth t = Oracle.truth(new double[] {0.10, 0.40, 0.50}, new double[] {0.80, 0.15, 0.05});
        assertAgrees(t.entropy(), "0.943348392329039254555906762825503930247204249");
        assertAgrees(t.crossEntropy(), "2.27902848586276901796973685196931114851767439");
        assertAgrees(t.kl(), "1.33568009353372976341383008914380721827047014");
    }

    @Test
    void errorsAreMeasuredInUlpsOfTheTrueValue() {
        BigDecimal truth = new BigDecimal("0.5");
        assertThat(Oracle.ulps(0.5, truth)).isZero();
        assertThat(Oracle.ulps(Math.nextUp(0.5), truth)).isEqualTo(1.0);
        // below 0.5 the doubles are twice as dense: one step down is half an ulp of 0.5
        assertThat(Oracle.ulps(Math.nextDown(0.5), truth)).isEqualTo(0.5);
        assertThat(Oracle.ulps(Double.NaN, truth)).isInfinite();
    }
}
