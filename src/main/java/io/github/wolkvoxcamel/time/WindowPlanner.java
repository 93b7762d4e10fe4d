package io.github.wolkvoxcamel.time;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides which windows a poll fetches. Pure: the caller supplies the watermark and the clock reading.
 * <ul>
 * <li>Detail reports: from a little before the end of the last delivered window (the lookback, re-read for rows that
 *     appear late or change) up to a settle lag behind now, cut into chunks no longer than the API's 31 days.</li>
 * <li>Aggregate reports: whole buckets aligned to the day, each once it ended at least its settle time ago, so that
 *     fetching one again asks for exactly the same bounds.</li>
 * </ul>
 */
public final class WindowPlanner {

    /** Wolkvox refuses ranges longer than this. */
    public static final Duration API_MAX_SPAN = Duration.ofDays(31);

    private final Duration maxSpan;

    /** @param maxSpan longest chunk; at most 31 days */
    public WindowPlanner(Duration maxSpan) {
        if (maxSpan.compareTo(Duration.ofSeconds(1)) < 0 || maxSpan.compareTo(API_MAX_SPAN) > 0) {
            throw new IllegalArgumentException("chunk span must be between 1 second and 31 days, got " + maxSpan);
        }
        this.maxSpan = maxSpan;
    }

    /**
     * @param watermark end of the last delivered window, or null before the first delivery
     * @param initialFrom where the first poll starts
     * @param until the end of the last window: now less the settle lag, in the report's zone
     * @param reach how far behind the watermark the poll starts again: the lookback, or the re-pull depth when due
     * @return the windows to fetch, in order; empty when there is nothing new yet
     */
    public List<Window> plan(LocalDateTime watermark, LocalDateTime initialFrom, LocalDateTime until, Duration reach) {
        // initialFrom only matters before the first delivery: "today" moves, a watermark does not
        LocalDateTime from = (watermark == null ? initialFrom : watermark.plusSeconds(1).minus(reach)).withNano(0);
        LocalDateTime end = until.withNano(0);
        if (watermark != null && !end.isAfter(watermark)) {
            return List.of();
        }
        List<Window> windows = new ArrayList<>();
        while (!from.isAfter(end)) {
            LocalDateTime chunkEnd = from.plus(maxSpan).minusSeconds(1);
            Window window = new Window(from, chunkEnd.isAfter(end) ? end : chunkEnd);
            windows.add(window);
            from = window.nextStart();
        }
        return windows;
    }

    /**
     * @param watermark end of the last bucket fetched, or null before the first
     * @param initialFrom where the first bucket starts (rounded down to a bucket)
     * @param now the current wall-clock time in the report's zone
     * @param bucket the bucket length; divides a day, at most 31 days
     * @param settle how long after its end a bucket is fetched, for rows that arrive late
     * @param reach how far behind the watermark to fetch buckets again (a re-pull), zero for none
     */
    public static List<Window> buckets(LocalDateTime watermark, LocalDateTime initialFrom, LocalDateTime now,
                                       Duration bucket, Duration settle, Duration reach) {
        checkBucket(bucket);
        LocalDateTime from = floor(watermark == null ? initialFrom : watermark.plusSeconds(1).minus(reach), bucket);
        LocalDateTime lastEnd = now.minus(settle).withNano(0);
        List<Window> windows = new ArrayList<>();
        while (!from.plus(bucket).minusSeconds(1).isAfter(lastEnd)) {
            windows.add(new Window(from, from.plus(bucket).minusSeconds(1)));
            from = from.plus(bucket);
        }
        return windows;
    }

    /** Refuses a bucket that does not divide a day or runs past the 31-day limit. */
    public static void checkBucket(Duration bucket) {
        long seconds = bucket.getSeconds();
        boolean dividesDay = seconds > 0 && (seconds < 86_400 ? 86_400 % seconds == 0 : seconds % 86_400 == 0);
        if (!dividesDay || bucket.compareTo(API_MAX_SPAN) > 0) {
            throw new IllegalArgumentException("bucket " + bucket + " must divide a day (e.g. 15m, 1h, 1d) or be whole "
                    + "days up to 31");
        }
    }

    /** The start of the bucket {@code time} falls in, buckets counted from midnight (whole days: from the epoch day). */
    static LocalDateTime floor(LocalDateTime time, Duration bucket) {
        long seconds = bucket.getSeconds();
        if (seconds >= 86_400) {
            long days = seconds / 86_400;
            long day = time.toLocalDate().toEpochDay();
            return java.time.LocalDate.ofEpochDay(Math.floorDiv(day, days) * days).atStartOfDay();
        }
        LocalDateTime midnight = time.truncatedTo(ChronoUnit.DAYS);
        long into = Duration.between(midnight, time).getSeconds();
        return midnight.plusSeconds(into - into % seconds);
    }

    public Duration maxSpan() {
        return maxSpan;
    }
}
