package io.github.wolkvoxcamel.wolkvox;

import io.github.wolkvoxcamel.record.WolkvoxHeaders;
import io.github.wolkvoxcamel.record.WolkvoxRecord;
import io.github.wolkvoxcamel.sink.GivenUpRecordException;
import io.github.wolkvoxcamel.state.DeliveredRecords;
import io.github.wolkvoxcamel.state.Fingerprint;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.Message;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The messages a window's split is made of, and what the window learns of their exchanges. */
class WindowRecordsTest {

    private static final RecordKeys KEYS = RecordKeys.parse("conn_id,date");
    private static final Map<String, String> WINDOW = Map.of(WolkvoxHeaders.HEADER_REPORT, "diagram_1",
            WolkvoxHeaders.HEADER_WINDOW_START, "2026-11-23T00:00-05:00");
    private static final String RECORDS_ENDPOINT = "direct://records-diagram_1";
    private final CamelContext context = new DefaultCamelContext();

    @AfterEach
    void stop() throws Exception {
        context.close();
    }

    @Test
    void eachRecordIsAMessageWithItsKeyDateAndFingerprint() {
        WolkvoxRecord record = record("{\"conn_id\":\"c1\",\"date\":\"2026-11-23 10:15:00\",\"result\":\"hung up\"}");
        WindowRecords pass = pass(List.of(record), Map.of(), 10);
        Message message = pass.next();
        assertFalse(pass.hasNext());
        assertSame(record, message.getBody());
        assertEquals("diagram_1", message.getHeader(WolkvoxHeaders.HEADER_REPORT));
        assertEquals("2026-11-23T00:00-05:00", message.getHeader(WolkvoxHeaders.HEADER_WINDOW_START));
        assertEquals("c1|2026-11-23 10:15:00", message.getHeader(WolkvoxHeaders.HEADER_RECORD_KEY));
        assertEquals("c1|2026-11-23 10:15:00", message.getHeader("kafka.KEY"), "camel-kafka's key");
        assertEquals("2026-11-23", message.getHeader(WolkvoxHeaders.HEADER_RECORD_DATE));
        assertEquals(Fingerprint.of("wolkvox-diagram_1", "c1|2026-11-23 10:15:00", record.json(),
                DeliveredRecords.hourOf("2026-11-23 10:15:00")), message.getHeader(WindowRecords.HEADER_FINGERPRINT));
        assertNull(message.getHeader(WolkvoxHeaders.HEADER_REFUSED));
    }

    @Test
    void aRecordWithoutItsKeyOrFailedTooOftenIsRefusedWithTheReason() {
        WolkvoxRecord noKey = record("{\"date\":\"2026-11-23 10:15:00\"}");
        WolkvoxRecord struck = record("{\"conn_id\":\"c2\",\"date\":\"2026-11-23 10:16:00\"}");
        Fingerprint struckPrint = Fingerprint.of("wolkvox-diagram_1", "c2|2026-11-23 10:16:00", struck.json(),
                DeliveredRecords.hourOf("2026-11-23 10:16:00"));
        WindowRecords pass = pass(List.of(noKey, struck), Map.of(struckPrint, "failed 8 times"), 10);

        Message refused = pass.next();
        assertInstanceOf(RecordKeys.MissingKeyException.class, refused.getHeader(WolkvoxHeaders.HEADER_REFUSED));
        assertNull(refused.getHeader(WolkvoxHeaders.HEADER_RECORD_KEY));
        assertEquals(Fingerprint.of("wolkvox-diagram_1", Fingerprint.contentKey(noKey.json()), noKey.json(), DeliveredRecords.hourOf("2026-11-23 10:15:00")),
                refused.getHeader(WindowRecords.HEADER_FINGERPRINT), "known by its content alone");
        Message givenUp = pass.next();
        GivenUpRecordException reason = assertInstanceOf(GivenUpRecordException.class,
                givenUp.getHeader(WolkvoxHeaders.HEADER_REFUSED));
        assertEquals("failed 8 times", reason.getMessage());
    }

    @Test
    void theWindowCountsWhatBecameOfEachRecordsExchange() {
        WindowRecords pass = pass(List.of(record("{\"conn_id\":\"1\",\"date\":\"2026-11-23 10:00:00\"}"),
                record("{\"conn_id\":\"2\",\"date\":\"2026-11-23 10:00:00\"}"),
                record("{\"conn_id\":\"3\",\"date\":\"2026-11-23 10:00:00\"}")), Map.of(), 10);
        Exchange delivered = next(pass);
        Exchange duplicate = next(pass);
        duplicate.setProperty(ExchangePropertyKey.DUPLICATE_MESSAGE, true);
        Exchange failed = next(pass);
        delivered.setProperty(ExchangePropertyKey.TO_ENDPOINT, "kafka://wolkvox.diagram_1");
        IOException down = new IOException("broker down");
        failed.setException(down);
        pass.completed(delivered);
        pass.completed(duplicate);
        pass.completed(failed);
        assertEquals(1, pass.delivered());
        assertEquals(1, pass.duplicates());
        assertEquals(1, pass.failures().size());
        assertEquals("3|2026-11-23 10:00:00", pass.failures().get(0).key());
        assertSame(down, pass.failures().get(0).error());
    }

    @Test
    void aRecordItsRouteSentNowhereIsCountedAsUnrouted() {
        WindowRecords pass = pass(List.of(record("{\"conn_id\":\"1\",\"date\":\"2026-11-23 10:00:00\"}"),
                record("{\"conn_id\":\"2\",\"date\":\"2026-11-23 10:00:00\"}"),
                record("{\"conn_id\":\"3\",\"date\":\"2026-11-23 10:00:00\"}")), Map.of(), 10);
        Exchange filteredOut = next(pass);
        // the last endpoint it went to is the records route itself: a filter it did not match ended it there
        filteredOut.setProperty(ExchangePropertyKey.TO_ENDPOINT, RECORDS_ENDPOINT);
        pass.completed(filteredOut);
        // a filter right after from: wolkvox:... it did not match: no endpoint at all
        pass.completed(next(pass));
        Exchange delivered = next(pass);
        delivered.setProperty(ExchangePropertyKey.TO_ENDPOINT, "kafka://wolkvox.diagram_1");
        pass.completed(delivered);
        assertEquals(2, pass.unrouted());
        assertEquals(1, pass.delivered());
    }

    @Test
    void readingWaitsWhileTooManyRecordsAreUnfinished() {
        List<WolkvoxRecord> records = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            records.add(record("{\"conn_id\":\"" + i + "\",\"date\":\"2026-11-23 10:00:00\"}"));
        }
        WindowRecords pass = pass(records, Map.of(), 2);
        Exchange first = next(pass);
        next(pass);
        AtomicBoolean third = new AtomicBoolean();
        CompletableFuture<Message> reading = CompletableFuture.supplyAsync(() -> {
            Message next = pass.next();
            third.set(true);
            return next;
        });
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !third.get());
        pass.completed(first);
        assertEquals("2|2026-11-23 10:00:00", reading.join().getHeader(WolkvoxHeaders.HEADER_RECORD_KEY));
        assertTrue(third.get());
    }

    private WindowRecords pass(List<WolkvoxRecord> records, Map<Fingerprint, String> giveUp, int maxInFlight) {
        return new WindowRecords(context, records.iterator(), () -> { }, "wolkvox-diagram_1",
                record -> KEYS.keyOf(record, Map.of()), record -> String.valueOf(record.get("date")), WINDOW, giveUp,
                maxInFlight);
    }

    /** The exchange the consumer makes of the pass's next record. */
    private Exchange next(WindowRecords pass) {
        Exchange exchange = new DefaultExchange(context);
        exchange.setMessage(pass.next());
        return exchange;
    }

    private static WolkvoxRecord record(String json) {
        Map<String, Object> fields = new LinkedHashMap<>();
        try {
            new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).properties()
                    .forEach(field -> fields.put(field.getKey(), field.getValue().asText()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return new WolkvoxRecord(fields, json.getBytes(StandardCharsets.UTF_8));
    }
}
