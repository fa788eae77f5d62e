package dev.xent.cli;

import java.util.Locale;

/**
 * How every message of the command shows text that came from the input — a field, a label, an
 * option's value, a file name — so that no message is ever huge, multi-line or able to drive the
 * terminal.
 *
 * <h2>Rules</h2>
 * <ul>
 *   <li>{@link #of(String)} puts the text in single quotes. Text longer than {@value #KEEP}
 *       characters (Unicode code points) is cut after the first {@value #KEEP}, followed by
 *       {@code …} and the total length: {@code 'aaaa…' (1000000 characters)}.</li>
 *   <li>Characters that a terminal would act on or that cannot be seen are escaped: NUL as
 *       {@code \0}, tab, line feed and carriage return as {@code \t}, {@code \n}, {@code \r}, every
 *       other control character (C0, DEL, C1), format character (such as the bidirectional
 *       overrides U+202A–U+202E and the byte-order mark U+FEFF), line or paragraph separator and
 *       lone surrogate (what is left of an invalid sequence) as {@code \}{@code uXXXX}
 *       ({@code \}{@code u001b} for ESC); a backslash is doubled and the quote escaped
 *       ({@code \\}, {@code \'}), so the escapes are unambiguous. Everything else — letters of any
 *       script, symbols, emoji — is shown as is.</li>
 *   <li>{@link #line(String)} is the backstop applied by the error handlers to every message
 *       before it is printed, whatever produced it (this package, the libraries, picocli): line
 *       breaks become spaces, control characters are escaped as above (backslashes and quotes are
 *       left alone: the message is not one quoted value), and the message is cut at
 *       {@value #MAX_LINE} characters. So even a library message that quotes a huge value prints
 *       as one bounded line.</li>
 * </ul>
 * Peers: Python's {@code repr} escapes the same way ({@code \x1b} where xent writes
 * {@code \}{@code u001b}, which Java and JSON readers also understand); compilers cut long source
 * lines in diagnostics likewise.
 */
final class Quote {

    /** How many characters of a quoted text are kept. */
    static final int KEEP = 40;

    /** The longest message line printed, in characters. */
    static final int MAX_LINE = 1000;

    private Quote() {
    }

    /**
     * The text quoted for a message: {@code 'text'}, escaped and shortened as the class says.
     *
     * @param text the text from the input
     * @return the quoted text
     */
    static String of(String text) {
        return shortened(text, true);
    }

    /**
     * The text escaped and shortened as {@link #of(String)} does, without the quotes: for names in
     * a list ({@code [label, ham, spam]}).
     *
     * @param text the text from the input
     * @return the text, escaped and shortened
     */
    static String bare(String text) {
        return shortened(text, false);
    }

    private static String shortened(String text, boolean quoted) {
        int total = text.codePointCount(0, text.length());
        StringBuilder b = new StringBuilder(Math.min(text.length(), KEEP) + 24);
        if (quoted) {
            b.append('\'');
        }
        int kept = 0;
        for (int i = 0; i < text.length() && kept < KEEP; kept++) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (quoted && (cp == '\\' || cp == '\'')) {
                b.append('\\').appendCodePoint(cp);
            } else {
                escape(b, cp);
            }
        }
        if (total > KEEP) {
            b.append('…');
        }
        if (quoted) {
            b.append('\'');
        }
        if (total > KEEP) {
            b.append(" (").append(total).append(" characters)");
        }
        return b.toString();
    }

    /**
     * Text that passed a grammar (a number), shown bare when it is short and plain, otherwise
     * quoted and shortened as {@link #of(String)} does.
     *
     * @param text the text
     * @return the text as is, or quoted
     */
    static String literal(String text) {
        if (text.length() <= KEEP && text.codePoints().noneMatch(cp -> needsEscape(cp) || cp == '\'' || cp == '\\')) {
            return text;
        }
        return of(text);
    }

    /**
     * A message made safe to print as one line: line breaks (with the spaces around them) become
     * one space, control and format characters are escaped, and the line is cut at
     * {@value #MAX_LINE} characters with a note of its full length.
     *
     * @param message any message
     * @return one printable line
     */
    static String line(String message) {
        String s = message.strip().replaceAll("\\s*\\R\\s*", " ");
        StringBuilder b = new StringBuilder(Math.min(s.length(), MAX_LINE) + 40);
        int total = s.codePointCount(0, s.length());
        int kept = 0;
        for (int i = 0; i < s.length() && kept < MAX_LINE; kept++) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            escape(b, cp);
        }
        if (total > MAX_LINE) {
            b.append(String.format(Locale.ROOT, "… (message cut at %d of %d characters)", MAX_LINE, total));
        }
        return b.toString();
    }

    /** Whether a code point is escaped: control, format, line/paragraph separator, lone surrogate. */
    static boolean needsEscape(int cp) {
        switch (Character.getType(cp)) {
            case Character.CONTROL:
            case Character.FORMAT:
            case Character.LINE_SEPARATOR:
            case Character.PARAGRAPH_SEPARATOR:
            case Character.SURROGATE:
                return true;
            default:
                return false;
        }
    }

    private static void escape(StringBuilder b, int cp) {
        if (!needsEscape(cp)) {
            b.appendCodePoint(cp);
            return;
        }
        switch (cp) {
            case 0 -> b.append("\\0");
            case '\t' -> b.append("\\t");
            case '\n' -> b.append("\\n");
            case '\r' -> b.append("\\r");
            default -> b.append(cp > 0xFFFF ? String.format(Locale.ROOT, "\\U%08x", cp)
                    : String.format(Locale.ROOT, "\\u%04x", cp));
        }
    }
}
