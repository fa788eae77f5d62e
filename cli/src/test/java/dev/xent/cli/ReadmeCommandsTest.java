package dev.xent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * README's command-line examples are a test: every {@code $ ./xent …} line between the
 * {@code cli-examples-begin} and {@code cli-examples-end} markers of README.md is run in-process,
 * and its output (stdout, then stderr, then {@code [exit N]} when N is not 0) must be the lines
 * README shows under it — so the documentation cannot drift from the command.
 */
class ReadmeCommandsTest {

    private record Example(String command, List<String> expected) {
    }

    private static List<Example> examples() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("../README.md"), StandardCharsets.UTF_8);
        int begin = indexOf(lines, "<!-- cli-examples-begin");
        int end = indexOf(lines, "<!-- cli-examples-end");
        List<Example> examples = new ArrayList<>();
        for (String line : lines.subList(begin + 1, end)) {
            if (line.startsWith("$ ./xent")) {
                examples.add(new Example(line.substring("$ ./xent".length()).strip(), new ArrayList<>()));
            } else if (!line.startsWith("```") && !examples.isEmpty()) {
                examples.get(examples.size() - 1).expected().add(line);
            }
        }
        return examples;
    }

    private static int indexOf(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError("README.md has no line starting with " + prefix);
    }

    @Test
    void readmeShowsEveryCommandAndBothOutputs() throws IOException {
        List<String> commands = examples().stream().map(e -> e.command().split(" ")[0]).distinct().toList();
        assertThat(commands).contains("entropy", "cross-entropy", "kl", "info", "loss", "backends");
        assertThat(examples()).anyMatch(e -> e.command().contains("--json"))
                .anyMatch(e -> e.expected().contains("[exit 2]"));
    }

    @TestFactory
    List<DynamicTest> eachReadmeCommandPrintsWhatReadmeSays() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Example e : examples()) {
            tests.add(DynamicTest.dynamicTest("xent " + e.command(), () -> {
                // README's commands run at the repository root; the test runs in cli/, so a file
                // argument such as examples/tutorial.csv is read from ../ and shown as README names it
                String[] args = e.command().split(" +");
                List<String[]> renamed = new ArrayList<>();
                for (int i = 0; i < args.length; i++) {
                    if (!args[i].startsWith("-") && Files.isRegularFile(Path.of("..", args[i]))) {
                        renamed.add(new String[] {"../" + args[i], args[i]});
                        args[i] = "../" + args[i];
                    }
                }
                Run r = Run.xent(args);
                List<String> actual = new ArrayList<>();
                for (String line : (r.out() + r.err()).lines().toList()) {
                    for (String[] rename : renamed) {
                        line = line.replace(rename[0], rename[1]);
                    }
                    actual.add(line);
                }
                if (r.code() != 0) {
                    actual.add("[exit " + r.code() + "]");
                }
                assertThat(actual).as("output of 'xent %s' as README.md shows it", e.command())
                        .containsExactlyElementsOf(e.expected());
            }));
        }
        return tests;
    }
}
