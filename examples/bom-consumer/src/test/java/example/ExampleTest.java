package example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * README's example, run with only xent-api and xent-impl-commons on the class path (this project's
 * dependencies, resolved through xent-bom): it prints what README's comments say.
 */
class ExampleTest {

    @Test
    void readmesExamplePrintsWhatItsCommentsSay() {
        PrintStream saved = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            Example.main(new String[0]);
        } finally {
            System.setOut(saved);
        }
        // The nearest doubles of the true values, from mpmath at 50 digits on the stored inputs:
        // H(P,Q) = 3.28794309459890..., H(P) = 1.36096404744368118... (nearest double ...813), KL(P||Q) = 1.92697904715521...
        // (nearest double ...188), JS(P,Q) = 0.420200570376373... bits; a one-hot H is 0 exactly.
        List<String> expected = List.of("3.2879430945989", "1.3609640474436813", "1.9269790471552188",
                "0.42020057037637326", "0.0");
        assertEquals(expected, bytes.toString(StandardCharsets.UTF_8).lines().toList());
    }
}
