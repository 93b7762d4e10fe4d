package io.github.wolkvoxcamel.wolkvox;

import io.github.wolkvoxcamel.time.Window;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDateTime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AnswerLimitsTest {

    private static final int CAP = 60_000;
    private static final long SIZE_LIMIT = 256L * 1024 * 1024;
    private final AnswerLimits limits = new AnswerLimits(CAP, SIZE_LIMIT);
    private final Window day = new Window(LocalDateTime.parse("2026-11-23T00:00:00"), LocalDateTime.parse("2026-11-23T23:59:59"));

    @Test
    void anAnswerIsCutAtTheCapWhenItSaysMoreWereFoundOrNearTheSizeLimit() {
        assertTrue(limits.cutReason(new Envelope("200", "60000 records were found", CAP), 1_000).contains("record cap of 60000"));
        assertTrue(limits.cutReason(new Envelope("200", "812 records were found", 800), 1_000)
                .contains("says 812 records were found but holds 800"));
        assertTrue(limits.cutReason(new Envelope("200", "5 records were found", 5), (long) (SIZE_LIMIT * 0.96))
                .contains("close to Wolkvox's limit"));
        assertNull(limits.cutReason(new Envelope("200", "59999 records were found", CAP - 1), SIZE_LIMIT / 2));
    }

    @Test
    void aFullAnswerIsCutALittleBeforeTheLatestRecordItHeld() {
        Envelope full = new Envelope("200", null, CAP, "2026-11-23 10:00:00");
        // 10 hours in, 90 % of it: 9 hours
        assertEquals(LocalDateTime.parse("2026-11-23T09:00:00"), limits.cutBefore(day, full));
        assertNull(limits.cutBefore(day, new Envelope("200", null, CAP - 1, "2026-11-23 10:00:00")), "not full");
        assertNull(limits.cutBefore(day, new Envelope("200", null, CAP, "2026-11-24 10:00:00")), "outside the window");
        assertNull(limits.cutBefore(day, new Envelope("200", null, CAP, null)), "no dates: halved instead");
        assertNull(limits.cutBefore(day, new Envelope("200", null, CAP, "yesterday")), "not a date");
    }

    @Test
    void theNextWindowsHoldNineTenthsOfTheCapAndOfTheSizeAtThisWindowsRate() {
        Duration max = Duration.ofDays(31);
        int seconds = (int) day.span().getSeconds();
        // 120,000 records a day: 0.9 x 60,000 of them take 0.45 of a day
        assertEquals(Duration.ofSeconds((long) (0.9 * CAP * seconds / 120_000)), limits.span(day, 120_000, 1_000, max));
        // the bytes bind first: a day's answer of 512 MB
        assertEquals(Duration.ofSeconds((long) (0.9 * SIZE_LIMIT * seconds / (2 * SIZE_LIMIT))),
                limits.span(day, 1_000, 2 * SIZE_LIMIT, max));
        assertEquals(max, limits.span(day, 0, 0, max), "an empty window says nothing: the longest span");
    }
}
