package io.github.wolkvoxcamel.state;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FingerprintSetTest {

    /** The set holds what a HashSet of the same hashes holds, through growing, and answers the same. */
    @Test
    void holdsWhatAHashSetHolds() {
        FingerprintSet set = new FingerprintSet(10);
        Set<List<Long>> expected = new HashSet<>();
        Random random = new Random(7);
        for (int i = 0; i < 50_000; i++) {
            // halves of 0 included (the whole hash 0 stands for 1, a clash of 128-bit hashes left out here)
            long high = i % 10 == 0 ? 0 : random.nextLong();
            long low = i % 10 == 5 ? 0 : random.nextLong();
            assertEquals(expected.add(List.of(high, low)), set.add(high, low), high + "/" + low);
        }
        assertEquals(expected.size(), set.size());
        for (List<Long> hash : expected) {
            assertEquals(true, set.contains(hash.get(0), hash.get(1)), hash.toString());
        }
        for (int i = 0; i < 10_000; i++) {
            long high = random.nextLong();
            long low = random.nextLong();
            assertEquals(expected.contains(List.of(high, low)), set.contains(high, low));
        }
    }
}
