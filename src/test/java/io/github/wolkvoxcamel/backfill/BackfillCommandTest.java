package io.github.wolkvoxcamel.backfill;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BackfillCommandTest {

    @Test
    void aDayAsEndMeansTheWholeDay() {
        Map<String, String> settings = BackfillCommand.settings(new String[] {"backfill", "--from", "2026-07-01",
                "--to", "2026-09-30", "--reports", "diagram_1,agents_detail", "--chunk", "1d"});
        assertEquals("20260701000000", settings.get("wolkvox.backfill.from"));
        assertEquals("20260930235959", settings.get("wolkvox.backfill.to"));
        assertEquals("diagram_1,agents_detail", settings.get("wolkvox.backfill.reports"));
        assertEquals("1d", settings.get("wolkvox.chunk-span"));
    }

    @Test
    void badArgumentsExplainTheUsage() {
        for (String[] args : new String[][] {{"backfill", "--from", "2026-07-01"}, {"backfill", "--from", "2026-07-01",
                "--to", "2026-07-02", "--everything", "yes"}, {"backfill", "--from"}}) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> BackfillCommand.settings(args));
            assertTrue(error.getMessage().contains("usage: backfill"), error.getMessage());
        }
    }

    @Test
    void minimumCallsCountTheCapAndThe31DayLimit() {
        Backfill quarter = new Backfill(java.time.LocalDateTime.of(2026, 7, 1, 0, 0), java.time.LocalDateTime.of(2026, 9, 30, 23, 59, 59),
                java.util.Set.of(), java.util.Set::of, 60_000, new io.micrometer.core.instrument.simple.SimpleMeterRegistry(), () -> { });
        assertEquals(3, quarter.minimumCalls(1_000));
        assertEquals(17, quarter.minimumCalls(1_000_000));
    }
}
