package io.github.wolkvoxcamel.sink;

import io.github.wolkvoxcamel.sink.WindowDelivery.RecordDelivery;
import io.github.wolkvoxcamel.state.DeliveredRecords;
import io.github.wolkvoxcamel.state.Fingerprint;
import io.github.wolkvoxcamel.wolkvox.ReportPoller;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WindowDeliveryTest {

    private static final String DAY = "2026-11-21";
    private static final long HOUR = DeliveredRecords.hourOf(DAY + " 10:15:00");

    @TempDir
    Path dir;

    @Test
    void aRecordIsDeliveredOnlyOnceEverySinkAcknowledgedIt() {
        DeliveredRecords delivered = delivered();
        WindowDelivery window = new WindowDelivery("r", delivered, 10);
        SinkRecord record = record("a", "{}");
        assertTrue(window.take(record.fingerprint()));
        RecordDelivery delivery = window.begin(record);
        delivery.sending();
        delivery.sending();
        delivery.routed();
        delivery.sent("r", null, true);
        assertFalse(delivered.contains(record.fingerprint()), "one send still unacknowledged");
        delivery.sent("rule", null, true);
        assertTrue(delivered.contains(record.fingerprint()));
        assertEquals(Map.of("r", 1, "rule", 1), window.sentPerSink());
    }

    @Test
    void aFailedSendLeavesTheRecordUndeliveredAndIsReported() {
        DeliveredRecords delivered = delivered();
        WindowDelivery window = new WindowDelivery("r", delivered, 10);
        SinkRecord record = record("a", "{}");
        RecordDelivery delivery = window.begin(record);
        delivery.sending();
        delivery.routed();
        IllegalStateException broken = new IllegalStateException("broker gone");
        delivery.sent("r", broken, true);
        assertFalse(delivered.contains(record.fingerprint()));
        List<WindowDelivery.Failure> failures = window.failures();
        assertEquals(1, failures.size());
        assertEquals("r", failures.get(0).sink());
        assertEquals(broken, failures.get(0).error());
    }

    @Test
    void aRecordIsTakenOncePerWindowAndNotAgainOnceDeliveredButAChangedOneIs() {
        DeliveredRecords delivered = delivered();
        Fingerprint old = record("old", "{\"v\":1}").fingerprint();
        delivered.add("r", old);
        WindowDelivery window = new WindowDelivery("r", delivered, 10);
        assertFalse(window.take(old), "delivered by an earlier window");
        assertTrue(window.take(record("old", "{\"v\":2}").fingerprint()), "same key, other content");
        Fingerprint fresh = record("new", "{}").fingerprint();
        assertTrue(window.take(fresh));
        assertFalse(window.take(fresh), "a repeated row of the same answer");
        assertTrue(new WindowDelivery("other", delivered, 10).take(Fingerprint.of("other", "old",
                "{\"v\":1}".getBytes(StandardCharsets.UTF_8), HOUR)), "records are per report route");
    }

    @Test
    void awaitingSendsReturnsWhenTheLastAcknowledgementArrives() throws Exception {
        WindowDelivery window = new WindowDelivery("r", delivered(), 10);
        RecordDelivery delivery = window.begin(record("a", "{}"));
        delivery.sending();
        delivery.routed();
        CompletableFuture<Void> awaited = CompletableFuture.runAsync(() -> {
            try {
                window.awaitSends();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertFalse(awaited.isDone());
        delivery.sent("r", null, true);
        awaited.get(10, TimeUnit.SECONDS);
    }

    private DeliveredRecords delivered() {
        return new DeliveredRecords(dir, Duration.ofDays(2), Clock.systemUTC(), ZoneId.of("America/Bogota"));
    }

    private static SinkRecord record(String key, String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return new SinkRecord(bytes, Map.of(ReportPoller.HEADER_RECORD_KEY, key,
                ReportPoller.HEADER_RECORD_DATE, DAY, ReportPoller.HEADER_REPORT, "r"),
                Fingerprint.of("r", key, bytes, HOUR));
    }
}
