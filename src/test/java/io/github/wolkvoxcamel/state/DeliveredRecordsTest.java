package io.github.wolkvoxcamel.state;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeliveredRecordsTest {

    private static final ZoneId BOGOTA = ZoneId.of("America/Bogota");
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);
    private static final Clock NOON = Clock.fixed(Instant.parse("2026-11-23T17:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void aRecordIsKnownByRouteKeyAndContentAndANewContentIsAVersion() {
        DeliveredRecords delivered = new DeliveredRecords(dir, Duration.ofDays(1), NOON, BOGOTA);
        Fingerprint first = fingerprint("r", "k", "{\"status\":\"YES\"}");
        assertFalse(delivered.add("r", TODAY, first), "a first delivery is no version");
        assertTrue(delivered.contains(TODAY, first));
        Fingerprint changed = fingerprint("r", "k", "{\"status\":\"OK\"}");
        assertFalse(delivered.contains(TODAY, changed));
        assertTrue(delivered.add("r", TODAY, changed), "same key, other content");
        assertFalse(delivered.contains(TODAY, fingerprint("other", "k", "{\"status\":\"YES\"}")), "per route");
    }

    @Test
    void onlyFlushedRecordsSurviveARestartAndOldDaysAreForgotten() throws Exception {
        DeliveredRecords delivered = new DeliveredRecords(dir, Duration.ofDays(1), NOON, BOGOTA);
        Fingerprint kept = fingerprint("r", "1", "{}");
        Fingerprint old = fingerprint("r", "2", "{}");
        delivered.add("r", TODAY, kept);
        delivered.add("r", TODAY.minusDays(5), old);
        delivered.add("s", TODAY, fingerprint("s", "3", "{}"));
        delivered.flush("r");

        DeliveredRecords restarted = new DeliveredRecords(dir, Duration.ofDays(1), NOON, BOGOTA);
        assertTrue(restarted.contains(TODAY, kept));
        assertFalse(restarted.contains(TODAY.minusDays(5), old), "past the retention");
        assertFalse(Files.exists(dir.resolve("delivered/" + TODAY.minusDays(5) + ".log")));
        assertFalse(restarted.contains(TODAY, fingerprint("s", "3", "{}")), "route s never flushed: not delivered");
        assertEquals(1, restarted.size());
    }

    @Test
    void aLineACrashCutOffIsIgnored() throws Exception {
        Files.createDirectories(dir.resolve("delivered"));
        Fingerprint whole = fingerprint("r", "1", "{}");
        Files.writeString(dir.resolve("delivered/" + TODAY + ".log"), whole.hex() + "\n" + whole.hex().substring(0, 20));
        DeliveredRecords delivered = new DeliveredRecords(dir, Duration.ofDays(1), NOON, BOGOTA);
        assertTrue(delivered.contains(TODAY, whole));
        assertEquals(1, delivered.size());
    }

    @Test
    void keyPartsAndContentNeverRunTogether() {
        assertNotEquals(fingerprint("r", "ab", "{}"), fingerprint("r", "a", "b{}"));
        Fingerprint one = fingerprint("r", "k", "{\"a\":1}");
        assertEquals(one, Fingerprint.parse(one.hex()));
        assertEquals(one.keyHash(), fingerprint("r", "k", "{\"a\":2}").keyHash());
    }

    private static Fingerprint fingerprint(String scope, String key, String json) {
        return Fingerprint.of(scope, key, json.getBytes(StandardCharsets.UTF_8));
    }
}
