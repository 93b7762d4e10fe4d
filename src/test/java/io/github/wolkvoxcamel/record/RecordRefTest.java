package io.github.wolkvoxcamel.record;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecordRefTest {

    @Test
    void aKeyGetsOneShortReferenceThatHoldsNoneOfIt() {
        String key = "5001|2026-11-21 11:54:29|6047890454";
        String ref = RecordRef.of(key);
        assertTrue(ref.matches("[0-9a-f]{12}"), ref);
        assertEquals(ref, RecordRef.of(key), "the same record, the same reference");
        assertNotEquals(ref, RecordRef.of("5001|2026-11-21 11:54:29|6047890455"));
        assertFalse(ref.contains("6047890454"));
        assertEquals("-", RecordRef.of(""));
        assertEquals("-", RecordRef.of(null));
    }
}
