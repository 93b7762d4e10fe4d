package io.github.wolkvoxcamel.catalog;

import java.util.Locale;

/** How a report relates to time, which decides its windows, its re-reads and its calls a day. */
public enum ReportShape {
    /**
     * Rows dated inside the requested window, which may show up late or change: every poll re-reads a trailing
     * lookback in the same call, and records already delivered are skipped.
     */
    DETAIL,
    /**
     * Counts over the requested range (keyed by its bounds): fetched in whole buckets aligned to the day, once a bucket
     * has settled, and fetched again only with exactly the same bounds, so nothing is counted twice.
     */
    AGGREGATE,
    /** No dates: each call answers a sliding window ending now (its horizon, e.g. 10 minutes). */
    REALTIME;

    public static ReportShape parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("report shape '" + text + "' is none of detail, aggregate, realtime", e);
        }
    }
}
