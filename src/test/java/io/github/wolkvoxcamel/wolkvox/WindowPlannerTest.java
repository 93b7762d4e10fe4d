package io.github.wolkvoxcamel.wolkvox;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WindowPlannerTest {

    private static final LocalDateTime TODAY = LocalDateTime.of(2026, 3, 10, 0, 0);
    private final WindowPlanner planner = new WindowPlanner(Duration.ofDays(31), Duration.ZERO, Duration.ZERO);

    @Test
    void firstPollRunsFromTheInitialStartToNow() {
        List<Window> windows = planner.plan(null, TODAY, TODAY.plusHours(9).plusMinutes(5).plusSeconds(7));
        assertEquals(List.of(new Window(TODAY, LocalDateTime.of(2026, 3, 10, 9, 5, 7))), windows);
        assertEquals("20260310000000", windows.get(0).dateIni());
        assertEquals("20260310090507", windows.get(0).dateEnd());
    }

    @Test
    void consecutivePollsNeitherSkipNorRepeatASecond() {
        Window first = planner.plan(null, TODAY, TODAY.plusMinutes(5)).get(0);
        Window second = planner.plan(first.end(), TODAY, TODAY.plusMinutes(10)).get(0);
        assertEquals(first.end().plusSeconds(1), second.start());
        assertEquals(TODAY.plusMinutes(10), second.end());
    }

    @Test
    void nothingToFetchWhenTheWatermarkIsNow() {
        assertTrue(planner.plan(TODAY.plusMinutes(5), TODAY, TODAY.plusMinutes(5)).isEmpty());
    }

    @Test
    void aLongRangeIsCutIntoContiguousChunksOfAtMost31Days() {
        LocalDateTime from = LocalDateTime.of(2026, 1, 1, 0, 0);
        LocalDateTime now = LocalDateTime.of(2026, 4, 15, 12, 0);
        List<Window> windows = planner.plan(null, from, now);
        assertEquals(from, windows.get(0).start());
        assertEquals(now, windows.get(windows.size() - 1).end());
        for (int i = 0; i < windows.size(); i++) {
            assertTrue(windows.get(i).span().compareTo(Duration.ofDays(31)) <= 0, "chunk " + windows.get(i));
            if (i > 0) {
                assertEquals(windows.get(i - 1).nextStart(), windows.get(i).start());
            }
        }
        assertEquals(Duration.ofDays(31), windows.get(0).span());
        assertEquals(4, windows.size());
    }

    @Test
    void lagKeepsTheWindowBehindNowAndOverlapReachesBackBeforeTheWatermark() {
        WindowPlanner lagging = new WindowPlanner(Duration.ofDays(1), Duration.ofMinutes(2), Duration.ofMinutes(15));
        Window window = lagging.plan(TODAY.plusHours(1), TODAY, TODAY.plusHours(2)).get(0);
        assertEquals(TODAY.plusHours(1).plusSeconds(1).minusMinutes(15), window.start());
        assertEquals(TODAY.plusHours(2).minusMinutes(2), window.end());
    }

    @Test
    void aWatermarkWinsOverAMovingInitialStart() {
        // "today" moved past the watermark overnight: the night must still be fetched
        Window window = planner.plan(TODAY.minusHours(3), TODAY, TODAY.plusHours(1)).get(0);
        assertEquals(TODAY.minusHours(3).plusSeconds(1), window.start());
    }

    @Test
    void chunkSpanOver31DaysIsRefused() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new WindowPlanner(Duration.ofDays(32), Duration.ZERO, Duration.ZERO));
        assertTrue(error.getMessage().contains("31 days"), error.getMessage());
    }
}
