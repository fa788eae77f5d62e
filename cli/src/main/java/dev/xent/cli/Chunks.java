package dev.xent.cli;

import dev.xent.loss.BinaryAccumulator;
import dev.xent.loss.LossAccumulator;
import dev.xent.loss.SparseAccumulator;
import java.util.function.Supplier;

/**
 * The accumulators of {@code xent loss}, one set per fixed-size chunk of the input, merged in
 * chunk order: what makes the result the same bit for bit however the file is read.
 *
 * <h2>The rule</h2>
 * A data row belongs to chunk ⌊o / C⌋, where o is the byte offset of its first byte in the input
 * and C the chunk size ({@link LossCommand#CHUNK_BYTES}, a constant: never the number of threads).
 * Each chunk's rows go into fresh accumulators; the total is a fresh set into which every chunk
 * that has rows is merged, in chunk order. A sequential reader (standard input, or a file read on
 * one core) applies the rule as it goes; parallel workers each fill one chunk's set and the main
 * thread merges the sets in order — the same additions in the same order, hence the same bits.
 * Floating-point addition is not associative, so a split that followed the thread count or the
 * scheduling would change the last bits from run to run.
 */
final class Chunks {

    /** One set of accumulators: one per backend, binary or sparse as the file's layout is. */
    static final class Accumulators {
        final BinaryAccumulator[] binary;
        final SparseAccumulator[] sparse;

        /** A set of one kind: {@code binary} or {@code sparse} is empty, the other has one per backend. */
        Accumulators(BinaryAccumulator[] binary, SparseAccumulator[] sparse) {
            this.binary = binary;
            this.sparse = sparse;
        }

        /** The rows added (every accumulator of the set has seen the same rows). */
        long count() {
            return binary.length > 0 ? binary[0].count() : sparse[0].count();
        }

        /** The accumulator of backend {@code i}. */
        LossAccumulator get(int i) {
            return binary.length > 0 ? binary[i] : sparse[i];
        }

        /** Adds everything {@code other} holds, accumulator by accumulator. */
        void merge(Accumulators other) {
            for (int i = 0; i < binary.length; i++) {
                binary[i].merge(other.binary[i]);
            }
            for (int i = 0; i < sparse.length; i++) {
                sparse[i].merge(other.sparse[i]);
            }
        }
    }

    private final long bytes;
    private final Supplier<Accumulators> fresh;
    private final Accumulators total;
    private Accumulators current;
    private long index = -1;

    /**
     * Chunks of {@code bytes} bytes.
     *
     * @param bytes the chunk size C
     * @param fresh makes an empty set of accumulators
     */
    Chunks(long bytes, Supplier<Accumulators> fresh) {
        this.bytes = bytes;
        this.fresh = fresh;
        this.total = fresh.get();
    }

    /** Empty chunks of the same size and accumulators, for a worker. */
    Chunks fork() {
        return new Chunks(bytes, fresh);
    }

    /** The accumulators of the row whose first byte is at {@code offset}; rows come in file order. */
    Accumulators at(long offset) {
        long k = offset / bytes;
        if (k != index) {
            flush();
            current = fresh.get();
            index = k;
        }
        return current;
    }

    /** The chunk being filled (null if no row has come yet). */
    Accumulators current() {
        return current;
    }

    /** Merges a chunk that a worker filled, after every earlier chunk. */
    void add(Accumulators chunk) {
        flush();
        if (chunk != null && chunk.count() > 0) {
            total.merge(chunk);
        }
    }

    /** The total, every chunk merged. */
    Accumulators finish() {
        flush();
        return total;
    }

    private void flush() {
        if (current != null && current.count() > 0) {
            total.merge(current);
        }
        current = null;
        index = -1;
    }
}
