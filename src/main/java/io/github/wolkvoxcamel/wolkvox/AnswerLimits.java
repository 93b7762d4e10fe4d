package io.github.wolkvoxcamel.wolkvox;

import io.github.wolkvoxcamel.time.Window;
import io.github.wolkvoxcamel.time.WolkvoxTime;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;

/**
 * Wolkvox's limits on one answer, a record cap and a size, and what they mean for a window: whether its answer may
 * have been cut (Wolkvox cuts silently), where to cut a window whose answer was full, and how long the windows after
 * it can be to fill most of an answer.
 */
public final class AnswerLimits {

    /** Share of the record cap (and of the size limit) a window is sized to hold, with room for busier hours. */
    static final double FILL = 0.9;
    /** An answer this close to Wolkvox's size limit may have been cut. */
    static final double SIZE_CUT = 0.95;

    private final int recordCap;
    private final long sizeLimit;

    /** @param sizeLimit Wolkvox's answer size limit in bytes */
    public AnswerLimits(int recordCap, long sizeLimit) {
        this.recordCap = recordCap;
        this.sizeLimit = sizeLimit;
    }

    /**
     * Why an answer may have been cut by Wolkvox, or null: as many records as the cap, fewer than its {@code msg} says
     * were found, or close to the size limit.
     */
    public String cutReason(Envelope envelope, long answerBytes) {
        if (envelope.recordCount() >= recordCap) {
            return "the answer holds the record cap of " + recordCap;
        }
        if (envelope.reportedCount() > envelope.recordCount()) {
            return "the answer says " + envelope.reportedCount() + " records were found but holds " + envelope.recordCount();
        }
        if (answerBytes >= sizeLimit * SIZE_CUT) {
            return "the answer of " + answerBytes + " bytes is close to Wolkvox's limit of " + sizeLimit;
        }
        return null;
    }

    /**
     * Where to cut a window whose answer held the record cap: a little before the latest record it still held, if
     * Wolkvox answered in time order that is about where the cap cut it off. Null when the answer does not tell (it did
     * not reach the cap, has no date field, or a date outside the window); the window is halved then.
     */
    public LocalDateTime cutBefore(Window window, Envelope envelope) {
        String latestDate = envelope.latestDate();
        if (envelope.recordCount() < recordCap || latestDate == null || latestDate.length() < 19) {
            return null;
        }
        LocalDateTime reached;
        try {
            reached = LocalDateTime.parse(latestDate.substring(0, 19), WolkvoxTime.RECORD_FORMAT);
        } catch (DateTimeParseException e) {
            return null;
        }
        if (!reached.isAfter(window.start()) || reached.isAfter(window.end())) {
            return null;
        }
        long seconds = Math.max(1, (long) (Duration.between(window.start(), reached).getSeconds() * FILL));
        return window.start().plusSeconds(seconds);
    }

    /**
     * How long the windows after this one can be: at most {@code maxSpan}, and short enough that, at this window's
     * records and bytes per second, an answer holds {@link #FILL} of the cap and of the size limit.
     */
    public Duration span(Window window, int records, long bytes, Duration maxSpan) {
        Duration span = maxSpan;
        long seconds = window.span().getSeconds();
        if (records > 0) {
            span = min(span, Duration.ofSeconds(Math.max(1, (long) (FILL * recordCap * seconds / records))));
        }
        if (bytes > 0) {
            span = min(span, Duration.ofSeconds(Math.max(1, (long) (FILL * sizeLimit * seconds / bytes))));
        }
        return span;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
