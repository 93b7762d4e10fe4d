package io.github.wolkvoxcamel.time;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WindowPlannerTest {

    private static final LocalDateTime TODAY = LocalDateTime.of(2026, 3, 10, 0, 0);
    private final WindowPlanner planner = new WindowPlanner(Duration.ofDays(31));

    @Test
    void firstPollRunsFromTheInitialStartToNow() {
        List<Window> windows = planner.plan(null, TODAY, TODAY.plusHours(9).plusMinutes(5).plusSeconds(7), Duration.ZERO);
        assertEquals(List.of(new Window(TODAY, LocalDateTime.of(2026, 3, 10, 9, 5, 7))), windows);
        assertEquals("20260310000000", windows.get(0).dateIni());
        assertEquals("20260310090507", windows.get(0).dateEnd());
    }

    @Test
    void consecutivePollsNeitherSkipNorRepeatASecond() {
        Window first = planner.plan(null, TODAY, TODAY.plusMinutes(5), Duration.ZERO).get(0);
        Window second = planner.plan(first.end(), TODAY, TODAY.plusMinutes(10), Duration.ZERO).get(0);
        assertEquals(first.end().plusSeconds(1), second.start());
        assertEquals(TODAY.plusMinutes(10), second.end());
    }

    @Test
    void nothingToFetchWhenTheWatermarkIsNow() {
        assertTrue(planner.plan(TODAY.plusMinutes(5), TODAY, TODAY.plusMinutes(5), Duration.ZERO).isEmpty());
    }

    @Test
    void aLongRangeIsCutIntoContiguousChunksOfAtMost31Days() {
        LocalDateTime from = LocalDateTime.of(2026, 1, 1, 0, 0);
        LocalDateTime now = LocalDateTime.of(2026, 4, 15, 12, 0);
        List<Window> windows = planner.plan(null, from, now, Duration.ZERO);
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
    void eachPollReadsItsLookbackAgainUpToTheSettleLag() {
        LocalDateTime watermark = TODAY.plusHours(1);
        Window window = planner.plan(watermark, TODAY, TODAY.plusHours(2).minusSeconds(30), Duration.ofMinutes(30)).get(0);
        assertEquals(watermark.plusSeconds(1).minusMinutes(30), window.start(), "the lookback behind the watermark");
        assertEquals(TODAY.plusHours(2).minusSeconds(30), window.end());
        assertTrue(planner.plan(watermark, TODAY, watermark, Duration.ofMinutes(30)).isEmpty(),
                "nothing new yet: the lookback alone is not fetched");
    }

    @Test
    void bucketsAreWholeAlignedAndFetchedOnceSettled() {
        LocalDateTime now = TODAY.plusHours(3).plusMinutes(20);
        List<Window> first = WindowPlanner.buckets(null, TODAY.plusMinutes(40), now, Duration.ofHours(1),
                Duration.ofMinutes(30), Duration.ZERO);
        assertEquals(List.of(new Window(TODAY, TODAY.plusHours(1).minusSeconds(1)),
                new Window(TODAY.plusHours(1), TODAY.plusHours(2).minusSeconds(1))), first,
                "from the bucket the start falls in; 02:00-02:59 has not settled 30 minutes yet");
        Window last = first.get(first.size() - 1);
        assertTrue(WindowPlanner.buckets(last.end(), TODAY, now, Duration.ofHours(1), Duration.ofMinutes(30),
                Duration.ZERO).isEmpty());
        List<Window> repull = WindowPlanner.buckets(last.end(), TODAY, now.plusMinutes(20), Duration.ofHours(1),
                Duration.ofMinutes(30), Duration.ofHours(1));
        assertEquals(List.of(new Window(TODAY.plusHours(1), TODAY.plusHours(2).minusSeconds(1)),
                new Window(TODAY.plusHours(2), TODAY.plusHours(3).minusSeconds(1))), repull,
                "a re-pull asks for exactly the bounds fetched before, so counts keyed by them are not doubled");
    }

    @Test
    void aBucketMustDivideADay() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> WindowPlanner.checkBucket(Duration.ofMinutes(7)));
        assertTrue(error.getMessage().contains("divide a day"), error.getMessage());
        WindowPlanner.checkBucket(Duration.ofMinutes(15));
        WindowPlanner.checkBucket(Duration.ofDays(7));
    }

    @Test
    void aWatermarkWinsOverAMovingInitialStart() {
        // "today" moved past the watermark overnight: the night must still be fetched
        Window window = planner.plan(TODAY.minusHours(3), TODAY, TODAY.plusHours(1), Duration.ZERO).get(0);
        assertEquals(TODAY.minusHours(3).plusSeconds(1), window.start());
    }

    @Test
    void chunkSpanOver31DaysIsRefused() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new WindowPlanner(Duration.ofDays(32)));
        assertTrue(error.getMessage().contains("31 days"), error.getMessage());
    }
}
