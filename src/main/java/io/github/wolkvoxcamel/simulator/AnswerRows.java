package io.github.wolkvoxcamel.simulator;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The rows of one answer, each written as its JSON object the moment it is made and kept as bytes: a full answer of
 * 60,000 rows is some 60 MB in a few large arrays instead of a million live maps and strings, which a real Wolkvox
 * holds on its own server, not in its client's heap (in the benchmark, the simulator shares the pipeline's JVM).
 */
final class AnswerRows {

    private static final int FIRST_CHUNK_BYTES = 8 * 1024;
    private static final int CHUNK_BYTES = 1024 * 1024;

    private final List<Poison> poisons;
    private final Set<String> rawFields;
    private final UnaryOperator<Row> drift;
    private final Chunks bytes = new Chunks();
    private final AnswerWriter writer = new AnswerWriter(bytes);
    // where each row's object ends, the comma before the next one not included
    private long[] ends = new long[64];
    private int size;

    /**
     * @param poisons spoil the rows of the events they apply to
     * @param rawFields fields holding JSON (a nested list or object), written as they are
     * @param drift what the api's answers have become since the catalog was written (the identity for most)
     */
    AnswerRows(List<Poison> poisons, Set<String> rawFields, UnaryOperator<Row> drift) {
        this.poisons = poisons;
        this.rawFields = rawFields;
        this.drift = drift;
    }

    void add(Row row) {
        try {
            if (size > 0) {
                bytes.write(',');
            }
            writer.row(drift.apply(row), poisons, rawFields);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (size == ends.length) {
            ends = Arrays.copyOf(ends, size * 2);
        }
        ends[size++] = bytes.size;
    }

    int size() {
        return size;
    }

    /** Writes the first {@code rows} rows, comma-separated, to {@code out}. */
    void writeTo(OutputStream out, int rows) throws IOException {
        if (rows > 0) {
            bytes.writeTo(out, ends[rows - 1]);
        }
    }

    /** An output stream into arrays of up to a megabyte each, so that no array is ever copied to grow. */
    private static final class Chunks extends OutputStream {

        private final List<byte[]> full = new ArrayList<>();
        private byte[] current = new byte[FIRST_CHUNK_BYTES];
        private int used;
        private long size;

        @Override
        public void write(int b) {
            if (used == current.length) {
                next();
            }
            current[used++] = (byte) b;
            size++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            while (len > 0) {
                if (used == current.length) {
                    next();
                }
                int n = Math.min(len, current.length - used);
                System.arraycopy(b, off, current, used, n);
                used += n;
                off += n;
                len -= n;
                size += n;
            }
        }

        private void next() {
            full.add(current);
            current = new byte[Math.min(current.length * 2, CHUNK_BYTES)];
            used = 0;
        }

        void writeTo(OutputStream out, long length) throws IOException {
            long left = length;
            for (byte[] chunk : full) {
                int n = (int) Math.min(left, chunk.length);
                out.write(chunk, 0, n);
                left -= n;
            }
            out.write(current, 0, (int) Math.min(left, used));
        }
    }
}
