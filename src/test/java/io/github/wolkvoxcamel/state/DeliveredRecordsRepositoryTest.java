package io.github.wolkvoxcamel.state;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The idempotent consumer's view of the delivered records: taken while on its way, delivered once confirmed. */
class DeliveredRecordsRepositoryTest {

    private static final String HEADER = "WolkvoxFingerprint";
    private static final long HOUR = DeliveredRecords.hourOf("2026-11-23 12:00:00");

    @TempDir
    Path dir;
    private final CamelContext context = new DefaultCamelContext();

    @AfterEach
    void stop() throws Exception {
        context.close();
    }

    @Test
    void aRecordOnItsWayIsTakenOnceAndCountsAsDeliveredOnlyWhenConfirmed() {
        DeliveredRecords delivered = delivered();
        DeliveredRecordsRepository repository = new DeliveredRecordsRepository(delivered, HEADER);
        Exchange first = exchange("k", "{\"status\":\"YES\"}");
        assertTrue(repository.add(first, "ignored"));
        assertFalse(repository.add(exchange("k", "{\"status\":\"YES\"}"), "ignored"), "the same record, still on its way");
        assertTrue(repository.contains(first, "ignored"));
        assertFalse(delivered.contains(fingerprint(first)), "not delivered before it completed");

        repository.confirm(first, "ignored");
        assertTrue(delivered.contains(fingerprint(first)));
        assertFalse(repository.add(exchange("k", "{\"status\":\"YES\"}"), "ignored"), "delivered before");
        assertNull(first.getProperty(DeliveredRecordsRepository.PROPERTY_VERSION), "a first delivery is no version");

        Exchange changed = exchange("k", "{\"status\":\"OK\"}");
        assertTrue(repository.add(changed, "ignored"), "same key, other content");
        repository.confirm(changed, "ignored");
        assertTrue(changed.getProperty(DeliveredRecordsRepository.PROPERTY_VERSION, Boolean.class));
    }

    @Test
    void aFailedRecordIsLetGoAndTakenAgainOnTheNextPass() {
        DeliveredRecordsRepository repository = new DeliveredRecordsRepository(delivered(), HEADER);
        Exchange failed = exchange("k", "{}");
        assertTrue(repository.add(failed, "ignored"));
        assertTrue(repository.remove(failed, "ignored"));
        assertTrue(repository.add(exchange("k", "{}"), "ignored"));
    }

    @Test
    void aRecordWithoutItsFingerprintIsAnError() {
        DeliveredRecordsRepository repository = new DeliveredRecordsRepository(delivered(), HEADER);
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> repository.add(new DefaultExchange(context), "x"));
        assertTrue(error.getMessage().contains(HEADER), error.getMessage());
        assertThrows(UnsupportedOperationException.class, () -> repository.add("x"));
    }

    private DeliveredRecords delivered() {
        return new DeliveredRecords(dir, Duration.ofDays(1), Clock.fixed(Instant.parse("2026-11-23T17:00:00Z"),
                ZoneOffset.UTC), ZoneId.of("America/Bogota"));
    }

    private Exchange exchange(String key, String json) {
        Exchange exchange = new DefaultExchange(context);
        exchange.getExchangeExtension().setFromRouteId("wolkvox-diagram_1");
        exchange.getMessage().setHeader(HEADER,
                Fingerprint.of("wolkvox-diagram_1", key, json.getBytes(StandardCharsets.UTF_8), HOUR));
        return exchange;
    }

    private static Fingerprint fingerprint(Exchange exchange) {
        return exchange.getMessage().getHeader(HEADER, Fingerprint.class);
    }
}
