package dev.xent.cli;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * The caps on one record of input, mixed into every command that reads a file: no field and no
 * record is ever held in memory beyond them, whatever the file holds (one 200 MB line, a stream of
 * random bytes), and going past one is bad input at its {@code FILE:LINE:COLUMN}, exit 2.
 *
 * <h2>The defaults and why</h2>
 * <ul>
 *   <li>{@code --max-field-bytes}, default {@value #DEFAULT_FIELD_BYTES} (1 MiB): a number is at most
 *       a few dozen bytes and a class name a few hundred; Python's {@code csv} module stops at 128
 *       KiB per field ({@code csv.field_size_limit()}), so a megabyte is generous and still small
 *       enough to reject a runaway quote (an unclosed {@code "} swallows the rest of the file) early.</li>
 *   <li>{@code --max-record-bytes}, default {@value #DEFAULT_RECORD_BYTES} (16 MiB): every byte of
 *       one record, separators and quotes included. 16 MiB is ten times a row of 65,536 probabilities
 *       written with all 17 digits (1.3 MB), and keeps the reader's buffer well inside a small JVM heap.</li>
 *   <li>{@code --max-fields}, default {@value #DEFAULT_FIELDS} (64 Ki): fields per record. Each field
 *       costs the reader 20 bytes of bookkeeping besides its text, and each header field a class
 *       name (a {@code String}, its UTF-8 bytes, a place in the loss's tables), so without this cap
 *       16 MiB of commas would cost 320 MB. 65,536 columns is four times Excel's 16,384; a
 *       prediction file over a larger vocabulary says so with {@code --max-fields}.</li>
 * </ul>
 * With the defaults the reader holds at most 16 MiB of text plus 1.3 MiB of bookkeeping, whatever
 * the input; the measured run under {@code java -Xmx64m} is in {@code PackagedJarIT}. A value is an
 * integer from 1 to {@value #MAX}, written in the command's number grammar ({@link NumberSyntax}:
 * {@code 67108864} or {@code 6.7108864e7}).
 */
final class InputLimits {

    /** Default cap on one field, in bytes: 1 MiB. */
    static final int DEFAULT_FIELD_BYTES = 1 << 20;

    /** Default cap on one record, in bytes: 16 MiB. */
    static final int DEFAULT_RECORD_BYTES = 1 << 24;

    /** Default cap on the fields of one record: 64 Ki. */
    static final int DEFAULT_FIELDS = 1 << 16;

    /** The largest cap: a Java array holds at most about 2<sup>31</sup> bytes. */
    static final int MAX = Integer.MAX_VALUE - 16;

    @Option(names = "--max-field-bytes", paramLabel = "N", converter = Cap.class,
            description = "the longest field read, in bytes (default: 1048576, 1 MiB)")
    int fieldBytes = DEFAULT_FIELD_BYTES;

    @Option(names = "--max-record-bytes", paramLabel = "N", converter = Cap.class,
            description = "the longest record (CSV row, or line of a probability file) read, in bytes, "
                    + "separators included (default: 16777216, 16 MiB)")
    int recordBytes = DEFAULT_RECORD_BYTES;

    @Option(names = "--max-fields", paramLabel = "N", converter = Cap.class,
            description = "the most fields in one record (default: 65536)")
    int fields = DEFAULT_FIELDS;

    /** The defaults, for code that reads without options (tests, embedding). */
    static InputLimits defaults() {
        return new InputLimits();
    }

    /** A limit as a message names it: {@code 1048576 bytes (--max-field-bytes)}. */
    static String describe(long value, String unit, String option) {
        return String.format(Locale.ROOT, "%d %s (%s)", value, unit, option);
    }

    /** Reads a cap: an integer from 1 to {@value #MAX} in the number grammar. */
    static final class Cap implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return wholeNumber(value, MAX, "a whole number of bytes");
        }
    }

    /**
     * An option's whole number from 1 to {@code max}, in the command's one number grammar
     * ({@link NumberSyntax}); picocli reports the exception's message with the option's name.
     *
     * @param value the option's text
     * @param max the largest value accepted
     * @param what what to give instead, for the message when {@code value} is not a number
     * @return the number
     * @throws TypeConversionException naming the value and the range
     */
    static int wholeNumber(String value, int max, String what) {
        double v;
        try {
            v = NumberSyntax.parse(value);
        } catch (NumberSyntax.NotANumber e) {
            throw new TypeConversionException(Quote.of(value) + " is not a number: give " + what);
        }
        if (!(v >= 1 && v <= max && v == Math.rint(v))) {
            throw new TypeConversionException(Quote.of(value) + " is not a whole number from 1 to " + max);
        }
        return (int) v;
    }
}
