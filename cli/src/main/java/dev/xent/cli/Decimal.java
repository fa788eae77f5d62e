package dev.xent.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The picocli converter of every numeric option that is a plain number
 * ({@code --label-smoothing}, {@code --row-tolerance}): the command's one number grammar
 * ({@link NumberSyntax}) instead of picocli's default {@code Double.valueOf}, which would accept
 * {@code 0x1p-3}, {@code 2d} and surrounding spaces.
 */
final class Decimal implements ITypeConverter<Double> {

    /** Creates the converter; picocli calls this. */
    Decimal() {
    }

    @Override
    public Double convert(String value) {
        try {
            return NumberSyntax.parse(value);
        } catch (NumberSyntax.NotANumber e) {
            throw new TypeConversionException(notANumber(value));
        }
    }

    /** The message for option text that is not a number: {@code '0x1p-3' is not a decimal number …}. */
    static String notANumber(String value) {
        return Quote.of(value) + " is not " + NumberSyntax.DESCRIPTION
                + " (no hexadecimal, no suffix such as d or f, no spaces)";
    }
}
