package io.github.wolkvoxcamel.wolkvox;

import io.github.wolkvoxcamel.catalog.ReportShape;
import io.github.wolkvoxcamel.time.Window;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WindowSizerTest {

    private static final String ROUTE = "wolkvox-diagram_1";
    private static final LocalDateTime SIX = LocalDateTime.parse("2026-03-02T06:00:00");
    private static final Window TWO_HOURS = new Window(SIX, SIX.plusHours(2).minusSeconds(1));

    private final WindowFailures failures = new WindowFailures(3, Duration.ofMinutes(1));
    private final WindowSizer sizer = new WindowSizer(new AnswerLimits(100, 1_000_000), failures, Duration.ofMinutes(1),
            Duration.ofDays(31));

    private static Tick tick(ReportShape shape, Window window, Window... after) {
        Tick tick = new Tick(ROUTE);
        tick.spec = new ReportSpec(ROUTE, "diagram_1", "reports_manager", "", "conn_id", "date", "default", shape,
                Duration.ofMinutes(5), "today", Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofMinutes(10),
                Duration.ZERO);
        List<Window> windows = new ArrayList<>(List.of(after));
        tick.windows = new WindowQueue(windows);
        tick.window = window;
        return tick;
    }

    private static List<Window> remaining(WindowQueue queue) {
        List<Window> windows = new ArrayList<>();
        queue.forEachRemaining(windows::add);
        return windows;
    }

    @Test
    void anAnswerBelowTheLimitsIsNotCut() {
        assertNull(sizer.cut(tick(ReportShape.DETAIL, TWO_HOURS), new Envelope("200", "99 records were found", 99), 5_000));
    }

    @Test
    void aDetailWindowWhoseAnswerHoldsTheCapIsPutBackAsHalves() {
        Tick tick = tick(ReportShape.DETAIL, TWO_HOURS);
        WindowSizer.Cut cut = sizer.cut(tick, new Envelope("200", "100 records were found", 100), 5_000);
        assertTrue(cut.split());
        assertEquals("the answer holds the record cap of 100", cut.reason());
        assertEquals(List.of(new Window(SIX, SIX.plusHours(1).minusSeconds(1)),
                new Window(SIX.plusHours(1), SIX.plusHours(2).minusSeconds(1))), remaining(tick.windows));
    }

    @Test
    void aBucketOrAWindowAtTheSmallestSpanIsDeliveredAsItIsWithTheReason() {
        Tick bucket = tick(ReportShape.AGGREGATE, TWO_HOURS);
        WindowSizer.Cut cut = sizer.cut(bucket, new Envelope("200", "250 records were found", 100), 5_000);
        assertFalse(cut.split());
        assertEquals("the answer holds the record cap of 100", cut.reason());
        assertFalse(bucket.windows.hasNext());
        Window minute = new Window(SIX, SIX.plusMinutes(1).minusSeconds(1));
        assertFalse(sizer.cut(tick(ReportShape.DETAIL, minute), new Envelope("200", "100 records", 100), 5_000).split());
    }

    @Test
    void theWindowsToComeFillMostOfAnAnswerWithinWhatTheFailuresAllow() {
        Window next = new Window(SIX.plusHours(2), SIX.plusHours(8).minusSeconds(1));
        // 10 records in two hours: the cap of 100 takes far longer, so the rest is one window again
        Tick quiet = tick(ReportShape.DETAIL, TWO_HOURS, next);
        sizer.sizeRemaining(ROUTE, quiet, 10, 1_000);
        assertEquals(List.of(next), remaining(quiet.windows));
        // a timeout halved this report's windows: the rest no longer than half of the window that failed
        failures.failed(ROUTE, TWO_HOURS, WolkvoxErrorClass.TIMEOUT, true);
        Tick limited = tick(ReportShape.DETAIL, TWO_HOURS, next);
        sizer.sizeRemaining(ROUTE, limited, 10, 1_000);
        List<Window> windows = remaining(limited.windows);
        assertEquals(6, windows.size(), windows.toString());
        assertTrue(windows.stream().allMatch(window -> window.span().compareTo(Duration.ofHours(1)) <= 0), windows.toString());
        Tick planned = tick(ReportShape.DETAIL, null, next);
        sizer.fitToFailures(ROUTE, ReportShape.DETAIL, planned.windows);
        assertEquals(6, remaining(planned.windows).size());
    }
}
