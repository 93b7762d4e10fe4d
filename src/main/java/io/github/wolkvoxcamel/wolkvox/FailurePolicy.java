package io.github.wolkvoxcamel.wolkvox;

import io.github.wolkvoxcamel.catalog.ReportShape;
import io.github.wolkvoxcamel.time.Window;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

/**
 * What a failed window leads to, by its error class: a request Wolkvox calls wrong (400) stops the report until its
 * YAML changes; a refused token is set aside until restart; a spent daily quota pauses the token until midnight,
 * Wolkvox's time; a web server's 404 page, records that did not reach their endpoints and a clock ahead of Wolkvox's
 * end the tick; a passing fault (timeout, 5xx, maintenance page, a broken answer, too many calls at once) is tried
 * again after a back-off with jitter up to the attempts allowed, then left for the next tick; a timeout, and an answer
 * that keeps coming back broken, make the window smaller, and one still broken at the smallest span is given up
 * ({@link WindowFailures}). Whether the day's calls allow a split or a retry is the caller's to check.
 */
public final class FailurePolicy {

    /** What to do. */
    public enum Action {
        /** Stop the report: it is not polled again until its route changes or the application restarts. */
        STOP_REPORT,
        /** Set the token aside until the application restarts: every report using it stops. */
        SET_TOKEN_ASIDE,
        /** Pause the token until {@link Decision#until()}. */
        PAUSE_TOKEN,
        /** End the tick: its windows wait for the next poll, which reads from the watermark. */
        END_TICK,
        /** Fetch the window again in halves. */
        SPLIT,
        /** Fetch the window again after {@link Decision#delay()}. */
        RETRY,
        /** Keep the window as a dead letter and move past it. */
        GIVE_UP
    }

    /**
     * @param delay the back-off before a retry, else zero
     * @param attempt the retry's attempt (2 for the first retry), else 0
     * @param until when a paused token may call again, else null
     */
    public record Decision(Action action, Duration delay, int attempt, Instant until) {

        static Decision of(Action action) {
            return new Decision(action, Duration.ZERO, 0, null);
        }
    }

    private final WindowFailures failures;
    private final Backoff backoff;

    public FailurePolicy(WindowFailures failures, Backoff backoff) {
        this.failures = failures;
        this.backoff = backoff;
    }

    /**
     * @param window the window that failed, or null when the failure came before one (the tick ends)
     * @param queue the tick's windows, which count the window's failures in this tick
     * @param now Wolkvox's time in {@code zone}
     */
    public Decision decide(String routeId, WolkvoxErrorClass errorClass, ReportShape shape, Window window,
                           WindowQueue queue, LocalDateTime now, ZoneId zone) {
        Decision fixed = switch (errorClass) {
            case CONFIGURATION -> Decision.of(Action.STOP_REPORT);
            case TOKEN_INVALID -> Decision.of(Action.SET_TOKEN_ASIDE);
            case QUOTA_EXHAUSTED -> new Decision(Action.PAUSE_TOKEN, Duration.ZERO, 0,
                    now.toLocalDate().plusDays(1).atStartOfDay(zone).toInstant());
            case NOT_FOUND_PAGE, DELIVERY_FAILED, CLOCK_AHEAD -> Decision.of(Action.END_TICK);
            default -> window == null ? Decision.of(Action.END_TICK) : null;
        };
        if (fixed != null) {
            return fixed;
        }
        return switch (failures.failed(routeId, window, errorClass, shape == ReportShape.DETAIL)) {
            case SPLIT -> Decision.of(Action.SPLIT);
            case GIVE_UP -> Decision.of(Action.GIVE_UP);
            case RETRY -> {
                int attempts = queue.failed(window);
                yield errorClass.retryable() && backoff.mayRetry(attempts)
                        ? new Decision(Action.RETRY, backoff.delay(attempts), attempts + 1, null)
                        : Decision.of(Action.END_TICK);
            }
        };
    }
}
