package io.github.wolkvoxcamel.time;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DurationsTest {

    @Test
    void readsShortAndIsoForms() {
        assertEquals(Duration.ofMinutes(5), Durations.parse("p", "5m"));
        assertEquals(Duration.ofSeconds(30), Durations.parse("p", "30s"));
        assertEquals(Duration.ofMinutes(90), Durations.parse("p", "1h30m"));
        assertEquals(Duration.ofDays(31), Durations.parse("p", "31d"));
        assertEquals(Duration.ofMinutes(5), Durations.parse("p", "PT5M"));
        assertEquals(Duration.ofMillis(1500), Durations.parse("p", "1500"));
    }

    @Test
    void rejectsWhatItCannotReadNamingTheSetting() {
        for (String bad : new String[] {"", "5 minutes", "5x", "m5", "PT5Q", "5m junk"}) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> Durations.parse("wolkvox.poll-period", bad), bad);
            assertTrue(error.getMessage().startsWith("wolkvox.poll-period"), error.getMessage());
        }
    }
}
