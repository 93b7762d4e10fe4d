package io.github.wolkvoxcamel.simulator;

import java.time.Duration;
import java.time.LocalDateTime;

/**
 * What the real API does that a friendly demo need not: rows that become visible some seconds after their own date,
 * rows that share a call id with other content (a second IVR step, a second agent after a transfer), rows that change
 * after they were first served ({@code diagram_3} status), rows with an empty call id, and a {@code msg} that tells
 * how many rows matched even when {@code data} was cut at the cap. All of it deterministic: the same seed, row and
 * clock reading give the same answer.
 *
 * @param lateness a row becomes visible between 0 and this long after its own date; zero: at once
 * @param siblingRows some calls leave a second row with the same call id and other content
 * @param changeWithin a changing row reaches its final content at most this long after its date; null: rows never change
 * @param emptyKeyEvery every this many events a row's call id is empty; 0: never
 * @param trueCountInMsg {@code msg} says how many rows matched, also past the record cap
 */
public record Hardness(Duration lateness, boolean siblingRows, Duration changeWithin, long emptyKeyEvery,
                       boolean trueCountInMsg) {

    /** The demo: every row at once, unique ids, final content, {@code msg} counting what {@code data} holds. */
    public static final Hardness FRIENDLY = new Hardness(Duration.ZERO, false, null, 0, false);

    /** Rows up to two minutes late, siblings, rows settling within a minute, an empty call id every 997 events. */
    public static final Hardness HARD = new Hardness(Duration.ofMinutes(2), true, Duration.ofMinutes(1), 997, true);

    /** The longest a sibling row is dated after the first row of its call. */
    static final Duration SIBLING_REACH = Duration.ofMinutes(20);

    boolean friendly() {
        return equals(FRIENDLY);
    }

    /** Whether row {@code row} of event {@code event}, dated {@code at}, is visible to a call at {@code now}. */
    boolean visible(long seed, long event, int row, LocalDateTime at, LocalDateTime now) {
        long maxSeconds = lateness.toSeconds();
        long delay = maxSeconds == 0 ? 0 : Math.floorMod(EventTimeline.mix(seed ^ (event * 31 + row) ^ 0x5eed1a7eL), maxSeconds + 1);
        return !now.isBefore(at.plusSeconds(delay));
    }

    /** Whether the changing row dated {@code at}, settling after {@code settleSeconds}, has its final content at {@code now}. */
    boolean settled(LocalDateTime at, long settleSeconds, LocalDateTime now) {
        return changeWithin == null || !now.isBefore(at.plusSeconds(settleSeconds));
    }

    boolean emptyKey(long event) {
        return emptyKeyEvery > 0 && event % emptyKeyEvery == 0;
    }
}
