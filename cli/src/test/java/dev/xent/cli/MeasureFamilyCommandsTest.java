package dev.xent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@code xent js}, {@code xent perplexity} and {@code --per-event}, against values computed
 * independently with mpmath (50 digits, from the exact doubles) for the tutorial's P = (0.1, 0.4,
 * 0.5), Q = (0.8, 0.15, 0.05): JS = 0.29126084062606400482 nats = 0.42020057037637326 bits (rounded),
 * √JS in bits 0.6482287947757128 (scipy 1.17's {@code jensenshannon(p, q, base=2)} prints the same),
 * KL terms in bits −0.30000000000000004, 0.5660149997115376, 1.660964047443681.
 */
class MeasureFamilyCommandsTest {

    @Test
    void jsOfTheTutorialsPairInBitsAndAsADistance() {
        Run r = Run.xent("js", "--p", "0.1,0.4,0.5", "--q", "0.8,0.15,0.05", "--base", "2", "--json");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("\"measure\": \"jensen_shannon_divergence\"", "\"value\": 0.42020057037637326");
        Run d = Run.xent("js", "--p", "0.1,0.4,0.5", "--q", "0.8,0.15,0.05", "--distance", "--backend", "all");
        assertThat(d.out().lines()).hasSize(4).allMatch(l -> l.startsWith("sqrt JS(P, Q) = 0.6482287947757128 sqrt(bits)"));
        Run same = Run.xent("js", "--p", "0.3,0.7", "--q", "0.3,0.7");
        assertThat(same.out()).startsWith("JS(P, Q) = 0 bits");
        Run disjoint = Run.xent("js", "--p", "1,0", "--q", "0,1", "--unit", "bits");
        assertThat(disjoint.out()).startsWith("JS(P, Q) = 1 bits");
    }

    @Test
    void perplexityOfAUniformDistributionIsTheNumberOfEventsInEveryBackend() {
        Run r = Run.xent("perplexity", "--p", "0.25,0.25,0.25,0.25", "--backend", "all", "--json");
        assertThat(r.out().lines()).hasSize(4).allMatch(l -> l.contains("\"value\": 4,"));
        Run bad = Run.xent("perplexity", "--p", "0.5,0.5", "--unit", "nats");
        assertThat(bad.code()).isEqualTo(Xent.EXIT_USAGE);
        assertThat(bad.err()).contains("the same number in every base");
    }

    @Test
    void perEventTermsAreListedLargestFirstWithLabelsAndInEventOrderInJson() {
        Run r = Run.xent("kl", "--p", "0.1,0.4,0.5", "--q", "0.8,0.15,0.05", "--per-event", "--labels", "red,green,blue");
        assertThat(r.out().lines().toList()).hasSize(5);
        assertThat(r.out().lines().skip(2).map(l -> l.strip().split(" +")[0]).toList())
                .containsExactly("blue", "green", "red");
        Run json = Run.xent("kl", "--p", "0.1,0.4,0.5", "--q", "0.8,0.15,0.05", "--per-event", "--json");
        assertThat(json.out()).contains("\"terms\": [-0.3", ", 0.5660149997115376, 1.66096404744368", "\"labels\": [\"0\", \"1\", \"2\"]");
        Run h = Run.xent("entropy", "--p", "1,0", "--per-event", "--json");
        assertThat(h.out()).contains("\"value\": 0,", "\"terms\": [0, 0]");
        Run inf = Run.xent("cross-entropy", "--p", "0.5,0.5", "--q", "1,0", "--per-event", "--json");
        assertThat(inf.out()).contains("\"terms\": [0, \"Infinity\"]");   // −½ log 1 = 0; −½ log 0 = +∞
    }

    @Test
    void badLabelsAndPerEventOnJsAreUsageErrors() {
        Run labels = Run.xent("entropy", "--p", "0.5,0.5", "--labels", "a");
        assertThat(labels.code()).isEqualTo(Xent.EXIT_USAGE);
        assertThat(labels.err()).contains("--labels: 1 labels given for 2 events");
        Run js = Run.xent("js", "--p", "0.5,0.5", "--q", "0.5,0.5", "--per-event");
        assertThat(js.code()).isEqualTo(Xent.EXIT_USAGE);
        assertThat(js.err()).contains("--per-event does not apply to js");
    }
}
