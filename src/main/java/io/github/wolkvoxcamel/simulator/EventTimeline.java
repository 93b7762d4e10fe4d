package io.github.wolkvoxcamel.simulator;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.function.LongConsumer;

/**
 * Deterministic event times: event {@code i} happens somewhere in the slot {@code [i, i+1) * spacing} after a fixed
 * origin, at an offset that only the seed and {@code i} decide. So any window's events can be computed directly,
 * the same on every run, and a test can ask which records a window holds.
 */
final class EventTimeline {

    /** The first event's slot starts here (Wolkvox wall-clock time). */
    static final LocalDateTime ORIGIN = LocalDateTime.of(2020, 1, 1, 0, 0);

    private final long spacingMs;
    private final long seed;

    EventTimeline(long spacingMs, long seed) {
        if (spacingMs < 1) {
            throw new IllegalArgumentException("event spacing must be at least 1 ms");
        }
        this.spacingMs = spacingMs;
        this.seed = seed;
    }

    /** Milliseconds after {@link #ORIGIN} of event {@code i}. */
    long offsetMs(long i) {
        return i * spacingMs + Math.floorMod(mix(seed ^ i), spacingMs);
    }

    LocalDateTime timeOf(long i) {
        return ORIGIN.plus(Duration.ofMillis(offsetMs(i))).withNano(0);
    }

    /** Calls {@code action} with each event index whose second lies in {@code [from, to]}, in time order. */
    void forEach(LocalDateTime from, LocalDateTime to, LongConsumer action) {
        long lo = Math.max(0, Duration.between(ORIGIN, from).toMillis());
        long hi = Duration.between(ORIGIN, to).toMillis() + 999;
        if (hi < lo) {
            return;
        }
        for (long i = Math.max(0, lo / spacingMs - 1); i <= hi / spacingMs; i++) {
            long at = offsetMs(i);
            if (at >= lo && at <= hi) {
                action.accept(i);
            }
        }
    }

    long count(LocalDateTime from, LocalDateTime to) {
        long[] count = {0};
        forEach(from, to, i -> count[0]++);
        return count[0];
    }

    /** SplitMix64 finaliser: a well-spread hash of a long. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
