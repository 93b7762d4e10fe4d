package io.github.wolkvoxcamel.wolkvox;

import io.github.wolkvoxcamel.state.WindowLedger;
import io.github.wolkvoxcamel.time.Window;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import static io.github.wolkvoxcamel.record.WolkvoxHeaders.HEADER_RECORD_DATE;

/**
 * Carries out what {@link FailurePolicy} decides for a failed window, within the day's calls ({@link CallReserve}),
 * and records every failure (log line, ledger, metrics, health) classified ({@link WolkvoxFailures}). Only a window
 * given up moves the watermark: it is kept as a dead letter, which says which range to fetch again by hand.
 */
final class FailureHandler {

    /** How much of a given-up window's answer its dead letter keeps. */
    private static final int ANSWER_HEAD_BYTES = 16 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger("wolkvox.poll");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE;

    private final PollerSettings settings;
    private final ReportPoller.Parts parts;
    private final FailurePolicy policy;
    private final PollSchedule schedule;
    private final PollGate gate;
    private final WindowCommitter committer;

    FailureHandler(PollerSettings settings, ReportPoller.Parts parts, FailurePolicy policy, PollSchedule schedule,
                   PollGate gate, WindowCommitter committer) {
        this.settings = settings;
        this.parts = parts;
        this.policy = policy;
        this.schedule = schedule;
        this.gate = gate;
        this.committer = committer;
    }

    /**
     * A window failed with {@code failure}: records it and does what the policy decides.
     *
     * @return the failure, classified
     */
    WolkvoxAnswerException windowFailed(Tick tick, String routeId, Throwable failure) throws InterruptedException {
        AnswerSpool spool = tick.spool;
        byte[] answerHead = spool == null ? new byte[0] : spool.head(ANSWER_HEAD_BYTES);
        // first: nothing that fails after it may leave the window's transaction open
        parts.commit().failed(routeId, tick.windowOwner);
        tick.discardAnswer();
        WolkvoxAnswerException classified = record(tick, routeId, failure);
        ReportSpec spec = tick.spec;
        Window window = tick.window;
        WindowQueue queue = tick.windows;
        String alias = parts.tokens().canonical(spec.token());
        String message = classified.getMessage();
        FailurePolicy.Decision decision = policy.decide(routeId, classified.errorClass(), spec.shape(), window, queue,
                now(), settings.zone());
        switch (decision.action()) {
            case STOP_REPORT -> {
                gate.refused(routeId, spec, message);
                LOG.error("report={} route={} stopped: Wolkvox refused the request with parameters {} ({}). Fix api, group "
                        + "or params in the YAML; the report polls again once its route changes or on restart", spec.api(),
                        routeId, tick.call == null ? "-" : tick.call.requestParams(), message);
                queue.clear();
            }
            case SET_TOKEN_ASIDE -> {
                parts.tokenStates().invalid(alias, message);
                LOG.error("token {} refused by Wolkvox ({}): reports using it stop until the application restarts with "
                        + "a valid WOLKVOX_TOKEN or WOLKVOX_TOKEN_FILE", alias, message);
                queue.clear();
            }
            case PAUSE_TOKEN -> {
                parts.tokenStates().pauseUntil(alias, decision.until(), message);
                LOG.warn("token {} used up its daily calls ({}): reports using it pause until {}", alias, message,
                        decision.until());
                queue.clear();
            }
            case END_TICK -> queue.clear();
            case SPLIT -> {
                if (mayCallAgain(spec, routeId, window)) {
                    LOG.info("poll report={} route={} window={} is fetched again in halves after {}", spec.api(),
                            routeId, window, classified.errorClass());
                    queue.splitNext(window);
                } else {
                    queue.clear();
                }
            }
            case RETRY -> {
                if (mayCallAgain(spec, routeId, window)) {
                    LOG.info("poll report={} route={} window={} retry={}/{} in={}ms", spec.api(), routeId, window,
                            decision.attempt(), parts.backoff().maxAttempts(), decision.delay().toMillis());
                    parts.monitor().retried(spec.api(), classified.errorClass().name());
                    queue.retryNext(window);
                    tick.pause = decision.delay();
                } else {
                    queue.clear();
                }
            }
            case GIVE_UP -> giveUp(tick, routeId, classified, answerHead);
        }
        return classified;
    }

    /**
     * A poll failed outside a window (planning it): records it; the watermark stays.
     *
     * @return the failure, classified
     */
    WolkvoxAnswerException pollFailed(Tick tick, String routeId, Throwable failure) {
        parts.commit().failed(routeId, tick.windowOwner);
        tick.discardAnswer();
        return record(tick, routeId, failure);
    }

    /**
     * Whether the retry budget lets a failed window be called again in this tick (counted as a retry when it does);
     * else it waits for the next poll, which reads from the watermark anyway.
     */
    private boolean mayCallAgain(ReportSpec spec, String routeId, Window window) {
        String alias = parts.tokens().canonical(spec.token());
        LocalDate today = now().toLocalDate();
        String refused = schedule.reserve(alias).refusesRetry(parts.callBudget().retries(alias, today),
                parts.callBudget().used(alias, today), schedule.untilMidnight());
        if (refused != null) {
            LOG.warn("poll report={} route={} window={} is not tried again before the next poll: {}", spec.api(), routeId,
                    window, refused);
            return false;
        }
        parts.callBudget().retried(alias, today);
        return true;
    }

    /**
     * A window still broken at the smallest span: kept as a dead letter (what was asked, the error, the answer's start)
     * and passed, so that the report and its token's calls go on.
     */
    private void giveUp(Tick tick, String routeId, WolkvoxAnswerException classified, byte[] answerHead)
            throws InterruptedException {
        ReportSpec spec = tick.spec;
        Window window = tick.window;
        Map<String, String> headers = WindowHeaders.of(spec, window, settings.zone(), now());
        headers.put(HEADER_RECORD_DATE, DAY.format(window.start()));
        try {
            parts.deadLetters().keepWindow(routeId, headers, classified.errorClass().name(), classified.getMessage(),
                    answerHead);
        } catch (ExecutionException e) {
            LOG.error("report={} route={} window={}: cannot keep the given-up window as a dead letter ({}); it is tried "
                    + "again on the next poll", spec.api(), routeId, window, e.getMessage());
            tick.windows.clear();
            return;
        }
        committer.givenUp(tick, routeId, classified.errorClass());
    }

    /** Classifies a failure and records it: log line, ledger, metrics and health. Never holds a token. */
    private WolkvoxAnswerException record(Tick tick, String routeId, Throwable failure) {
        Window window = tick.window;
        boolean answerReceived = tick.envelope != null;
        WolkvoxAnswerException classified = WolkvoxFailures.classify(failure, answerReceived);
        ReportSpec spec = tick.spec;
        String api = spec == null ? "-" : spec.api();
        if (!answerReceived && window != null) {
            parts.monitor().called(routeId, api, spec.token(), classified.errorClass().name(),
                    tick.call == null ? tick.elapsedNanos() : tick.call.durationNanos(), 0);
        }
        WolkvoxErrorClass errorClass = classified.errorClass();
        parts.monitor().failed(routeId, errorClass.name(), classified.getMessage(),
                errorClass == WolkvoxErrorClass.CONFIGURATION || errorClass == WolkvoxErrorClass.TOKEN_INVALID
                        || errorClass == WolkvoxErrorClass.NOT_FOUND_PAGE || errorClass == WolkvoxErrorClass.CLOCK_AHEAD);
        // records that did reach their sinks stay remembered (in memory) so the retry skips them; they become durable
        // with the retried window (in exactly-once mode they were rolled back with its transaction, and go again)
        if (window != null) {
            parts.ledger().record(new WindowLedger.Entry(routeId, api, window.start(), window.end(), 0, "failed",
                    errorClass.name(), now()));
        }
        LOG.warn("poll report={} route={} window={} durationMs={} outcome=failed class={} error=\"{}\"", api, routeId,
                window == null ? "-" : window, tick.elapsedNanos() / 1_000_000, errorClass, classified.getMessage());
        return classified;
    }

    private LocalDateTime now() {
        return parts.clock().now(settings.zone());
    }
}
