package io.github.wolkvoxcamel.sink;

import io.github.wolkvoxcamel.sink.WindowDelivery.RecordDelivery;
import io.github.wolkvoxcamel.state.DeliveredKeys;
import io.github.wolkvoxcamel.wolkvox.ReportPoller;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WindowDeliveryTest {

    @TempDir
    Path dir;

    @Test
    void aKeyIsDeliveredOnlyOnceEverySinkAcknowledgedIt() {
        DeliveredKeys keys = new DeliveredKeys(dir, 1000);
        WindowDelivery window = new WindowDelivery("r", keys, 10);
        assertTrue(window.take("a"));
        RecordDelivery delivery = window.begin(record("a"));
        delivery.sending();
        delivery.sending();
        delivery.routed();
        delivery.sent("r", null);
        assertFalse(keys.contains("r|a"), "one send still unacknowledged");
        delivery.sent("rule", null);
        assertTrue(keys.contains("r|a"));
        assertEquals(Map.of("r", 1, "rule", 1), window.sentPerSink());
    }

    @Test
    void aFailedSendLeavesTheKeyUndeliveredAndIsReported() {
        DeliveredKeys keys = new DeliveredKeys(dir, 1000);
        WindowDelivery window = new WindowDelivery("r", keys, 10);
        RecordDelivery delivery = window.begin(record("a"));
        delivery.sending();
        delivery.routed();
        IllegalStateException broken = new IllegalStateException("broker gone");
        delivery.sent("r", broken);
        assertFalse(keys.contains("r|a"));
        List<WindowDelivery.Failure> failures = window.failures();
        assertEquals(1, failures.size());
        assertEquals("r", failures.get(0).sink());
        assertEquals(broken, failures.get(0).error());
    }

    @Test
    void aKeyIsTakenOncePerWindowAndNotAgainOnceDelivered() {
        DeliveredKeys keys = new DeliveredKeys(dir, 1000);
        keys.add("r|old");
        WindowDelivery window = new WindowDelivery("r", keys, 10);
        assertFalse(window.take("old"), "delivered by an earlier window");
        assertTrue(window.take("new"));
        assertFalse(window.take("new"), "a repeated row of the same answer");
        assertTrue(new WindowDelivery("other", keys, 10).take("old"), "keys are per report route");
    }

    @Test
    void awaitingSendsReturnsWhenTheLastAcknowledgementArrives() throws Exception {
        WindowDelivery window = new WindowDelivery("r", new DeliveredKeys(dir, 1000), 10);
        RecordDelivery delivery = window.begin(record("a"));
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
        delivery.sent("r", null);
        awaited.get(10, TimeUnit.SECONDS);
    }

    private static SinkRecord record(String key) {
        return new SinkRecord("{}".getBytes(StandardCharsets.UTF_8), Map.of(ReportPoller.HEADER_RECORD_KEY, key,
                ReportPoller.HEADER_RECORD_DATE, "2026-11-21", ReportPoller.HEADER_REPORT, "r"));
    }
}
