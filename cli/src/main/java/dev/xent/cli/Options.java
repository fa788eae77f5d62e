package dev.xent.cli;

import dev.xent.LogBase;
import dev.xent.loss.Clipping;

/**
 * The option values that are a name or a number — {@code --base} (bits, e, 10, any base) and
 * {@code --clip} (exact, keras, … or an epsilon): the names go to the library's parser, a number
 * must be of the command's one grammar ({@link NumberSyntax}), since the library's parsers use
 * {@code Double.parseDouble} and would take {@code 2d}, {@code 0x1p4} or {@code 1e-7f}.
 */
final class Options {

    private Options() {
    }

    /**
     * The log base named by {@code --base}.
     *
     * @param text the option's value
     * @return the base
     * @throws InputException if it is neither a unit's name nor a number > 0 other than 1
     */
    static LogBase logBase(String text) {
        if (isName(text)) {
            try {
                return LogBase.parse(text);
            } catch (IllegalArgumentException e) {
                throw unknownBase(text, e);
            }
        }
        double b;
        try {
            b = NumberSyntax.parse(text);
        } catch (NumberSyntax.NotANumber e) {
            throw unknownBase(text, e);
        }
        try {
            return LogBase.of(b);
        } catch (IllegalArgumentException e) {
            throw new InputException("--base: " + e.getMessage(), e);
        }
    }

    private static InputException unknownBase(String text, Exception cause) {
        return new InputException("--base: unknown unit or log base " + Quote.of(text)
                + ": use bits, nats, bans, 2, e, 10 or " + NumberSyntax.DESCRIPTION + " (> 0, not 1)", cause);
    }

    /**
     * The clipping policy named by {@code --clip}.
     *
     * @param text the option's value
     * @return the policy
     * @throws InputException if it is neither a policy's name nor an epsilon in [0, 0.5)
     */
    static Clipping clipping(String text) {
        if (isName(text)) {
            try {
                return Clipping.parse(text);
            } catch (IllegalArgumentException e) {
                throw unknownClip(text, e);
            }
        }
        double eps;
        try {
            eps = NumberSyntax.parse(text);
        } catch (NumberSyntax.NotANumber e) {
            throw unknownClip(text, e);
        }
        try {
            return Clipping.of(eps);
        } catch (IllegalArgumentException e) {
            throw new InputException("--clip: " + e.getMessage(), e);
        }
    }

    private static InputException unknownClip(String text, Exception cause) {
        return new InputException("--clip: unknown clipping policy " + Quote.of(text)
                + ": use exact, keras, sklearn, legacy or an epsilon, " + NumberSyntax.DESCRIPTION, cause);
    }

    /** Letters (and hyphens, as in scikit-learn) that are not one of the grammar's words (nan, inf). */
    private static boolean isName(String text) {
        return text.matches("[A-Za-z][A-Za-z-]*") && !NumberSyntax.isNumber(text);
    }
}
