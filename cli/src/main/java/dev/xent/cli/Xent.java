package dev.xent.cli;

import dev.xent.BackendNotFoundException;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code xent} command: {@code tour} (the tutorial, live, with its charts), the measures
 * {@code entropy}, {@code cross-entropy}, {@code kl}, {@code js}, {@code perplexity} and
 * {@code info} on the user's data,
 * {@code loss} (the log loss of a CSV file of predictions) and {@code backends}.
 *
 * <h2>Exit codes and errors</h2>
 * 0 on success; {@value #EXIT_USAGE} for bad usage or bad input (an unknown option, a malformed
 * number, a file that cannot be read, a distribution that does not sum to 1, an unknown backend);
 * {@value #EXIT_INTERNAL} for an internal failure. An error is one line on standard error that
 * names the problem ({@code xent: p.txt:3: 1.5 is greater than 1 …}); the stack trace is printed
 * only with {@code --debug}. Every message line, whoever wrote it (this package, the libraries,
 * picocli), goes through {@link Quote#line(String)} before it is printed: one line, control
 * characters escaped, at most {@value Quote#MAX_LINE} characters — the backstop behind the quoting
 * of input values ({@link Quote#of(String)}) that every message of this package does. The codes are picocli's own
 * ({@code ExitCode.USAGE} = 2, {@code ExitCode.SOFTWARE} = 1) and agree with GNU {@code grep} and
 * {@code diff}, where 2 means "trouble"; git exits 128/129 instead, and BSD {@code sysexits.h} would
 * use 64 (usage) and 65 (data) — xent keeps the small, widely shared pair.
 *
 * <p>A new subcommand is one more class in the {@code SUBCOMMANDS} list and {@code newSubcommand}: it
 * mixes in {@code BackendOption}, prints with {@code Decimals} (api) and {@code Json}, and throws
 * {@code InputException} for bad input; the handlers here turn that into the exit codes above.
 */
@Command(name = "xent", mixinStandardHelpOptions = true, versionProvider = Xent.Version.class,
        description = "Surprisal, entropy, cross-entropy and KL divergence, exact and explained. "
                + "Start with 'xent tour'.",
        exitCodeListHeading = "Exit status:%n",
        exitCodeList = {"0:success", "2:bad usage or bad input (one line on stderr says what and where)",
            "1:internal failure (add --debug for the stack trace)"})
public final class Xent implements Runnable {

    /**
     * The subcommands' names in the order {@code xent --help} lists them. Only the one a command
     * line names is built (see {@link #commandLine(PrintWriter, PrintWriter, String[], Object...)}):
     * picocli builds a command's whole model by reflection, and building all ten was most of a
     * measure's start-up.
     */
    private static final List<String> SUBCOMMANDS = List.of("tour", "entropy", "cross-entropy", "kl", "js",
            "perplexity", "info", "loss", "backends", "help");

    /** A new subcommand object; a switch rather than a map of constructors, so that no other command's class is loaded. */
    private static Object newSubcommand(String name) {
        switch (name) {
            case "tour": return new TourCommand();
            case "entropy": return new EntropyCommand();
            case "cross-entropy": return new CrossEntropyCommand();
            case "kl": return new KlCommand();
            case "js": return new JsCommand();
            case "perplexity": return new PerplexityCommand();
            case "info": return new InfoCommand();
            case "loss": return new LossCommand();
            case "backends": return new BackendsCommand();
            case "help": return new CommandLine.HelpCommand();
            default: throw new IllegalArgumentException("no subcommand '" + name + "'");
        }
    }

    /** Exit code for bad usage or bad input. */
    public static final int EXIT_USAGE = 2;

    /** Exit code for an internal failure. */
    public static final int EXIT_INTERNAL = 1;

    @Spec
    CommandSpec spec;

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "on an error, print the stack trace too")
    boolean debug;

    /** Creates the command; picocli calls this. */
    public Xent() {
    }

    /** Without a subcommand there is nothing to do: a usage error that points to the commands. */
    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(),
                "no command given: try 'xent tour'");
    }

    /**
     * Runs the command with the JVM's streams and exits with its code.
     *
     * @param args the command-line arguments
     */
    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        Charset cs = Charset.defaultCharset();
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, cs), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, cs), true);
        int code = run(out, err, args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /**
     * Runs the command in-process, writing to the given streams — what {@link #main} does, without
     * exiting; for tests and embedding. A one-line measure that succeeds runs without picocli's
     * model ({@link QuickPath}, the same output); every other command line goes through picocli.
     *
     * @param out where results go
     * @param err where errors go
     * @param args the command-line arguments
     * @return the exit code: 0, {@value #EXIT_USAGE} or {@value #EXIT_INTERNAL}
     */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        Integer quick = QuickPath.run(out, args);
        if (quick != null) {
            return quick;
        }
        int code = commandLine(out, err, args).execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /**
     * The {@code xent} command line for {@code args}, configured: output streams, the one-line
     * error handlers and the exit codes. When {@code args} name a subcommand (its name first, or
     * after {@code --debug}), only that subcommand is built — the rest cannot take part in parsing
     * those arguments — otherwise (no command, {@code --help}, {@code help}, an unknown name) every
     * one is, so the listing and picocli's messages are the full command's. Extra subcommands
     * (tests use this) are added first, because picocli passes the streams and handlers only to
     * the subcommands that exist when they are set.
     *
     * @param out where results go
     * @param err where errors go
     * @param args the command-line arguments that will be executed
     * @param extraSubcommands more {@code @Command} objects to add
     * @return a picocli command line ready to {@code execute}
     */
    static CommandLine commandLine(PrintWriter out, PrintWriter err, String[] args, Object... extraSubcommands) {
        CommandLine cmd = new CommandLine(new Xent());
        String named = subcommandNamed(args);
        if (named != null) {
            cmd.addSubcommand(named, newSubcommand(named));
        } else {
            for (String name : SUBCOMMANDS) {
                cmd.addSubcommand(name, newSubcommand(name));
            }
        }
        for (Object sub : extraSubcommands) {
            cmd.addSubcommand(sub);
        }
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.setParameterExceptionHandler(usageErrors());
        cmd.setExecutionExceptionHandler(executionErrors());
        cmd.setExitCodeExceptionMapper(e -> EXIT_INTERNAL);
        return cmd;
    }

    /**
     * The subcommand that {@code args} run, when that is certain from the arguments alone: the
     * first argument that is not {@code --debug}, if it is a subcommand's name other than
     * {@code help} (which needs the others); else null.
     */
    static String subcommandNamed(String[] args) {
        for (String a : args) {
            if (!a.equals("--debug")) {
                return SUBCOMMANDS.contains(a) && !a.equals("help") ? a : null;
            }
        }
        return null;
    }

    /** A parse error: one line, with a pointer to the command's help. */
    private static IParameterExceptionHandler usageErrors() {
        return (ex, args) -> {
            CommandLine c = ex.getCommandLine();
            PrintWriter err = c.getErr();
            if (debugRequested(c.getParseResult(), args)) {
                ex.printStackTrace(err);
            }
            err.println(Quote.line("xent: " + ex.getMessage() + " (see '"
                    + c.getCommandSpec().qualifiedName() + " --help')"));
            err.flush();
            return EXIT_USAGE;
        };
    }

    /** An error while running: bad input gives {@value #EXIT_USAGE}, anything else {@value #EXIT_INTERNAL}. */
    private static IExecutionExceptionHandler executionErrors() {
        return (ex, c, parseResult) -> {
            PrintWriter err = c.getErr();
            boolean badInput = ex instanceof InputException || ex instanceof BackendNotFoundException
                    || ex instanceof IllegalArgumentException;
            if (debugRequested(parseResult, new String[0])) {
                ex.printStackTrace(err);
            }
            String message = ex.getMessage() == null ? ex.getClass().getName() : ex.getMessage();
            err.println(Quote.line("xent: " + (badInput ? "" : "internal error: "
                    + ex.getClass().getSimpleName() + ": ") + message));
            err.flush();
            return badInput ? EXIT_USAGE : EXIT_INTERNAL;
        };
    }

    private static boolean debugRequested(ParseResult result, String[] args) {
        for (ParseResult r = result; r != null; r = r.subcommand()) {
            if (r.hasMatchedOption("--debug")) {
                return true;
            }
        }
        for (String a : args) {
            if (a.equals("--debug")) {
                return true;
            }
        }
        return false;
    }

    /** The version: the jar's {@code Implementation-Version}, or "development build" in the IDE. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Xent.class.getPackage().getImplementationVersion();
            return new String[] {"xent " + (v == null ? "(development build)" : v)};
        }
    }
}
