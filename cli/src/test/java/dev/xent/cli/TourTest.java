package dev.xent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code xent tour}: every printed line of the tutorial (TUTORIAL.md, copied from the tutorial's
 * own output, not from xent) appears, in the tutorial's order, and the four charts are real PNGs.
 */
class TourTest {

    /** The tutorial's printed output, in order (TUTORIAL.md, examples 1 to 3 and the log-loss check). */
    static final List<String> TUTORIAL_LINES = List.of(
            "P=1.000 Q=1.000",
            "H(P, Q): 3.288 bits",
            "H(Q, P): 2.906 bits",
            "H(P, P): 1.361 bits",
            "H(Q, Q): 0.884 bits",
            "H(P): 1.361 bits",
            "KL(P || Q): 1.927 bits",
            "9.805612959471341e-14",
            "9.805612959471341e-14",
            "9.805612959471341e-14",
            ">[y=1.0, yhat=0.8] ce: 0.223 nats",
            ">[y=1.0, yhat=0.9] ce: 0.105 nats",
            ">[y=1.0, yhat=0.9] ce: 0.105 nats",
            ">[y=1.0, yhat=0.6] ce: 0.511 nats",
            ">[y=1.0, yhat=0.8] ce: 0.223 nats",
            ">[y=0.0, yhat=0.1] ce: 0.105 nats",
            ">[y=0.0, yhat=0.4] ce: 0.511 nats",
            ">[y=0.0, yhat=0.2] ce: 0.223 nats",
            ">[y=0.0, yhat=0.1] ce: 0.105 nats",
            ">[y=0.0, yhat=0.3] ce: 0.357 nats",
            "Average Cross Entropy: 0.247 nats",
            "Average Log Loss: 0.247");

    @TempDir
    static Path dir;

    static Run tour;

    @BeforeAll
    static void runTheTour() {
        tour = Run.xent("tour", "--out", dir.resolve("charts").toString());
    }

    @Test
    void succeedsQuietly() {
        assertThat(tour.code()).as(tour.err()).isZero();
        assertThat(tour.err()).isEmpty();
    }

    @Test
    void printsEveryLineOfTheTutorialInOrder() {
        List<String> lines = tour.out().lines().toList();
        int from = 0;
        for (String expected : TUTORIAL_LINES) {
            int at = lines.subList(from, lines.size()).indexOf(expected);
            assertThat(at).as("line '%s' after line %d of:%n%s", expected, from, tour.out()).isNotNegative();
            from += at + 1;
        }
        assertThat(lines.stream().filter(l -> l.startsWith("H(P, Q): ")).toList())
                .as("H(P, Q) directly and as H(P) + KL(P || Q)").hasSize(2).allMatch(l -> l.startsWith("H(P, Q): 3.288 bits"));
    }

    @Test
    void showsTheExactValuesOfTheTutorialForEveryBackend() {
        String out = tour.out();
        assertThat(out).contains("commons", "kl", "naive", "vector");
        // TUTORIAL.md's exact doubles; the backends may differ in the last digit, so compare 15 digits
        assertThat(out).contains("3.287943094598", "2.905831690142", "1.360964047443", "0.884183719779",
                "1.926979047155", "2.021647970363", "0.246919890804464");
        // how CE grows, target [0, 1]: -ln p for p = 0.9 … 0.1 (TUTORIAL.md, to 5 digits), +∞ at p = 0
        assertThat(out).contains("0.10536", "0.22314", "0.35667", "0.51082", "0.69314", "0.91629",
                "1.20397", "1.60943", "2.30258", "Infinity", "34.539", "-1.1e-15");
        // one-hot labels: exactly 0 from every backend
        assertThat(out).containsPattern("class 1 \\[1, 0, 0\\] +0 +0 +0 +0\n");
        assertThat(out).contains("ok").doesNotContain("MISMATCH", "LARGER THAN");
        // the Gaussian closed forms (mpmath, 30 digits): 1/2 ln(2 pi e) = 1.41893853320467274178,
        // H(N(0,1), N(1,2^2)) = 1/2 ln(8 pi) + 1/4 = 1.86208571376461805120, KL = ln 2 - 1/4 = 0.44314718055994530942;
        // the residuals' MSE = 0.062 and MSE/2 + 1/2 ln(2 pi) = 0.94993853320467274178
        assertThat(out).contains("1.418938533204672", "1.862085713764618", "0.443147180559945",
                "0.949938533204672");
        assertThat(out).contains("0.247 nats: between fine (< 0.20) and not great (> 0.30): "
                + "the tutorial leaves this band unnamed.");
        // TUTORIAL.md: class 1's losses 0.223, 0.105, 0.105, 0.511, 0.223; mpmath: their mean 0.23356675154201255944,
        // class 0's (-ln of 0.9, 0.6, 0.8, 0.9, 0.7) 0.26027303006691708407
        assertThat(out).contains("  class 1: 0.234 nats over 5 examples", "  class 0: 0.260 nats over 5 examples");
    }

    @Test
    void theLossApiGivesTheSameMeanUnderEveryName() {
        // the tutorial's mean, 0.24691989080446483 (mpmath: 0.24691989080446482175), 15 digits for every
        // backend's last ulp, from the loss API in batch, through the accumulator, as log loss,
        // sparse categorical cross-entropy and NLL
        for (String name : List.of("batch .evaluate(y, yhat)", "accumulator, one by one", "log loss, by class name",
                "sparse categorical CE", "NLL of log-probabilities")) {
            assertThat(tour.out()).containsPattern("  " + java.util.regex.Pattern.quote(name)
                    + " +0\\.246919890804464\\d* +0\\.246919890804464\\d* +0\\.246919890804464\\d* +0\\.246919890804464\\d*\n");
        }
        assertThat(tour.out()).containsPattern("check commons +each example's loss vs its cross-entropy: \\S+ ulp; mean: \\S+ ulp ok");
    }

    @Test
    void writesFourChartsThatAreRealImages() throws IOException {
        for (String name : List.of("p.png", "q.png", "ce-vs-prediction.png", "ce-vs-prediction-with-extreme.png")) {
            Path file = dir.resolve("charts").resolve(name);
            assertThat(file).exists().isRegularFile();
            BufferedImage image = ImageIO.read(file.toFile());
            assertThat(image).as(name + " decodes as an image").isNotNull();
            assertThat(image.getWidth()).as(name).isBetween(400, 2000);
            assertThat(image.getHeight()).as(name).isBetween(300, 2000);
            Set<Integer> colours = new HashSet<>();
            long notWhite = 0;
            for (int y = 0; y < image.getHeight(); y += 2) {
                for (int x = 0; x < image.getWidth(); x += 2) {
                    int rgb = image.getRGB(x, y) & 0xFFFFFF;
                    colours.add(rgb);
                    if (rgb != 0xFFFFFF) {
                        notWhite++;
                    }
                }
            }
            long sampled = (long) ((image.getWidth() + 1) / 2) * ((image.getHeight() + 1) / 2);
            assertThat(colours.size()).as(name + ": distinct colours").isGreaterThan(10);
            assertThat((double) notWhite / sampled).as(name + ": share of drawn pixels").isGreaterThan(0.02);
        }
    }

    @Test
    void theChosenBackendPrintsTheTutorialsLines(@TempDir Path other) {
        Run r = Run.xent("tour", "--backend", "naive", "--out", other.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("The tutorial's own lines use 'naive'");
        List<String> missing = new ArrayList<>(TUTORIAL_LINES);
        missing.removeAll(r.out().lines().toList());
        assertThat(missing).isEmpty();
    }
}
