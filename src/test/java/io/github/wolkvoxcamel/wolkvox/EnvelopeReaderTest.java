package io.github.wolkvoxcamel.wolkvox;

import io.github.wolkvoxcamel.record.WolkvoxRecord;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EnvelopeReaderTest {

    private static InputStream json(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static List<Map<String, Object>> all(String text) {
        List<Map<String, Object>> records = new ArrayList<>();
        EnvelopeReader.records(json(text)).forEachRemaining(records::add);
        return records;
    }

    @Test
    void intAndStringCodeBothReadAs200() {
        Envelope intCode = EnvelopeReader.scan(json("{\"code\":200,\"error\":null,\"msg\":\"2 records were found\","
                + "\"data\":[{\"conn_id\":\"a\"},{\"conn_id\":\"b\"}]}"));
        Envelope stringCode = EnvelopeReader.scan(json("{\"code\":\"200\",\"error\":null,\"msg\":\"x records were found\","
                + "\"data\":[{\"machinecode\":\"busy\",\"cantidad\":\"3\"}]}"));
        assertEquals(new Envelope("200", "2 records were found", 2), intCode);
        assertEquals(new Envelope("200", "x records were found", 1), stringCode);
        assertTrue(intCode.successful() && stringCode.successful());
        assertTrue(new Envelope("0", "ok", 0).successful());
        assertFalse(new Envelope("403", "no", 0).successful());
    }

    @Test
    void recordsStreamInOrderWithFieldsInOrder() {
        List<Map<String, Object>> records = all("{\"code\":200,\"msg\":\"m\",\"data\":["
                + "{\"rp_id\":\"1\",\"result\":\"ok\",\"conn_id\":\"a\"},{\"rp_id\":\"2\",\"result\":\"hung up\",\"conn_id\":\"b\"}]}");
        assertEquals(2, records.size());
        assertEquals(List.of("rp_id", "result", "conn_id"), new ArrayList<>(records.get(0).keySet()));
        assertEquals("hung up", records.get(1).get("result"));
    }

    @Test
    void eachRecordCarriesItsCompactJsonAndIsReadOnly() {
        WolkvoxRecord record = EnvelopeReader.records(json("{\"code\":200,\"data\":[ {\"conn_id\" : \"a\",\n"
                + " \"comment\":\"dijo \\\"hola\\\" \u00f1\", \"n\":null, \"stats\":[{\"points\":\"3\"}]} ]}")).next();
        assertEquals("{\"conn_id\":\"a\",\"comment\":\"dijo \\\"hola\\\" \u00f1\",\"n\":null,\"stats\":[{\"points\":\"3\"}]}",
                record.toString());
        assertEquals(record.toString(), new String(record.json(), java.nio.charset.StandardCharsets.UTF_8));
        assertEquals("dijo \"hola\" \u00f1", record.get("comment"));
        assertThrows(UnsupportedOperationException.class, () -> record.put("conn_id", "b"));
    }

    @Test
    void dataBeforeCodeAndNestedFieldsAreRead() {
        String text = "{\"data\":[{\"agent_id\":\"1\",\"stats\":[{\"points\":\"3\"}]}],\"code\":\"200\",\"msg\":\"1\"}";
        assertEquals(1, EnvelopeReader.scan(json(text)).recordCount());
        assertEquals(List.of(Map.of("points", "3")), all(text).get(0).get("stats"));
    }

    @Test
    void theScanFindsTheLatestRecordDate() {
        String text = "{\"code\":200,\"data\":[{\"date\":\"2026-01-02 10:00:00\",\"x\":{\"date\":\"2030-01-01 00:00:00\"}},"
                + "{\"date\":\"2026-01-02 11:30:00\"},{\"conn_id\":\"no date\"}]}";
        Envelope envelope = EnvelopeReader.scan(json(text), "date");
        assertEquals(3, envelope.recordCount());
        assertEquals("2026-01-02 11:30:00", envelope.latestDate(), "only the record's own field counts");
        assertEquals(null, EnvelopeReader.scan(json(text)).latestDate());
    }

    @Test
    void aBareArrayIsData() {
        String text = "[{\"campaign\":\"1 - Ventas\"},{\"campaign\":\"2 - Cobros\"}]";
        assertEquals(new Envelope("200", "2 records were found", 2), EnvelopeReader.scan(json(text)));
        assertEquals(2, all(text).size());
    }

    @Test
    void theIteratorParsesOnlyWhatIsAskedFor() {
        Iterator<WolkvoxRecord> records = EnvelopeReader.records(json(
                "{\"code\":200,\"data\":[{\"conn_id\":\"a\"},{\"conn_id\":\"b\"}, this is not read"));
        assertEquals("a", records.next().get("conn_id"));
        assertEquals("b", records.next().get("conn_id"));
    }

    @Test
    void incompleteOrForeignAnswersAreMalformed() {
        for (String text : List.of(
                "{\"code\":200,\"error\":null,\"msg\":\"3 records were found\",\"data\":[{\"conn_id\":\"a\"},{\"conn_",
                "{\"code\":200,\"data\":[{\"conn_id\":\"a\"}]",
                "<!DOCTYPE html><html><body>Loading</body></html>",
                "{\"code\":200,\"data\":[{\"conn_id\":\"a\"}]} trailing",
                "{\"code\":200,\"data\":[\"not a record\"]}",
                "")) {
            WolkvoxAnswerException error = assertThrows(WolkvoxAnswerException.class,
                    () -> EnvelopeReader.scan(json(text)), text);
            assertEquals(WolkvoxErrorClass.MALFORMED_ANSWER, error.errorClass(), text);
        }
    }

    @Test
    void aMalformedAnswerIsDescribedWithoutTheValuesItHolds() {
        for (String text : List.of(
                "{\"code\":200,\"data\":[{\"ani\":tel3001234567}]}",
                "{\"code\":200,\"data\":[{\"ani\":\"3001234567\" 3001234567}]}")) {
            WolkvoxAnswerException error = assertThrows(WolkvoxAnswerException.class,
                    () -> EnvelopeReader.scan(json(text)), text);
            assertFalse(error.getMessage().contains("3001234567"), error.getMessage());
            assertTrue(error.getMessage().contains(" at byte "), error.getMessage());
        }
    }
}
