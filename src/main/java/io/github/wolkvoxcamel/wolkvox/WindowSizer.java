package io.github.wolkvoxcamel.wolkvox;

import io.github.wolkvoxcamel.catalog.ReportShape;
import io.github.wolkvoxcamel.time.Window;

import java.time.Duration;
import java.time.LocalDateTime;

/**
 * How long a report's detail windows are: the planned ones no longer than its failures allow ({@link WindowFailures}),
 * one whose answer may have been cut put back as two halves ({@link AnswerLimits}), and, once a window's records and
 * bytes per second are known, the windows still to come cut to fill most of an answer. Never below the smallest span.
 */
final class WindowSizer {

    private final AnswerLimits limits;
    private final WindowFailures failures;
    private final Duration minSpan;
    private final Duration maxSpan;

    WindowSizer(AnswerLimits limits, WindowFailures failures, Duration minSpan, Duration maxSpan) {
        this.limits = limits;
        this.failures = failures;
        this.minSpan = minSpan;
        this.maxSpan = maxSpan;
    }

    /** The poll's planned windows, cut to the span the report's failures allow (detail windows only). */
    void fitToFailures(String routeId, ReportShape shape, WindowQueue windows) {
        Duration limit = failures.limit(routeId);
        if (limit != null && shape == ReportShape.DETAIL) {
            windows.rechunk(limit);
        }
    }

    /**
     * Whether the window's answer may have been cut, and if so puts it back as two halves when it can be split (a
     * detail window above the smallest span), split where its records stop when the answer says.
     *
     * @return why the answer may have been cut, and whether the window was split; null when it was not cut
     */
    Cut cut(Tick tick, Envelope envelope, long answerBytes) {
        String reason = limits.cutReason(envelope, answerBytes);
        if (reason == null) {
            return null;
        }
        Window window = tick.window;
        if (tick.spec.shape() != ReportShape.DETAIL || window.span().compareTo(minSpan) <= 0) {
            return new Cut(reason, false);
        }
        LocalDateTime at = limits.cutBefore(window, envelope);
        if (at != null) {
            tick.windows.splitNext(window, at);
        } else {
            tick.windows.splitNext(window);
        }
        return new Cut(reason, true);
    }

    /**
     * @param reason what says the answer may have been cut
     * @param split whether the window was put back as halves; else its records are delivered as they are
     */
    record Cut(String reason, boolean split) {
    }

    /** Cuts the windows still to come to fill most of an answer, at the rate of the one just delivered. */
    void sizeRemaining(String routeId, Tick tick, int records, long answerBytes) {
        Duration span = limits.span(tick.window, records, answerBytes, maxSpan);
        Duration limit = failures.limit(routeId);
        if (limit != null && limit.compareTo(span) < 0) {
            span = limit;
        }
        tick.windows.rechunk(span.compareTo(minSpan) < 0 ? minSpan : span);
    }
}
