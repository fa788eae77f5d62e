package dev.xent.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The picocli converter of every option that names a file or a directory ({@code --p-file},
 * {@code --q-file}, {@code --out}): a name the system cannot take (one with a NUL character) is
 * said in words, not with picocli's default message, which names the JDK's exception class.
 */
final class FileName implements ITypeConverter<Path> {

    /** Creates the converter; picocli calls this. */
    FileName() {
    }

    @Override
    public Path convert(String value) {
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new TypeConversionException(Quote.of(value) + " is not a file name on this system");
        }
    }
}
