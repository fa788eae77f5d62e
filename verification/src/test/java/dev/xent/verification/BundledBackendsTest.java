package dev.xent.verification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xent.Backends;
import dev.xent.InformationMeasures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * What only a run with every bundled backend installed can check: that they are all discovered
 * (so this never passes vacuously), that they agree with each other within the sum of their
 * declared bounds (the practical meaning of "interchangeable"), and the combined accuracy table
 * {@code verification/target/accuracy.md} that README's Accuracy section shows. (Each backend
 * module runs the whole kit against its own backend; see {@link InformationMeasuresVerification}.)
 */
class BundledBackendsTest {

    /** The combined table, where README says it is (the working directory is verification/). */
    static final Path COMBINED_TABLE = Path.of("target", "accuracy.md");

    @Test
    void discoversExactlyTheExpectedBackends() {
        assertThat(Backends.ids()).as("backends found by ServiceLoader").isEqualTo(Settings.expectedBackends());
    }

    @TestFactory
    Stream<DynamicTest> allBackendsAgreeWithinTheirDeclaredBounds() {
        List<InformationMeasures> all = Backends.all();
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            for (int j = i + 1; j < all.size(); j++) {
                InformationMeasures x = all.get(i);
                InformationMeasures y = all.get(j);
                tests.add(DynamicTest.dynamicTest("[" + x.id() + " vs " + y.id() + "] agree within bounds",
                        () -> Identities.backendsAgree(x, y)));
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> everyBundledBackendMeetsItsDeclaredAccuracyAgainstTheOracle() {
        return Backends.all().stream().map(b -> DynamicTest.dynamicTest(
                "[" + b.id() + "] within its declared bounds of the oracle", () -> OracleCheck.measure(b)));
    }

    @Test
    void theAsymmetryWitnessIsOneLineWithTheSimplestPairFound() {
        String witness = Identities.asymmetry(Backends.byId("naive"));
        assertThat(witness).doesNotContain("\n").startsWith("[naive] asymmetric: P = (")
                .contains("H(P,Q) = ").contains("-Dxent.verification.seed=");
        // the simplest witness has two events: among 200 random pairs of 2 to 4 events, many are
        String p = witness.substring(witness.indexOf("P = ("), witness.indexOf(")/"));
        assertThat(p.split(",")).hasSize(2);
    }

    @AfterAll
    static void writeTheCombinedTable() throws IOException {
        List<String> ids = Backends.all().stream().map(InformationMeasures::id).collect(Collectors.toList());
        Files.createDirectories(COMBINED_TABLE.getParent());
        Files.writeString(COMBINED_TABLE, OracleCheck.table(ids), StandardCharsets.UTF_8);
    }
}
