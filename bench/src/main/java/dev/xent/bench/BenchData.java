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
        Path file = Path.of(dir, name + "-" + n + ".f64");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size != 8L * n) {
                throw new IllegalStateException(String.format(Locale.ROOT,
                        "%s holds %d bytes, expected %d doubles (%d bytes)", file, size, n, 8L * n));
            }
            ByteBuffer bytes = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
            while (bytes.hasRemaining() && channel.read(bytes) >= 0) {
                // read until full
            }
            bytes.flip();
            double[] values = new double[n];
            bytes.asDoubleBuffer().get(values);
            return values;
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
