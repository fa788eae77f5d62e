package dev.xent.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Decimals#exact(double)} against an independent implementation of the shortest decimal:
 * {@code Double.toString} of JDK 25 (Temurin 25, on every machine of this project), whose Schubfach
 * algorithm (Raffaello Giulietti, JDK 19+) shares no code with xent's BigDecimal search. The
 * reference runs as a separate process, {@code java ShortestReference.java} (a source-file program
 * in the test resources), once for all the doubles.
 *
 * <p>Where they may differ, on purpose: Java never prints fewer than two digits, so where one digit
 * round-trips Java may print a closer two-digit decimal ({@code 4.9E-324}) and xent, like Python's
 * {@code repr}, the one digit ({@code 5e-324}). Then xent's answer must have one digit and read
 * back, and Java's two.
 *
 * <p>The doubles, from a fixed seed: random bit patterns (every exponent), magnitudes from 1e14 to
 * 1e23 (where ties between two shortest candidates are common), powers of two with their
 * neighbours (where the rounding interval is lopsided), subnormals, and short decimals. The default
 * build checks {@value #DEFAULT_COUNT} doubles (a few seconds); {@code -Dxent.shortest.count=N}
 * checks N, e.g. {@code ./mvnw -B -o verify -pl cli -am -Dtest=DecimalsProperties
 * -Dsurefire.failIfNoSpecifiedTests=false -Dxent.shortest.count=5000000} (10<sup>6</sup> take 19 s on two cores shared with four other builds).
 */
class DecimalsProperties {

    static final int DEFAULT_COUNT = 300_000;

    /** The reference JDK: Temurin 25, or {@code -Dxent.reference.jdk=DIR} for another JDK 19+. */
    private static final Path REFERENCE_JDK = Path.of(System.getProperty("xent.reference.jdk",
            "/usr/lib/jvm/temurin-25-jdk-amd64"));

    private static final Pattern LAYOUT = Pattern.compile(
            "-?(\\d+(\\.\\d+)?|\\d(\\.\\d+)?e[+-]\\d{2,3})");

    @TempDir
    Path dir;

    /** The doubles to check: finite, non-zero, well spread. */
    static List<Double> doubles(int count) {
        SplittableRandom random = new SplittableRandom(20261202L);
        List<Double> xs = new ArrayList<>(count + 7000);
        for (int e = -1074; e <= 1023; e++) {
            double p = Math.scalb(1.0, e);
            xs.add(p);
            xs.add(Math.nextUp(p));
            if (e > -1074) {
                xs.add(Math.nextDown(p));
            }
        }
        xs.add(Double.MAX_VALUE);
        xs.add(Double.MIN_NORMAL);
        for (String s : new String[] {"0.1", "0.2", "0.3", "1e23", "9.95", "5e-324", "1e-323", "2.5e-323",
            "9007199254740993", "924503322179080.2", "0.30000000000000004", "1e22", "123456789012345680"}) {
            xs.add(Double.parseDouble(s));
        }
        while (xs.size() < count) {
            double x;
            switch (xs.size() % 5) {
                case 0, 1 -> x = Double.longBitsToDouble(random.nextLong());
                case 2 -> x = Math.pow(10, 14 + 9 * random.nextDouble());
                case 3 -> x = Double.longBitsToDouble(random.nextLong() & 0x000F_FFFF_FFFF_FFFFL);
                default -> x = Double.parseDouble(random.nextInt(1, 100_000) + "e" + random.nextInt(-330, 310));
            }
            if (Double.isFinite(x) && x != 0.0) {
                xs.add(random.nextBoolean() ? x : -x);
            }
        }
        return xs;
    }

    /** Starts the reference on {@code xs}; it writes its answers to a file while xent computes. */
    private Process startReference(List<Double> xs, Path output) throws IOException, URISyntaxException {
        Path java = REFERENCE_JDK.resolve("bin").resolve("java");
        assertThat(Files.isExecutable(java))
                .as("the reference JDK %s (Temurin 25 is installed on every machine of this project; "
                        + "point -Dxent.reference.jdk=DIR at another JDK 19+)", REFERENCE_JDK)
                .isTrue();
        Path program = Path.of(DecimalsProperties.class.getResource("ShortestReference.java").toURI());
        Path input = dir.resolve("bits.txt");
        StringBuilder b = new StringBuilder(xs.size() * 17);
        for (double x : xs) {
            b.append(Long.toHexString(Double.doubleToRawLongBits(x))).append('\n');
        }
        Files.writeString(input, b, StandardCharsets.US_ASCII);
        return new ProcessBuilder(java.toString(), program.toString()).redirectInput(input.toFile())
                .redirectOutput(output.toFile()).redirectError(dir.resolve("err.txt").toFile()).start();
    }

    private List<String> answers(Process p, Path output, int expected) throws IOException, InterruptedException {
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).as("the reference finished").isTrue();
        assertThat(p.exitValue()).as(Files.readString(dir.resolve("err.txt"))).isZero();
        List<String> lines = Files.readAllLines(output, StandardCharsets.US_ASCII);
        assertThat(lines).hasSize(expected);
        return lines;
    }

    private static int digits(BigDecimal d) {
        return d.stripTrailingZeros().precision();
    }

    @Test
    void exactIsTheShortestClosestDecimalAsSchubfachFindsIt() throws Exception {
        int count = Integer.getInteger("xent.shortest.count", DEFAULT_COUNT);
        List<Double> xs = doubles(count);
        Path output = dir.resolve("reference.txt");
        Process p = startReference(xs, output);
        List<String> ours = new ArrayList<>(xs.size());
        for (double x : xs) {
            ours.add(Decimals.shortest(x));
        }
        List<String> ref = answers(p, output, xs.size());
        List<String> failures = new ArrayList<>();
        int oneDigit = 0;
        for (int i = 0; i < xs.size() && failures.size() < 20; i++) {
            double x = xs.get(i);
            String mine = ours.get(i);
            BigDecimal o = new BigDecimal(mine);
            BigDecimal r = new BigDecimal(ref.get(i));
            boolean readsBack = Double.parseDouble(mine) == x;
            boolean laidOut = LAYOUT.matcher(mine).matches()
                    && (Math.abs(x) >= 1e-3 && Math.abs(x) < 1e7) == !mine.contains("e");
            boolean same = o.compareTo(r) == 0
                    || (digits(o) == 1 && digits(r) == 2 && readsBack);
            oneDigit += digits(o) == 1 && o.compareTo(r) != 0 ? 1 : 0;
            if (!(readsBack && laidOut && same)) {
                failures.add(Long.toHexString(Double.doubleToRawLongBits(x)) + ": xent " + mine
                        + ", JDK 25 " + ref.get(i) + (readsBack ? "" : " (xent's does not read back)")
                        + (laidOut ? "" : " (layout)"));
            }
        }
        assertThat(failures).as("of %d doubles (%d where Java prints two digits and xent one)", xs.size(), oneDigit)
                .isEmpty();
    }
}
