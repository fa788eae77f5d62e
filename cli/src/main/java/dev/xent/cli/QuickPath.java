package dev.xent.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashSet;
import java.util.Set;

/**
 * The start-up path of the one-line measures: {@code xent entropy}, {@code cross-entropy},
 * {@code kl}, {@code js}, {@code perplexity} and {@code info} given their probabilities inline, run
 * without building picocli's command model.
 *
 * <p>Why: picocli builds a command's model by reflection over its annotations when the command
 * line is made, interpreted code at start-up, and that was most of a one-line measure's time after
 * {@code main} (docs/performance.md, "Start-up"). Every other command line — and every command
 * line here that does not succeed — still goes through picocli, so help, version, every message
 * and every exit code other than success stay picocli's and {@link Xent}'s own.
 *
 * <p><b>What it takes.</b> The measure's name first, then only these, each at most once, in any
 * order: {@code --p}, {@code --base}, {@code --unit} and {@code --backend}, each with a value, and
 * the flags {@code --json} and {@code --normalize}; for the measures of a pair ({@code cross-entropy},
 * {@code kl}, {@code js}) {@code --q} with a value; for those and {@code entropy}, {@code --labels}
 * with a value and the flag {@code --per-event}; for {@code js} the flag {@code --distance}. A value follows its option as
 * the next argument or after {@code =} ({@code --base=e}); it is not empty and does not start with
 * {@code -}. No argument may start with {@code @} (picocli reads those as argument files). P (and
 * Q) must be given, and not both {@code --base} and {@code --unit}. Anything else, {@code --debug}
 * and the file options among it, is left to picocli.
 *
 * <p><b>What it does.</b> The same as picocli's parse would: it sets the command's option fields
 * and mixins to the values picocli would inject (the mixins' defaults otherwise), then calls the
 * command's own {@link MeasureCommand#run(PrintWriter)} into a buffer. If that succeeds the buffer
 * is printed and the exit code is 0; if it throws, nothing is printed and the command line goes
 * to picocli, which runs it again and reports the error as it always does. So the output of a
 * command line is the same through either path, byte for byte ({@code QuickPathTest} checks it
 * against picocli's path on generated command lines).
 */
final class QuickPath {

    /** The options that take a value. */
    private static final Set<String> WITH_VALUE = Set.of("--p", "--q", "--base", "--unit", "--backend", "--labels");

    private QuickPath() {
    }

    /**
     * Runs {@code args} if they are a one-line measure in the form above and it succeeds.
     *
     * @param out where the results go
     * @param args the command-line arguments
     * @return 0 when the results were printed; null when picocli must run the command line
     */
    static Integer run(PrintWriter out, String[] args) {
        MeasureCommand command = parse(args);
        if (command == null) {
            return null;
        }
        StringWriter buffer = new StringWriter();
        try {
            command.run(new PrintWriter(buffer));
        } catch (RuntimeException e) {
            // bad input (or a fault): picocli's path runs it again and reports it in its own words
            return null;
        }
        out.print(buffer);
        out.flush();
        return 0;
    }

    /**
     * The command that {@code args} run, its fields set as picocli would set them, if they are in
     * the form this path takes.
     *
     * @param args the command-line arguments
     * @return the command, or null if picocli must parse them
     */
    static MeasureCommand parse(String[] args) {
        if (args.length == 0) {
            return null;
        }
        for (String a : args) {
            if (a.startsWith("@")) {
                return null;
            }
        }
        MeasureCommand command;
        PerEventOption perEvent = null;
        TwoDistributionCommand pair = null;
        JsCommand js = null;
        switch (args[0]) {
            case "entropy" -> {
                EntropyCommand entropy = new EntropyCommand();
                entropy.perEvent = perEvent = new PerEventOption();
                command = entropy;
            }
            case "cross-entropy" -> command = pair = new CrossEntropyCommand();
            case "kl" -> command = pair = new KlCommand();
            case "js" -> command = pair = js = new JsCommand();
            case "perplexity" -> command = new PerplexityCommand();
            case "info" -> command = new InfoCommand();
            default -> {
                return null;
            }
        }
        if (pair != null) {
            pair.perEvent = perEvent = new PerEventOption();
        }
        command.backend = new BackendOption();
        command.limits = InputLimits.defaults();
        Set<String> seen = new HashSet<>();
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            int eq = a.indexOf('=');
            String name = eq < 0 ? a : a.substring(0, eq);
            if (!seen.add(name)) {
                return null;
            }
            String value = null;
            if (WITH_VALUE.contains(name)) {
                value = eq >= 0 ? a.substring(eq + 1) : i + 1 < args.length ? args[++i] : null;
                if (value == null || value.isEmpty() || value.startsWith("-")) {
                    return null;
                }
            } else if (eq >= 0) {
                return null;
            }
            switch (name) {
                case "--p" -> command.pList = value;
                case "--base" -> command.base = value;
                case "--unit" -> command.unit = value;
                case "--backend" -> command.backend.id = value;
                case "--json" -> command.json = true;
                case "--normalize" -> command.normalize = true;
                case "--q" -> {
                    if (pair == null) {
                        return null;
                    }
                    pair.qList = value;
                }
                case "--labels", "--per-event" -> {
                    if (perEvent == null) {
                        return null;
                    }
                    if (value != null) {
                        perEvent.labels = value;
                    } else {
                        perEvent.on = true;
                    }
                }
                case "--distance" -> {
                    if (js == null) {
                        return null;
                    }
                    js.distance = true;
                }
                default -> {
                    return null;
                }
            }
        }
        if (command.pList == null || (pair != null && pair.qList == null)
                || (command.base != null && command.unit != null)) {
            return null;
        }
        return command;
    }
}
