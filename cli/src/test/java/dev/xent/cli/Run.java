package dev.xent.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs {@code xent} in-process with captured streams. */
record Run(int code, String out, String err) {

    static Run xent(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Xent.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    /** Runs a command line through picocli only, never {@link QuickPath}: the reference for it. */
    static Run picocli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = Xent.commandLine(new PrintWriter(out), new PrintWriter(err), args);
        int code = cmd.execute(args);
        cmd.getOut().flush();
        cmd.getErr().flush();
        return new Run(code, out.toString(), err.toString());
    }

    /** Runs a command line that a test has extended (e.g. with a failing subcommand). */
    static Run with(Object subcommand, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = Xent.commandLine(new PrintWriter(out), new PrintWriter(err), args, subcommand);
        int code = cmd.execute(args);
        cmd.getOut().flush();
        cmd.getErr().flush();
        return new Run(code, out.toString(), err.toString());
    }
}
