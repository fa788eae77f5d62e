package dev.xent.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The inputs of the benchmarks: two probability vectors P and Q of n entries.
 *
 * <p>If the environment variable {@value #ENV} names a directory (as {@code bench/compare} does),
 * they are read from {@code p-N.f64} and {@code q-N.f64} there: n little-endian IEEE-754 doubles
 * each, exactly what numpy's {@code ndarray.tofile} writes, so that Java and the Python peers
 * compute on the very same numbers. Otherwise they are generated here from fixed seeds (uniform
 * entries in (0, 1], divided by their sum), which is enough for a standalone JMH run.
 */
public final class BenchData {

    /** The environment variable naming the data directory: {@value}. */
    public static final String ENV = "XENT_BENCH_DATA";

    private BenchData() {
    }

    /**
     * P or Q of n entries, from {@value #ENV} if set, otherwise generated.
     *
     * @param name {@code "p"} or {@code "q"}
     * @param n the number of entries
     * @return a new array of n probabilities
     * @throws UncheckedIOException if the file cannot be read
     * @throws IllegalStateException if the file does not hold exactly n doubles
     */
    public static double[] load(String name, int n) {
        String dir = System.getenv(ENV);
        if (dir == null || dir.isBlank()) {
            return generate(name.equals("p") ? 1L : 2L, n);
        }
        return doubles(name + "-" + n + ".f64", n);
    }

    /**
     * n little-endian doubles from a file of the data directory {@value #ENV}.
     *
     * @param fileName the file's name in the directory
     * @param n the number of doubles it must hold
     * @return a new array
     * @throws UncheckedIOException if the file cannot be read
     * @throws IllegalStateException if the file does not hold exactly n doubles
     */
    static double[] doubles(String fileName, int n) {
        double[] values = new double[n];
        read(fileName, 8L * n).asDoubleBuffer().get(values);
        return values;
    }

    /**
     * A file of the data directory {@value #ENV}, mapped, little-endian (what numpy's
     * {@code tofile} writes on this machine), after checking its size.
     *
     * @param fileName the file's name in the directory
     * @param bytes the size it must have
     * @return the file's bytes, positioned at 0
     * @throws UncheckedIOException if the file cannot be read
     * @throws IllegalStateException if the file does not hold exactly {@code bytes} bytes
     */
    static ByteBuffer read(String fileName, long bytes) {
        Path file = Path.of(System.getenv(ENV), fileName);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            if (channel.size() != bytes) {
                throw new IllegalStateException(String.format(Locale.ROOT,
                        "%s holds %d bytes, expected %d", file, channel.size(), bytes));
            }
            return channel.map(FileChannel.MapMode.READ_ONLY, 0, bytes).order(ByteOrder.LITTLE_ENDIAN);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " (set by " + ENV + ")", e);
        }
    }

    /**
     * Whether the data come from files ({@value #ENV} set and the directory exists).
     *
     * @return true if {@link #load} reads files
     */
    public static boolean fromFiles() {
        String dir = System.getenv(ENV);
        return dir != null && !dir.isBlank() && Files.isDirectory(Path.of(dir));
    }

    private static double[] generate(long seed, int n) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = new double[n];
        double sum = 0.0;
        for (int i = 0; i < n; i++) {
            values[i] = 1.0 - random.nextDouble();
            sum += values[i];
        }
        for (int i = 0; i < n; i++) {
            values[i] /= sum;
        }
        return values;
    }
}
