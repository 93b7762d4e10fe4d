package io.github.wolkvoxcamel.catalog;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A record typed field by field as its catalog entry says, nested lists and objects too. */
class RecordTypesTest {

    private static final CatalogEntry LATENCY = new CatalogEntry("real_time", "latency", "latency", CatalogShape.SNAPSHOT,
            null, null, List.of(), List.of(), Map.of(), List.of(
                    new CatalogField("agents", null, "String", null, ValueKind.INTEGER),
                    new CatalogField("server", null, "String", null, null),
                    new CatalogField("by_agent[]", null, "Array", null, null),
                    new CatalogField("by_agent[].agent_id", null, "String", null, null),
                    new CatalogField("by_agent[].latency_ms", null, "String", null, ValueKind.INTEGER),
                    new CatalogField("by_agent[].since", null, "String", null, ValueKind.DATE_TIME),
                    new CatalogField("totals{}", null, "Object", null, null),
                    new CatalogField("totals.share", null, "String", null, ValueKind.PERCENT)),
            null, null, "nested", List.of());
    private static final RecordTypes TYPES = RecordTypes.of(LATENCY, ZoneId.of("America/Bogota"));

    private static Map<String, Object> record(String latency) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("agents", "2");
        record.put("server", "wv0031");
        record.put("by_agent", List.of(Map.of("agent_id", "12462", "latency_ms", latency, "since", "2026-01-19 09:47:50")));
        record.put("totals", Map.of("share", "28.81 %"));
        record.put("added_later", "7");
        return record;
    }

    @Test
    void convertsTopLevelNestedAndKeepsTheRest() {
        Map<String, Object> typed = TYPES.convert(record("35"));
        assertEquals(List.of("agents", "server", "by_agent", "totals", "added_later"), List.copyOf(typed.keySet()),
                "the record's order");
        assertEquals(2L, typed.get("agents"));
        assertEquals("wv0031", typed.get("server"), "text stays text");
        assertEquals(List.of(Map.of("agent_id", "12462", "latency_ms", 35L, "since", "2026-01-19T09:47:50-05:00")),
                typed.get("by_agent"));
        assertEquals(Map.of("share", new BigDecimal("28.81")), typed.get("totals"));
        assertEquals("7", typed.get("added_later"), "a field the catalog does not know is kept as it came");
    }

    @Test
    void aValueThatDoesNotConvertNamesItsFieldNotItsValue() {
        RecordTypes.UntypedException e = assertThrows(RecordTypes.UntypedException.class,
                () -> TYPES.convert(record("fast")));
        assertEquals("by_agent[].latency_ms", e.field());
        assertEquals("field by_agent[].latency_ms is no whole number", e.getMessage());
    }

    @Test
    void jsonNumbersAreKeptWhereTheyFit() {
        Map<String, Object> record = record("35");
        record.put("agents", 2);
        assertEquals(2, TYPES.convert(record).get("agents"));
        record.put("agents", true);
        assertEquals("field agents is a JSON boolean where integer is expected",
                assertThrows(RecordTypes.UntypedException.class, () -> TYPES.convert(record)).getMessage());
    }
}
