package io.github.wolkvoxcamel.wolkvox;

import io.github.wolkvoxcamel.time.Window;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.Map;

/**
 * Counts the failures of a report's windows across polls and decides when a window is made smaller. A window whose
 * answer times out or goes on past the spool's cap is halved at once (it is too large to answer); one whose answer keeps coming back broken
 * (a server error, an answer that is no whole envelope) is halved once it failed {@code maxAttempts} times, and from
 * then on each failure halves again, a bisection that closes in on what breaks it. At the smallest span a window that
 * still comes back broken is given up: the caller keeps it as a dead letter and goes on, so one bad row cannot hold a
 * report and its token's daily calls hostage. Once past the range that failed, windows grow back.
 */
public final class WindowFailures {

    /** What to do with a window that failed. */
    public enum Decision {
        /** Try the same window again (after a back-off), or on the next poll. */
        RETRY,
        /** Fetch it again in two halves, and windows no longer than a half until past it. */
        SPLIT,
        /** Give it up: keep it as a dead letter and move past it. */
        GIVE_UP
    }

    private static final class State {
        private final Map<LocalDateTime, Integer> failures = new HashMap<>();
        private Duration limit;
        private LocalDateTime bisectUntil;
    }

    private final int maxAttempts;
    private final Duration minSpan;
    private final Map<String, State> routes = new HashMap<>();

    public WindowFailures(int maxAttempts, Duration minSpan) {
        this.maxAttempts = maxAttempts;
        this.minSpan = minSpan;
    }

    /**
     * @param splittable false for a window whose bounds are part of its records (an aggregate's bucket) or that has
     *        none (real-time): it is never split, and given up like one at the smallest span
     */
    public synchronized Decision failed(String route, Window window, WolkvoxErrorClass errorClass, boolean splittable) {
        State state = routes.computeIfAbsent(route, r -> new State());
        int failures = state.failures.merge(window.start(), 1, Integer::sum);
        boolean canSplit = splittable && window.span().compareTo(minSpan) > 0 && window.span().getSeconds() >= 2;
        boolean broken = errorClass == WolkvoxErrorClass.MALFORMED_ANSWER || errorClass == WolkvoxErrorClass.SERVER_ERROR;
        boolean bisecting = state.bisectUntil != null;
        boolean tooLarge = errorClass == WolkvoxErrorClass.TIMEOUT || errorClass == WolkvoxErrorClass.ANSWER_TOO_LARGE
                || errorClass == WolkvoxErrorClass.TRANSACTION_TIMEOUT;
        if (tooLarge && canSplit || broken && canSplit && (bisecting || failures >= maxAttempts)) {
            state.limit = half(window);
            if (state.bisectUntil == null || window.end().isAfter(state.bisectUntil)) {
                state.bisectUntil = window.end();
            }
            return Decision.SPLIT;
        }
        boolean unreadable = errorClass == WolkvoxErrorClass.MALFORMED_ANSWER
                || errorClass == WolkvoxErrorClass.ANSWER_TOO_LARGE;
        if (unreadable && !canSplit && (bisecting || failures >= maxAttempts)) {
            return Decision.GIVE_UP;
        }
        return Decision.RETRY;
    }

    /** The longest window the route may fetch now, or null for no limit. */
    public synchronized Duration limit(String route) {
        State state = routes.get(route);
        return state == null ? null : state.limit;
    }

    /** The window was delivered or given up: its failures are forgotten, and past the failed range windows grow back. */
    public synchronized void done(String route, Window window) {
        State state = routes.get(route);
        if (state == null) {
            return;
        }
        state.failures.remove(window.start());
        if (state.bisectUntil == null || !window.end().isBefore(state.bisectUntil)) {
            routes.remove(route);
        }
    }

    private Duration half(Window window) {
        Duration half = Duration.ofSeconds(window.span().getSeconds() / 2);
        return half.compareTo(minSpan) < 0 ? minSpan : half;
    }
}
