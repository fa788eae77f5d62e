package dev.xent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The documentation's command-line examples are a test: every {@code $ ./xent …} line between an
 * {@code xent-examples-begin} and an {@code xent-examples-end} marker of README.md or of a page in
 * docs/ (or {@code $ XENT_VECTOR=0 ./xent …}, with the launcher's variables) is run as a reader
 * would type it — the repository's {@code ./xent} launcher, at the
 * repository root, as a separate process (Failsafe, after {@code package}), so with the JVM options
 * the launcher chooses (the Vector API) — and its output (stdout, then stderr, then
 * {@code [exit N]} when N is not 0) must be the lines the page shows under it; so the documentation
 * cannot drift from the command.
 */
class ReadmeCommandsIT {

    private static final String BEGIN = "<!-- xent-examples-begin";
    private static final String END = "<!-- xent-examples-end";

    /** A {@code $ ./xent …} line, or {@code $ NAME=VALUE ./xent …} with the launcher's variables. */
    private static final Pattern COMMAND = Pattern.compile("\\$ ((?:[A-Z_]+=[^ ]* )*)\\./xent(.*)");

    private record Example(String page, Map<String, String> env, String command, List<String> expected) {
    }

    /** README.md and every docs/*.md page, from the repository root (the test runs in cli/). */
    private static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>();
        pages.add(Path.of("..", "README.md"));
        try (Stream<Path> docs = Files.list(Path.of("..", "docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    private static List<Example> examples() throws IOException {
        List<Example> examples = new ArrayList<>();
        for (Path page : pages()) {
            String name = page.getFileName().toString();
            boolean inside = false;
            int blocks = 0;
            for (String line : Files.readAllLines(page, StandardCharsets.UTF_8)) {
                if (line.startsWith(BEGIN)) {
                    assertThat(inside).as("%s: a begin marker inside an example block", name).isFalse();
                    inside = true;
                    blocks++;
                } else if (line.startsWith(END)) {
                    inside = false;
                } else if (inside && COMMAND.matcher(line).matches()) {
                    Matcher m = COMMAND.matcher(line);
                    m.matches();
                    Map<String, String> env = new LinkedHashMap<>();
                    for (String assignment : m.group(1).strip().split(" ")) {
                        if (!assignment.isEmpty()) {
                            env.put(assignment.substring(0, assignment.indexOf('=')),
                                    assignment.substring(assignment.indexOf('=') + 1));
                        }
                    }
                    examples.add(new Example(name, env, m.group(2).strip(), new ArrayList<>()));
                } else if (inside && !line.startsWith("```") && !examples.isEmpty()) {
                    examples.get(examples.size() - 1).expected().add(line);
                }
            }
            assertThat(inside).as("%s: an example block is not closed", name).isFalse();
            if (name.equals("README.md") || name.equals("cli.md")) {
                assertThat(blocks).as("%s has example blocks", name).isPositive();
            }
        }
        return examples;
    }

    @Test
    void theManualShowsEveryCommandAndBothOutputs() throws IOException {
        List<Example> manual = examples().stream().filter(e -> e.page().equals("cli.md")).toList();
        List<String> commands = manual.stream().map(e -> e.command().split(" ")[0]).distinct().toList();
        assertThat(commands).contains("entropy", "cross-entropy", "kl", "info", "loss", "backends");
        assertThat(manual).anyMatch(e -> e.command().contains("--json"))
                .anyMatch(e -> e.expected().contains("[exit 2]"));
    }

    @TestFactory
    List<DynamicTest> eachDocumentedCommandPrintsWhatTheDocumentationSays() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Example e : examples()) {
            String shown = (e.env().isEmpty() ? "" : e.env() + " ") + "xent " + e.command();
            tests.add(DynamicTest.dynamicTest(e.page() + ": " + shown, () -> {
                Launcher.Result r = Launcher.run(Launcher.root().resolve("xent"), Launcher.root(), e.env(),
                        e.command().split(" +"));
                List<String> actual = new ArrayList<>((r.out() + r.err()).lines().toList());
                if (r.code() != 0) {
                    actual.add("[exit " + r.code() + "]");
                }
                assertThat(actual).as("output of '%s' as %s shows it", shown, e.page())
                        .containsExactlyElementsOf(e.expected());
            }));
        }
        return tests;
    }
}
