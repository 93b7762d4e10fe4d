package io.github.wolkvoxcamel.time;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WolkvoxTimeTest {

    private static final LocalDateTime NOW = LocalDateTime.of(2026, 11, 21, 15, 30, 45);

    @Test
    void requestDatesAreFourteenDigits() {
        assertEquals("20260102030405", WolkvoxTime.formatRequest(LocalDateTime.of(2026, 1, 2, 3, 4, 5)));
        assertEquals(LocalDateTime.of(2026, 1, 2, 3, 4, 5), WolkvoxTime.parseRequest("20260102030405"));
        assertThrows(RuntimeException.class, () -> WolkvoxTime.parseRequest("20260230000000"));
    }

    @Test
    void bogotaIsFiveHoursBehindUtcAllYear() {
        Instant winter = Instant.parse("2026-01-15T12:00:00Z");
        Instant summer = Instant.parse("2026-07-15T12:00:00Z");
        assertEquals(ZoneOffset.ofHours(-5), WolkvoxTime.BOGOTA.getRules().getOffset(winter));
        assertEquals(ZoneOffset.ofHours(-5), WolkvoxTime.BOGOTA.getRules().getOffset(summer));
        assertEquals("20260115070000", WolkvoxTime.formatRequest(LocalDateTime.ofInstant(winter, WolkvoxTime.BOGOTA)));
    }

    @Test
    void startTimesReadTheWaysPeopleWriteThem() {
        assertEquals(LocalDateTime.of(2026, 11, 21, 0, 0), WolkvoxTime.parseStart("today", NOW));
        assertEquals(LocalDateTime.of(2026, 11, 21, 0, 0), WolkvoxTime.parseStart("", NOW));
        assertEquals(LocalDateTime.of(2026, 8, 1, 0, 0), WolkvoxTime.parseStart("2026-08-01", NOW));
        assertEquals(LocalDateTime.of(2026, 8, 1, 6, 30), WolkvoxTime.parseStart("2026-08-01T06:30:00", NOW));
        assertEquals(LocalDateTime.of(2026, 8, 1, 6, 30), WolkvoxTime.parseStart("20260801063000", NOW));
        assertEquals(LocalDateTime.of(2026, 11, 14, 0, 0), WolkvoxTime.parseStart("-P7D", NOW));
        assertEquals(LocalDateTime.of(2026, 11, 21, 9, 30, 45), WolkvoxTime.parseStart("-PT6H", NOW));
    }

    @Test
    void aBadStartNamesTheAcceptedForms() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> WolkvoxTime.parseStart("yesterday", NOW));
        assertTrue(error.getMessage().contains("'yesterday'") && error.getMessage().contains("yyyy-MM-dd"), error.getMessage());
    }
}
