package io.github.wolkvoxcamel.catalog;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.ZoneId;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Each conversion of the typed mode, from the strings Wolkvox sends, and a value of each kind that does not convert. */
class ValueKindTest {

    private static final ZoneId BOGOTA = ZoneId.of("America/Bogota");

    private static Object convert(ValueKind kind, String raw) {
        return kind.convert(raw, BOGOTA);
    }

    private static void refuses(ValueKind kind, String raw, String reason) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> convert(kind, raw));
        assertEquals(reason, e.getMessage());
    }

    @Test
    void integers() {
        assertEquals(184L, convert(ValueKind.INTEGER, "184"));
        assertEquals(1172L, convert(ValueKind.INTEGER, "1,172"), "a thousands separator");
        assertEquals(-3L, convert(ValueKind.INTEGER, " -3 "));
        refuses(ValueKind.INTEGER, "12.5", "is no whole number");
        refuses(ValueKind.INTEGER, "1,17", "is no whole number");
    }

    @Test
    void decimals() {
        assertEquals(new BigDecimal("12.50"), convert(ValueKind.DECIMAL, "12.50"), "kept exact, scale included");
        assertEquals(new BigDecimal("9336.00"), convert(ValueKind.DECIMAL, "9,336.00"));
        assertEquals(new BigDecimal("7"), convert(ValueKind.DECIMAL, "7"));
        refuses(ValueKind.DECIMAL, "12,5", "is no number");
        refuses(ValueKind.DECIMAL, "$12", "is no number");
    }

    @Test
    void percents() {
        assertEquals(new BigDecimal("28.81"), convert(ValueKind.PERCENT, "28.81 %"));
        assertEquals(new BigDecimal("9336.00"), convert(ValueKind.PERCENT, "9,336.00 %"));
        assertEquals(new BigDecimal("0"), convert(ValueKind.PERCENT, "0 %"));
        assertEquals(new BigDecimal("34.64"), convert(ValueKind.PERCENT, "34.64%"));
        assertEquals(new BigDecimal("5.5"), convert(ValueKind.PERCENT, "5.5"), "without its sign");
        refuses(ValueKind.PERCENT, "high %", "is no number");
    }

    @Test
    void booleans() {
        assertEquals(true, convert(ValueKind.BOOLEAN, "yes"));
        assertEquals(true, convert(ValueKind.BOOLEAN, "SI"));
        assertEquals(true, convert(ValueKind.BOOLEAN, "true"));
        assertEquals(true, convert(ValueKind.BOOLEAN, "1"));
        assertEquals(false, convert(ValueKind.BOOLEAN, "no"));
        assertEquals(false, convert(ValueKind.BOOLEAN, "0"));
        assertThrows(IllegalArgumentException.class, () -> convert(ValueKind.BOOLEAN, "maybe"));
    }

    @Test
    void datesAndTimesAreBogotaWallClock() {
        assertEquals("2026-01-19T09:47:50-05:00", convert(ValueKind.DATE_TIME, "2026-01-19 09:47:50"));
        assertEquals("2026-01-19T09:47:50-05:00", convert(ValueKind.DATE_TIME, "2026-01-19T09:47:50"));
        // RFC 3339's date-time (the schema's format) has its seconds, zero too
        assertEquals("2026-01-19T09:47:00-05:00", convert(ValueKind.DATE_TIME, "2026-01-19 09:47:00"));
        refuses(ValueKind.DATE_TIME, "19/01/2026 09:47", "is no date and time (yyyy-MM-dd HH:mm:ss)");
        refuses(ValueKind.DATE_TIME, "2026-02-30 10:00:00", "is no date and time (yyyy-MM-dd HH:mm:ss)");
        assertEquals("2026-01-19", convert(ValueKind.DATE, "2026-01-19"));
        refuses(ValueKind.DATE, "20260119", "is no date (yyyy-MM-dd)");
    }

    @Test
    void durationsFromClockOrSeconds() {
        assertEquals("PT1M6S", convert(ValueKind.DURATION, "00:01:06"));
        assertEquals("PT125H3M10S", convert(ValueKind.DURATION, "125:03:10"), "hours past a day");
        assertEquals("PT1M6S", convert(ValueKind.DURATION, "01:06"), "minutes and seconds");
        assertEquals("PT3M4S", convert(ValueKind.DURATION, "184"), "seconds");
        assertEquals("PT0S", convert(ValueKind.DURATION, "00:00:00"));
        refuses(ValueKind.DURATION, "00:75:00", "is no duration (HH:MM:SS, MM:SS or seconds)");
        refuses(ValueKind.DURATION, "-5", "is no duration (HH:MM:SS, MM:SS or seconds)");
    }

    @Test
    void wolkvoxEmptyValuesAreNull() {
        for (ValueKind kind : ValueKind.values()) {
            assertNull(convert(kind, ""), kind + ": empty");
            assertNull(convert(kind, " "), kind + ": blank");
            assertNull(convert(kind, "--"), kind + ": the placeholder of cdr_calls");
        }
        assertNull(convert(ValueKind.DATE_TIME, "0000-00-00 00:00:00"), "a zero date");
    }

    @Test
    void catalogWordsNameTheKinds() {
        for (ValueKind kind : ValueKind.values()) {
            assertEquals(kind, ValueKind.parse(kind.word()));
        }
        assertEquals("value 'money' is none of integer, decimal, percent, boolean, date-time, date, duration",
                assertThrows(IllegalArgumentException.class, () -> ValueKind.parse("money")).getMessage());
    }
}
