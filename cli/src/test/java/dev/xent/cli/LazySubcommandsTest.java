package dev.xent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code xent} builds only the subcommand its arguments name, and nothing a user sees depends on
 * that: each command's help, errors and results are the same as with the whole command built.
 */
class LazySubcommandsTest {

    private static final List<String> COMMANDS = List.of("tour", "entropy", "cross-entropy", "kl", "js",
            "perplexity", "info", "loss", "backends", "help");

    private static PrintWriter sink() {
        return new PrintWriter(new StringWriter());
    }

    @Test
    void aCommandLineThatNamesASubcommandBuildsThatOneAlone() {
        for (String name : COMMANDS.subList(0, COMMANDS.size() - 1)) {
            CommandLine cmd = Xent.commandLine(sink(), sink(), new String[] {name, "--p", "1"});
            assertThat(cmd.getSubcommands().keySet()).as(name).containsExactly(name);
        }
        CommandLine debug = Xent.commandLine(sink(), sink(), new String[] {"--debug", "kl", "--p", "1"});
        assertThat(debug.getSubcommands().keySet()).containsExactly("kl");
    }

    @Test
    void helpNoCommandAnOptionFirstOrAnUnknownNameBuildEverySubcommandInTheListedOrder() {
        for (String[] args : List.of(new String[0], new String[] {"--help"}, new String[] {"help", "kl"},
                new String[] {"entropyy"}, new String[] {"--version", "kl"}, new String[] {"--p", "entropy"})) {
            CommandLine cmd = Xent.commandLine(sink(), sink(), args);
            assertThat(List.copyOf(cmd.getSubcommands().keySet())).as(String.join(" ", args))
                    .containsExactlyElementsOf(COMMANDS);
        }
    }

    /** The same arguments through the whole command (built as for an unknown name, then run). */
    private static Run whole(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = Xent.commandLine(new PrintWriter(out), new PrintWriter(err), new String[0]);
        int code = cmd.execute(args);
        cmd.getOut().flush();
        cmd.getErr().flush();
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void eachSubcommandPrintsTheSameHelpErrorsAndResultsAsInTheWholeCommand() {
        List<String[]> cases = List.of(
                new String[] {"entropy", "--p", "0.1,0.4,0.5"},
                new String[] {"entropy", "--p", "0.5,0.4"},
                new String[] {"kl", "--p", "0.1,0.4,0.5"},
                new String[] {"js", "--p", "0.5,0.5", "--q", "0.5,0.5", "--per-event"},
                new String[] {"loss", "--nope"},
                new String[] {"backends", "--json"},
                new String[] {"--debug", "perplexity", "--p", "1,0,0"});
        for (String[] args : cases) {
            Run lazy = Run.xent(args);
            Run full = whole(args);
            assertThat(lazy).as(String.join(" ", args)).isEqualTo(full);
        }
        for (String name : COMMANDS.subList(0, COMMANDS.size() - 1)) {
            Run lazy = Run.xent(name, "--help");
            assertThat(lazy.code()).isZero();
            assertThat(lazy.out()).as(name).startsWith("Usage: xent " + name).isEqualTo(whole(name, "--help").out());
        }
    }
}
