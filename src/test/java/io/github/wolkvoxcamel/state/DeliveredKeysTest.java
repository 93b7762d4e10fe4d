package io.github.wolkvoxcamel.state;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeliveredKeysTest {

    @TempDir
    Path dir;

    @Test
    void aKeyIsDeliveredOnce() {
        DeliveredKeys keys = new DeliveredKeys(dir, 1000);
        assertTrue(keys.add("wolkvox-diagram_1|a"));
        assertFalse(keys.add("wolkvox-diagram_1|a"));
        assertTrue(keys.add("wolkvox-diagram_3|a"), "the same key in another report is another record");
    }

    @Test
    void onlyFlushedKeysSurviveARestart() {
        DeliveredKeys keys = new DeliveredKeys(dir, 1000);
        keys.add("wolkvox-diagram_1|delivered");
        keys.add("wolkvox-diagram_3|in-flight");
        keys.flush("wolkvox-diagram_1");
        DeliveredKeys reopened = new DeliveredKeys(dir, 1000);
        assertTrue(reopened.contains("wolkvox-diagram_1|delivered"));
        assertFalse(reopened.contains("wolkvox-diagram_3|in-flight"), "a key of an undelivered window is never durable");
    }

    @Test
    void memoryAndFileStayBounded() throws Exception {
        DeliveredKeys keys = new DeliveredKeys(dir, 1000);
        for (int i = 0; i < 5000; i++) {
            keys.add("r|" + i);
            if (i % 100 == 99) {
                keys.flush("r");
            }
        }
        assertEquals(1000, keys.size());
        assertFalse(keys.contains("r|0"), "the oldest keys go first");
        assertTrue(keys.contains("r|4999"));
        long lines = Files.readAllLines(dir.resolve(DeliveredKeys.FILE_NAME)).size();
        assertTrue(lines <= 2000, "compacted file has " + lines + " lines");
        DeliveredKeys reopened = new DeliveredKeys(dir, 1000);
        assertTrue(reopened.contains("r|4999") && !reopened.contains("r|0"));
        assertThrows(IllegalArgumentException.class, () -> new DeliveredKeys(dir, 10));
    }
}
