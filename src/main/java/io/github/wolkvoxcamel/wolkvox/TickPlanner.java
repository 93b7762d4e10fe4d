package io.github.wolkvoxcamel.wolkvox;

import io.github.wolkvoxcamel.backfill.Backfill;
import io.github.wolkvoxcamel.catalog.ReportShape;
import io.github.wolkvoxcamel.state.StateScope;
import io.github.wolkvoxcamel.state.WatermarkStore;
import io.github.wolkvoxcamel.time.Window;
import io.github.wolkvoxcamel.time.WindowPlanner;
import io.github.wolkvoxcamel.time.WolkvoxTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Plans a poll: which windows it fetches, by the report's shape, from its watermark (read again first after a restart
 * or a change of leader) to now, or to the end of a backfill; none when the {@link PollGate} holds the poll back.
 */
final class TickPlanner {

    private static final Logger LOG = LoggerFactory.getLogger("wolkvox.poll");

    private final PollerSettings settings;
    private final ReportPoller.Parts parts;
    private final PollSchedule schedule;
    private final WindowSizer sizer;
    private final PollGate gate;
    /** Report routes whose state is read again before their next poll, since when: they just became leaders. */
    private final Map<String, Long> reloadRequested = new ConcurrentHashMap<>();
    /** When each scope's state was read last. */
    private final Map<String, Long> scopeReloaded = new ConcurrentHashMap<>();
    /** Report routes that polled since the start. */
    private final Set<String> planned = ConcurrentHashMap.newKeySet();
    private final long startNanos = System.nanoTime();

    TickPlanner(PollerSettings settings, ReportPoller.Parts parts, PollSchedule schedule, PollGate gate,
                WindowSizer sizer) {
        this.settings = settings;
        this.parts = parts;
        this.schedule = schedule;
        this.gate = gate;
        this.sizer = sizer;
    }

    /**
     * Plans the windows the tick fetches, as the queue its window loop consumes; none when the report does not poll
     * now.
     *
     * @param backfill the backfill this run is, or null for live polls
     */
    void plan(Tick tick, String routeId, Backfill backfill) {
        ReportSpec spec = schedule.spec(routeId);
        tick.spec = spec;
        tick.backfill = backfill;
        tick.windows = new WindowQueue(List.of());
        parts.monitor().polling(routeId, spec.api(), schedule.period(routeId, spec));
        LocalDateTime now = now();
        String alias = parts.tokens().canonical(spec.token());
        tick.stateScope = StateScope.of(settings.server(), alias);
        boolean firstPoll = !planned.contains(routeId);
        reloadState(routeId, tick.stateScope);
        if (firstPoll) {
            LocalDateTime watermark = parts.commit().watermarks().get(tick.stateScope, routeId);
            if (watermark == null) {
                LOG.info("report={} route={} has no state of {} yet: its first poll starts at {}", spec.api(), routeId,
                        tick.stateScope, spec.initialFrom());
            } else {
                LOG.info("report={} route={} resumes from its watermark {} of {}", spec.api(), routeId, watermark,
                        tick.stateScope);
            }
        }
        if (!gate.opens(routeId, spec, backfill == null, now.toLocalDate())) {
            return;
        }
        List<Window> windows;
        String stateKey = routeId;
        if (backfill != null) {
            if (!backfill.includes(routeId, spec.api(), spec.shape() != ReportShape.REALTIME)) {
                return;
            }
            stateKey = backfill.stateKey(routeId);
            LocalDateTime until = backfill.to().isBefore(now) ? backfill.to() : now;
            LocalDateTime watermark = parts.commit().watermarks().get(tick.stateScope, stateKey);
            windows = spec.shape() == ReportShape.AGGREGATE
                    ? WindowPlanner.buckets(watermark, backfill.from(), until, spec.bucket(), Duration.ZERO, Duration.ZERO)
                    : parts.planner().plan(watermark, backfill.from(), until, Duration.ZERO);
            backfill.planned(routeId, windows.size());
        } else {
            windows = liveWindows(tick, routeId, spec, now);
        }
        if (windows.isEmpty()) {
            // nothing due (a bucket not settled yet): the report is as current as it can be
            parts.monitor().current(routeId);
        }
        WindowQueue queue = new WindowQueue(windows);
        sizer.fitToFailures(routeId, spec.shape(), queue);
        tick.windows = queue;
        tick.stateKey = stateKey;
    }

    /**
     * The report route just started on this replica, having become the leader of its token: its watermark and its
     * token's call count of the day are read again before its next poll.
     */
    void leading(String routeId) {
        reloadRequested.put(routeId, System.nanoTime());
    }

    /**
     * Reads the scope's state again before the route's first poll since the start (what a crash, a fresh disk or
     * another replica left) and before its first poll as a new leader; once per scope, and again on the next poll if
     * the reading failed.
     */
    private void reloadState(String routeId, String scope) {
        if (!planned.contains(routeId)) {
            reloadRequested.putIfAbsent(routeId, startNanos);
        }
        Long requested = reloadRequested.get(routeId);
        if (requested != null) {
            Long reloaded = scopeReloaded.get(scope);
            if (reloaded == null || reloaded - requested < 0) {
                long at = System.nanoTime();
                parts.commit().reload(scope);
                parts.callBudget().reload();
                scopeReloaded.put(scope, at);
            }
            reloadRequested.remove(routeId, requested);
        }
        planned.add(routeId);
    }

    /** The windows of a live poll, by the report's shape. */
    private List<Window> liveWindows(Tick tick, String routeId, ReportSpec spec, LocalDateTime now) {
        LocalDateTime initialFrom = WolkvoxTime.parseStart(spec.initialFrom(), now);
        LocalDateTime watermark = parts.commit().watermarks().get(tick.stateScope, routeId);
        // asked first: a report's first poll starts its re-pull clock
        tick.repull = spec.shape() != ReportShape.REALTIME && repullDue(tick.stateScope, routeId, spec)
                && watermark != null;
        return switch (spec.shape()) {
            case REALTIME -> List.of(new Window(now.minus(spec.horizon()).plusSeconds(1), now));
            // a bucket is fetched once it settled, and again (same bounds) when a re-pull reaches it
            case AGGREGATE -> WindowPlanner.buckets(watermark, initialFrom, now, spec.bucket(), spec.lookback(),
                    tick.repull ? spec.repull() : Duration.ZERO);
            // each poll starts its lookback behind the watermark (deeper on a re-pull); delivered records are skipped
            case DETAIL -> parts.planner().plan(watermark, initialFrom, now.minus(settings.lag()),
                    tick.repull && spec.repull().compareTo(spec.lookback()) > 0 ? spec.repull() : spec.lookback());
        };
    }

    /**
     * Whether this poll re-pulls: one repull-every after the last re-pull that got through, kept with the watermark so
     * that restarts and new leaders do not put it off; a report's first poll ever starts the clock.
     */
    private boolean repullDue(String scope, String routeId, ReportSpec spec) {
        if (spec.repull().isZero()) {
            return false;
        }
        WatermarkStore marks = parts.commit().watermarks();
        LocalDateTime last = marks.lastRepull(scope, routeId);
        if (last == null) {
            marks.repulled(scope, routeId, now());
            return false;
        }
        parts.monitor().repulled(routeId, last);
        return !now().isBefore(last.plus(settings.repullEvery()));
    }

    private LocalDateTime now() {
        return parts.clock().now(settings.zone());
    }
}
