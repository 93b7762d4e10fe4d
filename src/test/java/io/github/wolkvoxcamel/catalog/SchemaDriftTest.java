package io.github.wolkvoxcamel.catalog;

import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A record compared with its catalog entry by field names and kinds: what differs, in words, never a value. */
class SchemaDriftTest {

    private static final ZoneId BOGOTA = ZoneId.of("America/Bogota");
    private static final CatalogEntry CALLS = new CatalogEntry("reports_manager", "calls", "calls", CatalogShape.DETAIL,
            null, null, List.of("date_ini", "date_end"), List.of(), Map.of(), List.of(
                    new CatalogField("conn_id", null, "String", null, null),
                    new CatalogField("date", null, "String", null, ValueKind.DATE_TIME),
                    new CatalogField("telephone", null, "String", null, null),
                    new CatalogField("duration", null, "String", null, ValueKind.DURATION),
                    new CatalogField("answered", null, "String", null, ValueKind.BOOLEAN),
                    new CatalogField("legs[]", null, "Array", null, null),
                    new CatalogField("legs[].agent_id", null, "String", null, null),
                    new CatalogField("legs[].talk", null, "String", null, ValueKind.INTEGER),
                    new CatalogField("totals{}", null, "Object", null, null),
                    new CatalogField("totals.share", null, "String", null, ValueKind.PERCENT)),
            "conn_id,date", "date", "nested", List.of());
    private static final SchemaDrift DRIFT = SchemaDrift.of(CALLS, CALLS.keyFields(), "date", BOGOTA);

    private static Map<String, Object> record() {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("conn_id", "c-1");
        record.put("date", "2026-01-19 09:47:50");
        record.put("telephone", "3001234567");
        record.put("duration", "00:01:06");
        record.put("answered", "yes");
        record.put("legs", List.of(Map.of("agent_id", "12", "talk", "35")));
        record.put("totals", Map.of("share", "28.81 %"));
        return record;
    }

    @Test
    void aRecordAsTheCatalogSaysHasNoDifferences() {
        assertEquals(List.of(), DRIFT.check(record()));
        Map<String, Object> empties = record();
        empties.put("duration", "");
        empties.put("answered", "--");
        empties.put("telephone", "");
        assertEquals(List.of(), DRIFT.check(empties), "Wolkvox's empty values fit every kind");
        Map<String, Object> numbers = record();
        numbers.put("legs", List.of(Map.of("agent_id", "12", "talk", 35)));
        assertEquals(List.of(), DRIFT.check(numbers), "a JSON number where a whole number belongs");
    }

    @Test
    void namesEachDifferenceWithWhatTheCatalogExpectsAndTheFormOfWhatCame() {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("date", "19/01/2026 09:47:50");
        record.put("phone", "3001234567");
        record.put("duration", "N/A");
        record.put("answered", "yes");
        record.put("legs", List.of(Map.of("agent_id", "12", "talk", "35", "queue", "7")));
        record.put("totals", "28.81 %");
        record.put("tags", List.of("vip"));
        assertEquals(List.of(
                new SchemaDrift.Difference("conn_id", SchemaDrift.Kind.KEY_MISSING, "key field, text", "absent"),
                new SchemaDrift.Difference("date", SchemaDrift.Kind.DATE, "date-time", "text like 99/99/9999 99:99:99"),
                new SchemaDrift.Difference("telephone", SchemaDrift.Kind.MISSING, "text", "absent"),
                new SchemaDrift.Difference("duration", SchemaDrift.Kind.VALUE, "duration", "text like a/a"),
                new SchemaDrift.Difference("legs[].queue", SchemaDrift.Kind.ADDED, "absent", "text"),
                new SchemaDrift.Difference("totals{}", SchemaDrift.Kind.VALUE, "an object", "text"),
                new SchemaDrift.Difference("phone", SchemaDrift.Kind.ADDED, "absent", "text"),
                new SchemaDrift.Difference("tags", SchemaDrift.Kind.ADDED, "absent", "a list")),
                DRIFT.check(record));
    }

    @Test
    void theRoutesKeyAndDateFieldAreTheOnesChecked() {
        SchemaDrift route = SchemaDrift.of(CALLS, "@date_ini,telephone", "", BOGOTA);
        Map<String, Object> record = record();
        record.remove("telephone");
        record.remove("conn_id");
        record.put("date", "19/01/2026");
        assertEquals(List.of(
                new SchemaDrift.Difference("conn_id", SchemaDrift.Kind.MISSING, "text", "absent"),
                new SchemaDrift.Difference("date", SchemaDrift.Kind.VALUE, "date-time", "text like 99/99/9999"),
                new SchemaDrift.Difference("telephone", SchemaDrift.Kind.KEY_MISSING, "key field, text", "absent")),
                route.check(record));
    }

    @Test
    void aFormShowsNoDigitNorLetterAndIsCutShort() {
        assertEquals("99 aaaa-99:99", SchemaDrift.form("12 July-09:47"));
        assertEquals("999999999999999999999999...", SchemaDrift.form("3".repeat(30)));
    }
}
