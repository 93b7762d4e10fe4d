package io.github.wolkvoxcamel.simulator;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** Deterministic field values for one event: the same seed and event index always give the same values. */
final class Values {

    /** Wolkvox wall-clock time is UTC-5; ids embed the UTC epoch of the event. */
    private static final ZoneOffset WOLKVOX_OFFSET = ZoneOffset.ofHours(-5);

    private final long seed;
    private final long index;

    Values(long seed, long index) {
        this.seed = seed;
        this.index = index;
    }

    long index() {
        return index;
    }

    /** A number in {@code [0, bound)} that depends only on the seed, the event and {@code salt}. */
    int pick(int salt, int bound) {
        return (int) Math.floorMod(EventTimeline.mix(seed * 31 + index * 1_000_003L + salt), (long) bound);
    }

    String pick(int salt, List<String> options) {
        return options.get(pick(salt, options.size()));
    }

    /** {@code digits} digits, unique per event for the first 10^digits events (7919 is coprime with 10). */
    String uniqueDigits(String prefix, int digits) {
        long modulus = (long) Math.pow(10, digits);
        return prefix + zeroPadded(Math.floorMod(index * 7919 + seed, modulus), digits);
    }

    String digits(int salt, int digits) {
        StringBuilder text = new StringBuilder(digits);
        for (int d = 0; d < digits; d++) {
            text.append(pick(salt * 97 + d, 10));
        }
        return text.toString();
    }

    /** Wolkvox call id shape {@code a.b.c.<utc epoch>.<seq>}, unique per event. */
    String connId(String prefix, LocalDateTime at) {
        return prefix + "." + zeroPadded(pick(11, 10_000), 4) + "." + at.toEpochSecond(WOLKVOX_OFFSET) + "." + index;
    }

    static String clock(int seconds) {
        return zeroPadded(seconds / 3600, 2) + ":" + zeroPadded(seconds / 60 % 60, 2) + ":" + zeroPadded(seconds % 60, 2);
    }

    /** {@code value} in at least {@code digits} digits; String.format costs more than the rest of a record. */
    static String zeroPadded(long value, int digits) {
        String text = Long.toString(value);
        return text.length() >= digits ? text : "0".repeat(digits - text.length()) + text;
    }
}
