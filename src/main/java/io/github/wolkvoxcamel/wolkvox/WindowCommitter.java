package io.github.wolkvoxcamel.wolkvox;

import io.github.wolkvoxcamel.backfill.Backfill;
import io.github.wolkvoxcamel.catalog.ReportShape;
import io.github.wolkvoxcamel.state.WindowLedger;
import io.github.wolkvoxcamel.time.Window;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ends a window that got through: its delivered records made durable, the watermark moved to its end (not for a
 * window put back as halves), the ledger, health and a backfill told, and the detail windows still to come sized
 * ({@link WindowSizer}). A window given up is passed the same way, with nothing delivered.
 */
final class WindowCommitter {

    private static final Logger LOG = LoggerFactory.getLogger("wolkvox.poll");

    private final PollerSettings settings;
    private final ReportPoller.Parts parts;
    private final WindowFailures failures;
    private final ListDigests listDigests;
    /** Each real-time route's last answered end: time between it and the next answer's start is lost. */
    private final Map<String, LocalDateTime> realtimeCovered = new ConcurrentHashMap<>();

    WindowCommitter(PollerSettings settings, ReportPoller.Parts parts, WindowFailures failures,
                    ListDigests listDigests) {
        this.settings = settings;
        this.parts = parts;
        this.failures = failures;
        this.listDigests = listDigests;
    }

    /** Ends a window whose records all reached their endpoints. */
    void delivered(Tick tick, String routeId) throws InterruptedException {
        ReportSpec spec = tick.spec;
        Window window = tick.window;
        Envelope envelope = tick.envelope;
        String outcome = tick.outcome;
        WindowQueue queue = tick.windows;
        Backfill backfill = tick.backfill;
        if (backfill != null) {
            backfill.called(routeId);
        }
        if (!outcome.equals("split")) {
            pass(tick, routeId);
            if (tick.listDigest != null) {
                listDigests.delivered(routeId, tick.listDigest);
            }
            if (spec.shape() == ReportShape.REALTIME) {
                realtimeCovered(routeId, spec, window);
            }
            if (queue.remaining() == 0) {
                // the tick's last window: nothing due is left, and a re-pull got through
                parts.monitor().current(routeId);
                if (tick.repull) {
                    LocalDateTime repulled = now();
                    parts.commit().watermarks().repulled(tick.stateScope, routeId, repulled);
                    parts.monitor().repulled(routeId, repulled);
                }
            }
            parts.monitor().delivered(routeId,
                    backfill == null ? parts.commit().watermarks().get(tick.stateScope, tick.stateKey) : null);
            if (backfill != null) {
                backfill.windowDelivered(routeId, window, envelope.recordCount(), queue.remaining());
            }
        }
        parts.ledger().record(new WindowLedger.Entry(routeId, spec.api(), window.start(), window.end(),
                envelope.recordCount(), outcome, null, now()));
        LOG.info("poll report={} route={} window={} records={} durationMs={} outcome={}", spec.api(), routeId, window,
                envelope.recordCount(), tick.elapsedNanos() / 1_000_000, outcome);
    }

    /** Passes a window given up (kept as a dead letter) like a delivered one with no records. */
    void givenUp(Tick tick, String routeId, WolkvoxErrorClass errorClass) throws InterruptedException {
        Window window = tick.window;
        pass(tick, routeId);
        parts.ledger().record(new WindowLedger.Entry(routeId, tick.spec.api(), window.start(), window.end(), 0,
                "given-up", errorClass.name(), now()));
        Backfill backfill = tick.backfill;
        if (backfill != null) {
            // a backfill whose last window is given up ends then, not a poll later
            backfill.windowDelivered(routeId, window, 0, tick.windows.remaining());
        }
    }

    /** Makes the window's delivered records durable and moves the watermark past it (a real-time report has none). */
    private void pass(Tick tick, String routeId) throws InterruptedException {
        parts.commit().delivered(tick.stateScope, routeId, tick.windowOwner, tick.stateKey,
                tick.spec.shape() == ReportShape.REALTIME ? null : tick.window.end());
        failures.done(routeId, tick.window);
    }

    /** A real-time answer covers its horizon only: time between it and the previous one is lost, and counted. */
    private void realtimeCovered(String routeId, ReportSpec spec, Window window) {
        LocalDateTime previous = realtimeCovered.put(routeId, window.end());
        if (previous != null && window.start().isAfter(previous.plusSeconds(1))) {
            long lost = Duration.between(previous, window.start()).getSeconds() - 1;
            parts.monitor().realtimeGap(routeId, spec.api(), lost);
            LOG.warn("report={} route={} real-time gap: {} s between {} and {} were never answered (polls came further "
                    + "apart than the report's horizon of {})", spec.api(), routeId, lost, previous, window.start(),
                    spec.horizon());
        }
    }

    private LocalDateTime now() {
        return parts.clock().now(settings.zone());
    }
}
