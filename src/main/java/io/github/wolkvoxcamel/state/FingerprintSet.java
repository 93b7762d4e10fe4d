package io.github.wolkvoxcamel.state;

/**
 * An open-addressing set of {@link Fingerprint}s' 128-bit content hashes, 16 bytes each: many records in little heap.
 * A hash's two halves sit side by side in one array, so that a look-up in a set of megabytes reads one cache line,
 * not one in each of two arrays.
 */
public final class FingerprintSet {

    /** Slot i holds a hash's high half at 2i and its low half at 2i + 1; (0, 0) marks a free slot. */
    private long[] slots;
    private int size;

    /** @param expected values the set should hold without growing */
    public FingerprintSet(int expected) {
        int capacity = 64;
        while (capacity < expected * 2L && capacity < 1 << 29) {
            capacity <<= 1;
        }
        slots = new long[capacity * 2];
    }

    /** @return false when it was there already */
    public boolean add(Fingerprint fingerprint) {
        return add(fingerprint.high(), fingerprint.low());
    }

    public boolean contains(Fingerprint fingerprint) {
        return contains(fingerprint.high(), fingerprint.low());
    }

    boolean add(long high, long low) {
        if ((size + 1) * 4L > slots.length) {
            grow();
        }
        long h = high == 0 && low == 0 ? 1 : high;
        int mask = slots.length / 2 - 1;
        for (int i = slot(h, low, mask); ; i = (i + 1) & mask) {
            long slotHigh = slots[2 * i];
            long slotLow = slots[2 * i + 1];
            if (slotHigh == 0 && slotLow == 0) {
                slots[2 * i] = h;
                slots[2 * i + 1] = low;
                size++;
                return true;
            }
            if (slotHigh == h && slotLow == low) {
                return false;
            }
        }
    }

    boolean contains(long high, long low) {
        long h = high == 0 && low == 0 ? 1 : high;
        int mask = slots.length / 2 - 1;
        for (int i = slot(h, low, mask); ; i = (i + 1) & mask) {
            long slotHigh = slots[2 * i];
            long slotLow = slots[2 * i + 1];
            if (slotHigh == 0 && slotLow == 0) {
                return false;
            }
            if (slotHigh == h && slotLow == low) {
                return true;
            }
        }
    }

    public int size() {
        return size;
    }

    private static int slot(long high, long low, int mask) {
        // the values are hashes already; one mixing step spreads the bits a mask keeps
        return (int) LongSet.mix(high ^ low) & mask;
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        size = 0;
        for (int i = 0; i < old.length; i += 2) {
            if (old[i] != 0 || old[i + 1] != 0) {
                add(old[i], old[i + 1]);
            }
        }
    }
}
