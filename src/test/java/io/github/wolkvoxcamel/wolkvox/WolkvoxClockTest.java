package io.github.wolkvoxcamel.wolkvox;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class WolkvoxClockTest {

    private static final Instant HOST = Instant.parse("2026-12-07T15:00:00Z");

    @Test
    void aHostAheadOfWolkvoxIsHeldBackToWolkvoxsTime() {
        WolkvoxClock clock = new WolkvoxClock(Clock.fixed(HOST, ZoneOffset.UTC));
        assertEquals(Duration.ofHours(2), clock.answered("Mon, 7 Dec 2026 13:00:00 GMT", HOST));
        assertEquals(Instant.parse("2026-12-07T13:00:00Z"), clock.instant());
        assertEquals(Instant.parse("2026-12-07T13:00:00Z"), clock.withZone(ZoneOffset.ofHours(-5)).instant());
        // fixed: the host agrees again
        assertEquals(Duration.ZERO, clock.answered("Mon, 7 Dec 2026 14:59:58 GMT", HOST));
        assertEquals(HOST, clock.instant());
    }

    @Test
    void aFewSecondsOfNetworkAndAHostBehindChangeNothing() {
        WolkvoxClock clock = new WolkvoxClock(Clock.fixed(HOST, ZoneOffset.UTC));
        assertEquals(Duration.ZERO, clock.answered("Mon, 7 Dec 2026 14:59:56 GMT", HOST));
        assertEquals(Duration.ZERO, clock.answered("Mon, 7 Dec 2026 16:00:00 GMT", HOST), "behind: windows end earlier, nothing lost");
        // an answer that took a minute: measured from when the call left, not when it arrived
        assertEquals(Duration.ZERO, new WolkvoxClock(Clock.fixed(HOST.plusSeconds(60), ZoneOffset.UTC))
                .answered("Mon, 7 Dec 2026 15:00:01 GMT", HOST));
        assertEquals(HOST, clock.instant());
        assertNull(clock.answered(null, HOST));
        assertNull(clock.answered("yesterday", HOST));
    }
}
