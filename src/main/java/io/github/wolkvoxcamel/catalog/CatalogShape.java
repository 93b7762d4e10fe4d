package io.github.wolkvoxcamel.catalog;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How a catalogued report relates to time. Finer than the poller's {@link ReportShape}: it also says whether rows have
 * an id, whether counts break down by hour or day, and what a request without dates answers.
 */
public enum CatalogShape {
    /** Rows dated inside the requested window, with an id field. */
    DETAIL("content-version", ReportShape.DETAIL),
    /** Rows dated inside the requested window without an id: the key combines fields, if one is known at all. */
    DETAIL_UNKEYED("content-version", ReportShape.DETAIL),
    /** Counts over the whole requested range: each window is fetched once and the key carries its bounds. */
    RANGE_AGGREGATE("range", ReportShape.AGGREGATE),
    /** Counts per hour or day: each bucket is fetched once it settled. */
    BUCKETED_AGGREGATE("bucket", ReportShape.AGGREGATE),
    /** The state right now: every poll is delivered, an unchanged state too. */
    SNAPSHOT("poll-time", ReportShape.REALTIME),
    /** The rows of a fixed span before the call (the entry's horizon). */
    SLIDING_WINDOW("content-version", ReportShape.REALTIME),
    /** The current month's consumption counters: every poll is delivered. */
    BILLING_COUNTER("poll-time", ReportShape.REALTIME),
    /** Configuration and reference lists, or a search by id: the whole answer is compared. */
    LOOKUP("full", ReportShape.REALTIME);

    private final String dedup;
    private final ReportShape reportShape;

    CatalogShape(String dedup, ReportShape reportShape) {
        this.dedup = dedup;
        this.reportShape = reportShape;
    }

    /** The catalog's name for the shape: {@code range-aggregate}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * How a poller keeps from delivering a record twice: {@code content-version} (a key again when its content
     * changed), {@code bucket}, {@code range}, {@code poll-time} (every poll) or {@code full} (the whole answer).
     */
    public String dedup() {
        return dedup;
    }

    /**
     * The poller shape that requests the report the same way: with the window's dates, or without dates. Snapshots,
     * counters and lookups have no poller shape of their own yet; their {@link #dedup()} is what sets them apart.
     */
    public ReportShape reportShape() {
        return reportShape;
    }

    /** Whether a request carries {@code date_ini} and {@code date_end}. */
    public boolean windowed() {
        return reportShape != ReportShape.REALTIME;
    }

    public static CatalogShape parse(String word) {
        for (CatalogShape shape : values()) {
            if (shape.word().equals(word)) {
                return shape;
            }
        }
        throw new IllegalArgumentException("shape '" + word + "' is none of "
                + Arrays.stream(values()).map(CatalogShape::word).collect(Collectors.joining(", ")));
    }
}
