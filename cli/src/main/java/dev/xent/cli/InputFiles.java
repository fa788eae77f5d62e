package dev.xent.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Opening the files the user names, with every problem said in words — {@code '' is not a file
 * name}, {@code does not exist}, {@code is a directory}, {@code permission denied},
 * {@code already exists and is not a directory} — and never a Java class name. Every file the
 * command reads or writes is opened here.
 */
final class InputFiles {

    private InputFiles() {
    }

    /**
     * Opens a file to read.
     *
     * @param name the name as the user gave it
     * @param what what the file is for messages about the name itself, e.g. {@code --p-file}
     * @return the open stream
     * @throws InputException naming the file and the problem
     */
    static InputStream open(String name, String what) {
        if (name.isEmpty()) {
            throw new InputException(what + ": '' is not a file name");
        }
        Path path;
        try {
            path = Path.of(name);
        } catch (RuntimeException e) {
            throw new InputException(what + ": " + Quote.of(name) + " is not a file name on this system", e);
        }
        if (Files.isDirectory(path)) {
            throw new InputException(name + ": is a directory, not a file");
        }
        try {
            return Files.newInputStream(path);
        } catch (IOException e) {
            throw new InputException(name + ": " + problem(e), e);
        }
    }

    /**
     * Makes sure {@code dir} is a directory, creating it and its parents if needed.
     *
     * @param dir the directory as the user gave it
     * @param option the option that named it, e.g. {@code --out}
     * @throws InputException naming the option, the directory and the problem
     */
    static void directory(Path dir, String option) {
        if (dir.toString().isEmpty()) {
            throw new InputException(option + ": '' is not a directory name");
        }
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new InputException(option + " " + dir + ": already exists and is not a directory");
        }
        try {
            Files.createDirectories(dir);
        } catch (FileAlreadyExistsException e) {
            // a parent of the directory is a file (or the directory was replaced by one meanwhile)
            throw new InputException(option + " " + dir + ": " + e.getFile() + " already exists and is not a directory", e);
        } catch (IOException e) {
            throw new InputException(option + " " + dir + ": cannot create the directory: " + problem(e), e);
        }
    }

    /**
     * What went wrong, in words: {@code does not exist}, {@code permission denied},
     * {@code is a directory}, … — the operating system's reason where the JDK has one, never the
     * exception's class.
     *
     * @param e the failure
     * @return a short lower-case phrase
     */
    static String problem(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "does not exist";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NotDirectoryException) {
            return "a part of the path is not a directory";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "already exists";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return lowerFirst(fs.getReason());
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? "input/output error" : lowerFirst(m);
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() ? s : s.substring(0, 1).toLowerCase(Locale.ROOT) + s.substring(1);
    }
}
