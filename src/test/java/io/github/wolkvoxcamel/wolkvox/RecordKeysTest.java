package io.github.wolkvoxcamel.wolkvox;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecordKeysTest {

    @Test
    void aSingleIdFieldIsTheKey() {
        assertEquals("4071.4628.1.1768833185.30412",
                RecordKeys.parse("conn_id").keyOf(Map.of("conn_id", "4071.4628.1.1768833185.30412", "result", "ok"), Map.of()));
    }

    @Test
    void severalFieldsJoinInDeclaredOrder() {
        Map<String, Object> row = Map.of("skill_id", "5001", "date_inbound_call", "2026-01-19 10:02:11", "ani", "6045550142");
        assertEquals("5001|2026-01-19 10:02:11|6045550142",
                RecordKeys.parse(" skill_id, date_inbound_call ,ani").keyOf(row, Map.of()));
    }

    @Test
    void requestParametersKeyAggregateRows() {
        RecordKeys keys = RecordKeys.parse("@campaign_id,@date_ini,@date_end,machinecode");
        Map<String, String> params = Map.of("campaign_id", "all", "date_ini", "20260101000000", "date_end", "20260101235959");
        assertEquals("all|20260101000000|20260101235959|no answer",
                keys.keyOf(Map.of("machinecode", "no answer", "cantidad", "12"), params));
    }

    @Test
    void aMissingKeyFieldIsAnErrorNotAnEmptyKey() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> RecordKeys.parse("conn_id").keyOf(Map.of("result", "ok"), Map.of()));
        assertTrue(error.getMessage().contains("conn_id"), error.getMessage());
        assertThrows(RecordKeys.MissingKeyException.class,
                () -> RecordKeys.parse("conn_id").keyOf(Map.of("conn_id", ""), Map.of()), "an empty id is no key either");
        assertThrows(RecordKeys.MissingKeyException.class,
                () -> RecordKeys.parse("skill_id,ani").keyOf(Map.of("skill_id", "5001", "ani", " "), Map.of()));
        assertThrows(IllegalArgumentException.class, () -> RecordKeys.parse(" "));
        assertThrows(IllegalArgumentException.class, () -> RecordKeys.parse("conn_id,,ani"));
    }

    @Test
    void differentPartsNeverJoinToOneKey() {
        RecordKeys keys = RecordKeys.parse("a,b");
        String first = keys.keyOf(Map.of("a", "x|y", "b", "z"), Map.of());
        String second = keys.keyOf(Map.of("a", "x", "b", "y|z"), Map.of());
        assertNotEquals(first, second);
        assertEquals("x\\|y|z", first);
        assertNotEquals(keys.keyOf(Map.of("a", "x\\", "b", "y"), Map.of()), keys.keyOf(Map.of("a", "x", "b", "\\y"), Map.of()));
        assertEquals("4071.4628|5001", keys.keyOf(Map.of("a", "4071.4628", "b", "5001"), Map.of()), "plain ids stay as they were");
    }
}
