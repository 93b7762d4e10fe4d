package io.github.wolkvoxcamel.state;

/** An open-addressing set of {@link Fingerprint}s' 128-bit content hashes, 16 bytes each: many records in little heap. */
public final class FingerprintSet {

    private long[] highs;
    private long[] lows;
    private int size;

    /** @param expected values the set should hold without growing */
    public FingerprintSet(int expected) {
        int capacity = 64;
        while (capacity < expected * 2L && capacity < 1 << 30) {
            capacity <<= 1;
        }
        highs = new long[capacity];
        lows = new long[capacity];
    }

    /** @return false when it was there already */
    public boolean add(Fingerprint fingerprint) {
        return add(fingerprint.high(), fingerprint.low());
    }

    public boolean contains(Fingerprint fingerprint) {
        return contains(fingerprint.high(), fingerprint.low());
    }

    boolean add(long high, long low) {
        if ((size + 1) * 2 > highs.length) {
            grow();
        }
        // (0, 0) marks a free slot
        long h = high == 0 && low == 0 ? 1 : high;
        int mask = highs.length - 1;
        for (int i = slot(h, low, mask); ; i = (i + 1) & mask) {
            if (highs[i] == 0 && lows[i] == 0) {
                highs[i] = h;
                lows[i] = low;
                size++;
                return true;
            }
            if (highs[i] == h && lows[i] == low) {
                return false;
            }
        }
    }

    boolean contains(long high, long low) {
        long h = high == 0 && low == 0 ? 1 : high;
        int mask = highs.length - 1;
        for (int i = slot(h, low, mask); ; i = (i + 1) & mask) {
            if (highs[i] == 0 && lows[i] == 0) {
                return false;
            }
            if (highs[i] == h && lows[i] == low) {
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
        long[] oldHighs = highs;
        long[] oldLows = lows;
        highs = new long[oldHighs.length * 2];
        lows = new long[oldLows.length * 2];
        size = 0;
        for (int i = 0; i < oldHighs.length; i++) {
            if (oldHighs[i] != 0 || oldLows[i] != 0) {
                add(oldHighs[i], oldLows[i]);
            }
        }
    }
}
