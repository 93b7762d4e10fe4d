package io.github.wolkvoxcamel.wolkvox;

import io.github.wolkvoxcamel.time.Window;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

import static io.github.wolkvoxcamel.record.WolkvoxHeaders.HEADER_FETCHED_AT;
import static io.github.wolkvoxcamel.record.WolkvoxHeaders.HEADER_GROUP;
import static io.github.wolkvoxcamel.record.WolkvoxHeaders.HEADER_REPORT;
import static io.github.wolkvoxcamel.record.WolkvoxHeaders.HEADER_WINDOW_END;
import static io.github.wolkvoxcamel.record.WolkvoxHeaders.HEADER_WINDOW_START;

/** The headers every record of a window carries, and its dead letter if the window is given up. */
final class WindowHeaders {

    private WindowHeaders() {
    }

    /** Report, group, the window's bounds and the fetch time, as offset date-times of Wolkvox's zone. */
    static Map<String, String> of(ReportSpec spec, Window window, ZoneId zone, LocalDateTime fetchedAt) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(HEADER_REPORT, spec.api());
        headers.put(HEADER_GROUP, spec.group());
        headers.put(HEADER_WINDOW_START, window.start().atZone(zone).toOffsetDateTime().toString());
        headers.put(HEADER_WINDOW_END, window.end().atZone(zone).toOffsetDateTime().toString());
        headers.put(HEADER_FETCHED_AT, fetchedAt.atZone(zone).toOffsetDateTime().toString());
        return headers;
    }
}
