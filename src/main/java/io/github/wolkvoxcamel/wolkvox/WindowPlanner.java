package io.github.wolkvoxcamel.wolkvox;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides which windows a poll fetches: from the end of the last delivered window (or the configured start on the
 * first poll) up to now minus a lag, cut into chunks no longer than the API's 31 days. Pure: the caller supplies
 * the watermark and the clock reading.
 */
public final class WindowPlanner {

    /** Wolkvox refuses ranges longer than this. */
    public static final Duration API_MAX_SPAN = Duration.ofDays(31);

    private final Duration maxSpan;
    private final Duration lag;
    private final Duration overlap;

    /**
     * @param maxSpan longest chunk; at most 31 days
     * @param lag how far behind now a window must end, for rows Wolkvox writes a little late
     * @param overlap how far back before the watermark each poll starts again, for rows that arrive late
     */
    public WindowPlanner(Duration maxSpan, Duration lag, Duration overlap) {
        if (maxSpan.compareTo(Duration.ofSeconds(1)) < 0 || maxSpan.compareTo(API_MAX_SPAN) > 0) {
            throw new IllegalArgumentException("chunk span must be between 1 second and 31 days, got " + maxSpan);
        }
        if (lag.isNegative() || overlap.isNegative()) {
            throw new IllegalArgumentException("lag and overlap must not be negative");
        }
        this.maxSpan = maxSpan;
        this.lag = lag;
        this.overlap = overlap;
    }

    /**
     * @param watermark end of the last delivered window, or null before the first delivery
     * @param initialFrom where the first poll starts
     * @param now the current wall-clock time in the report's zone
     * @return the windows to fetch, in order; empty when there is nothing new yet
     */
    public List<Window> plan(LocalDateTime watermark, LocalDateTime initialFrom, LocalDateTime now) {
        // initialFrom only matters before the first delivery: "today" moves, a watermark does not
        LocalDateTime from = (watermark == null ? initialFrom : watermark.plusSeconds(1).minus(overlap)).withNano(0);
        LocalDateTime until = now.minus(lag).withNano(0);
        List<Window> windows = new ArrayList<>();
        while (!from.isAfter(until)) {
            LocalDateTime chunkEnd = from.plus(maxSpan).minusSeconds(1);
            Window window = new Window(from, chunkEnd.isAfter(until) ? until : chunkEnd);
            windows.add(window);
            from = window.nextStart();
        }
        return windows;
    }

    public Duration maxSpan() {
        return maxSpan;
    }
}
