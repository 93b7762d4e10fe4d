package io.github.wolkvoxcamel.state;

/** An open-addressing set of longs (hashes), 8 bytes each. */
final class LongSet {

    private long[] values = new long[64];
    private int size;

    void add(long value) {
        if ((size + 1) * 2 > values.length) {
            long[] old = values;
            values = new long[old.length * 2];
            size = 0;
            for (long v : old) {
                if (v != 0) {
                    add(v);
                }
            }
        }
        // 0 marks a free slot
        long v = value == 0 ? 1 : value;
        int mask = values.length - 1;
        for (int i = (int) mix(v) & mask; ; i = (i + 1) & mask) {
            if (values[i] == 0) {
                values[i] = v;
                size++;
                return;
            }
            if (values[i] == v) {
                return;
            }
        }
    }

    boolean contains(long value) {
        long v = value == 0 ? 1 : value;
        int mask = values.length - 1;
        for (int i = (int) mix(v) & mask; ; i = (i + 1) & mask) {
            if (values[i] == 0) {
                return false;
            }
            if (values[i] == v) {
                return true;
            }
        }
    }

    static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        return z ^ (z >>> 33);
    }
}
