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
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeliveredRecordsTest {

    private static final ZoneId BOGOTA = ZoneId.of("America/Bogota");
    private static final long NOON_HOUR = DeliveredRecords.hourOf("2026-11-23 12:00:00");
    private static final Clock NOON = Clock.fixed(Instant.parse("2026-11-23T17:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void aRecordIsKnownByRouteKeyAndContentAndANewContentIsAVersion() {
        DeliveredRecords delivered = new DeliveredRecords(dir, Duration.ofDays(1), NOON, BOGOTA);
        Fingerprint first = fingerprint("r", "k", "{\"status\":\"YES\"}", NOON_HOUR);
        assertFalse(delivered.add("r", first), "a first delivery is no version");
        assertTrue(delivered.contains(first));
        Fingerprint changed = fingerprint("r", "k", "{\"status\":\"OK\"}", NOON_HOUR);
        assertFalse(delivered.contains(changed));
        assertTrue(delivered.add("r", changed), "same key, other content");
        assertFalse(delivered.contains(fingerprint("other", "k", "{\"status\":\"YES\"}", NOON_HOUR)), "per route");
    }

    @Test
    void recordDatesFallInTheirHour() {
        assertEquals(DeliveredRecords.hourOf("2026-11-23 12:59:59"), NOON_HOUR);
        assertEquals(DeliveredRecords.hourOf("2026-11-23T12:00"), NOON_HOUR);
        assertEquals(NOON_HOUR - 12, DeliveredRecords.hourOf("2026-11-23"), "a day alone is its first hour");
        assertEquals(NOON_HOUR + 12, DeliveredRecords.hourOf("2026-11-24 00:00:00"));
        assertFalse(DeliveredRecords.isDate("2026-02-30 10:00:00"));
        assertFalse(DeliveredRecords.isDate("20261123"));
        assertThrows(IllegalArgumentException.class, () -> DeliveredRecords.hourOf("yesterday"));
    }

    @Test
    void onlyFlushedRecordsSurviveARestartAndOldHoursAreForgotten() throws Exception {
        DeliveredRecords delivered = new DeliveredRecords(dir, Duration.ofDays(1), NOON, BOGOTA);
        Fingerprint kept = fingerprint("r", "1", "{}", NOON_HOUR - 20);
        Fingerprint old = fingerprint("r", "2", "{}", NOON_HOUR - 25);
        delivered.add("r", kept);
        delivered.add("r", old);
        delivered.add("s", fingerprint("s", "3", "{}", NOON_HOUR));
        delivered.flush("r");
        assertTrue(Files.exists(dir.resolve("delivered/2026-11-22T16.fp")));
        assertFalse(Files.exists(dir.resolve("delivered/2026-11-22T11.fp")), "past the retention");

        DeliveredRecords restarted = new DeliveredRecords(dir, Duration.ofDays(1), NOON, BOGOTA);
        assertTrue(restarted.contains(kept));
        assertFalse(restarted.contains(old));
        assertFalse(restarted.contains(fingerprint("s", "3", "{}", NOON_HOUR)), "route s never flushed: not delivered");
    }

    /**
     * A route that re-pulls three days back (a daily bucket) is known only once the routes started: a restart made
     * with the shorter global retention forgets nothing before it reaches back, then keeps the three days.
     */
    @Test
    void aRestartKeepsTheHoursADeeperRouteReachesBackTo() {
        DeliveredRecords delivered = new DeliveredRecords(dir, Duration.ofDays(1), NOON, BOGOTA);
        delivered.reachBack(Duration.ofDays(3));
        Fingerprint twoDaysAgo = fingerprint("r", "1", "{}", NOON_HOUR - 48);
        delivered.add("r", twoDaysAgo);
        delivered.flush("r");

        DeliveredRecords restarted = new DeliveredRecords(dir, Duration.ofDays(1), NOON, BOGOTA);
        restarted.reachBack(Duration.ofDays(3));
        assertTrue(restarted.contains(twoDaysAgo), "not delivered again by the re-pull after the restart");
        restarted.reachBack(Duration.ofHours(1));
        assertTrue(restarted.contains(twoDaysAgo), "a shallower route does not shorten the retention");
        Fingerprint fiveDaysAgo = fingerprint("r", "2", "{}", NOON_HOUR - 120);
        restarted.add("r", fiveDaysAgo);
        restarted.flush("r");
        assertFalse(Files.exists(dir.resolve("delivered/2026-11-18T12.fp")), "past the deepest reach: forgotten");
    }

    @Test
    void onlyAFewHoursStayInMemoryButEveryFlushedHourIsStillKnown() {
        DeliveredRecords delivered = new DeliveredRecords(dir, Duration.ofDays(2), NOON, BOGOTA);
        for (int hour = 0; hour < 24; hour++) {
            for (int record = 0; record < 100; record++) {
                delivered.add("r", fingerprint("r", hour + "-" + record, "{}", NOON_HOUR - hour));
            }
            delivered.flush("r");
        }
        assertEquals(DeliveredRecords.HOURS_IN_MEMORY * 100, delivered.size());
        for (int hour = 0; hour < 24; hour++) {
            assertTrue(delivered.contains(fingerprint("r", hour + "-99", "{}", NOON_HOUR - hour)), "hour " + hour);
        }
        assertTrue(delivered.add("r", fingerprint("r", "3-5", "{\"changed\":1}", NOON_HOUR - 3)),
                "a new version is known after its hour was read again");
    }

    @Test
    void anHourWaitingToBeFlushedIsNotLetGo() {
        DeliveredRecords delivered = new DeliveredRecords(dir, Duration.ofDays(2), NOON, BOGOTA);
        Fingerprint waiting = fingerprint("s", "w", "{}", NOON_HOUR - 30);
        delivered.add("s", waiting);
        for (int hour = 0; hour < 24; hour++) {
            delivered.add("r", fingerprint("r", "k" + hour, "{}", NOON_HOUR - hour));
            delivered.flush("r");
        }
        assertTrue(delivered.contains(waiting), "route s's window is still being delivered");
    }

    @Test
    void aWindowSpanningMoreHoursThanMemoryKeepsThemAllUntilItsFlush() {
        DeliveredRecords delivered = new DeliveredRecords(dir, Duration.ofDays(2), NOON, BOGOTA);
        int hours = DeliveredRecords.HOURS_IN_MEMORY * 3;
        for (int hour = 0; hour < hours; hour++) {
            delivered.add("r", fingerprint("r", "k" + hour, "{}", NOON_HOUR - hour));
        }
        assertEquals(hours, delivered.size(), "nothing flushed yet: every hour stays");
        delivered.flush("r");
        assertEquals(DeliveredRecords.HOURS_IN_MEMORY, delivered.size(), "flushed: the least recently used are let go");
        DeliveredRecords restarted = new DeliveredRecords(dir, Duration.ofDays(2), NOON, BOGOTA);
        for (int hour = 0; hour < hours; hour++) {
            assertTrue(restarted.contains(fingerprint("r", "k" + hour, "{}", NOON_HOUR - hour)), "hour " + hour);
        }
    }

    @Test
    void aRecordACrashCutOffIsIgnoredAndLaterRecordsStayReadable() throws Exception {
        DeliveredRecords delivered = new DeliveredRecords(dir, Duration.ofDays(1), NOON, BOGOTA);
        Fingerprint whole = fingerprint("r", "1", "{}", NOON_HOUR);
        delivered.add("r", whole);
        delivered.flush("r");
        Path file = dir.resolve("delivered/2026-11-23T12.fp");
        Files.write(file, new byte[] {1, 2, 3, 4, 5}, java.nio.file.StandardOpenOption.APPEND);

        DeliveredRecords restarted = new DeliveredRecords(dir, Duration.ofDays(1), NOON, BOGOTA);
        assertTrue(restarted.contains(whole));
        Fingerprint next = fingerprint("r", "2", "{}", NOON_HOUR);
        restarted.add("r", next);
        restarted.flush("r");
        assertEquals(48, Files.size(file), "the cut record is gone and the next one is aligned");
        assertTrue(new DeliveredRecords(dir, Duration.ofDays(1), NOON, BOGOTA).contains(next));
    }

    @Test
    void aRolledBackWindowIsForgottenAndAnotherRoutesWindowInFlightIsNot() {
        DeliveredRecords delivered = new DeliveredRecords(dir, Duration.ofDays(1), NOON, BOGOTA);
        Fingerprint flushed = fingerprint("r", "1", "{}", NOON_HOUR);
        delivered.add("r", flushed);
        delivered.flush("r");
        Fingerprint rolledBack = fingerprint("r", "2", "{}", NOON_HOUR);
        Fingerprint otherInFlight = fingerprint("s", "3", "{}", NOON_HOUR);
        delivered.add("r", rolledBack);
        delivered.add("s", otherInFlight);
        assertEquals(24, delivered.unflushed("r").get(NOON_HOUR).length, "one fingerprint of 24 bytes waits");

        delivered.discard("r");
        assertTrue(delivered.contains(flushed));
        assertFalse(delivered.contains(rolledBack), "to be delivered again");
        assertTrue(delivered.contains(otherInFlight));
        assertEquals(Map.of(), delivered.unflushed("r"));
        delivered.flush("s");
        assertTrue(new DeliveredRecords(dir, Duration.ofDays(1), NOON, BOGOTA).contains(otherInFlight),
                "the other route's window still reaches the file");
    }

    @Test
    void aNewLeaderAdoptsWhatTheLastOneDelivered() {
        DeliveredRecords lastLeader = new DeliveredRecords(dir.resolve("a"), Duration.ofDays(1), NOON, BOGOTA);
        Fingerprint recent = fingerprint("r", "1", "{}", NOON_HOUR - 1);
        Fingerprint expired = fingerprint("r", "2", "{}", NOON_HOUR - 30);
        lastLeader.add("r", recent);
        lastLeader.add("r", expired);
        Map<Long, byte[]> published = lastLeader.unflushed("r");

        DeliveredRecords newLeader = new DeliveredRecords(dir.resolve("b"), Duration.ofDays(1), NOON, BOGOTA);
        assertEquals(1, newLeader.adopt(published), "the hour past the retention is left out");
        assertEquals(0, newLeader.adopt(published), "adopting twice adds nothing");
        assertTrue(newLeader.contains(recent));
        assertTrue(new DeliveredRecords(dir.resolve("b"), Duration.ofDays(1), NOON, BOGOTA).contains(recent),
                "adopted fingerprints are on disk");
    }

    @Test
    void aRowWithoutADateKeepsTheDayItsKeyWasFirstDeliveredWhileThatDayIsKept() {
        DeliveredRecords delivered = new DeliveredRecords(dir, Duration.ofDays(2), NOON, BOGOTA);
        LocalDate today = LocalDate.of(2026, 11, 23);
        long yesterday = DeliveredRecords.hourOf("2026-11-22");
        delivered.add("r", fingerprint("r", "k", "{\"status\":\"open\"}", yesterday));
        delivered.flush("r");
        long key = Fingerprint.keyHash("r", "k");
        assertEquals(fingerprint("r", "k", "{}", 0).keyHash(), key);

        DeliveredRecords restarted = new DeliveredRecords(dir, Duration.ofDays(2), NOON, BOGOTA);
        assertEquals(today.minusDays(1), restarted.dayOfKey(key, today, today),
                "a window starting today finds the key under the day it was delivered, also after a restart");
        assertEquals(today.minusDays(1), restarted.dayOfKey(key, today, today.minusDays(2)), "so does a re-pull");
        assertEquals(today, restarted.dayOfKey(Fingerprint.keyHash("r", "new"), today, today), "a new key: its window's day");
        assertEquals(today, restarted.dayOfKey(Fingerprint.keyHash("other route", "k"), today, today), "per route");
        assertEquals(today.minusDays(2), new DeliveredRecords(dir, Duration.ofHours(12), NOON, BOGOTA)
                .dayOfKey(key, today, today.minusDays(2)), "a day past the retention is forgotten");
    }

    @Test
    void keyPartsAndContentNeverRunTogether() {
        assertNotEquals(fingerprint("r", "ab", "{}", 0), fingerprint("r", "a", "b{}", 0));
        assertEquals(fingerprint("r", "k", "{\"a\":1}", 0).keyHash(), fingerprint("r", "k", "{\"a\":2}", 0).keyHash());
    }

    private static Fingerprint fingerprint(String scope, String key, String json, long hour) {
        return Fingerprint.of(scope, key, json.getBytes(StandardCharsets.UTF_8), hour);
    }
}
