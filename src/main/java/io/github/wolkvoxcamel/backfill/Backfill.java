package io.github.wolkvoxcamel.backfill;

import io.github.wolkvoxcamel.time.Window;
import io.github.wolkvoxcamel.time.WindowPlanner;
import io.github.wolkvoxcamel.time.WolkvoxTime;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * A one-off fetch of a past range for chosen reports. It keeps its own watermark per report (so it never moves the
 * live poller's, and a rerun of the same command resumes from the last delivered chunk), logs progress a person can
 * follow, and says when every chosen report has reached the end of the range.
 */
public final class Backfill {

    private static final Logger LOG = LoggerFactory.getLogger("wolkvox.backfill");

    private final LocalDateTime from;
    private final LocalDateTime to;
    private final Set<String> reports;
    private final int recordCap;
    private final Runnable onComplete;
    private final MeterRegistry registry;
    private final Map<String, Progress> progress = new ConcurrentHashMap<>();
    private final Supplier<Set<String>> candidates;
    private volatile boolean completed;

    /** Figures of one report's backfill so far. */
    public static final class Progress {
        private final long startedNanos = System.nanoTime();
        private int windowsDone;
        private int windowsTotal;
        private int calls;
        private long records;
        private long etaSeconds;
        private boolean done;

        public synchronized int windowsDone() {
            return windowsDone;
        }

        public synchronized int windowsTotal() {
            return windowsTotal;
        }

        public synchronized int calls() {
            return calls;
        }

        public synchronized long records() {
            return records;
        }

        public synchronized boolean done() {
            return done;
        }

        public synchronized long etaSeconds() {
            return etaSeconds;
        }
    }

    /**
     * @param reports report api names or route ids to fill; empty means every windowed report
     * @param candidates route ids of every report route, so completion knows whom to wait for (asked once the routes run)
     * @param onComplete run once, when every chosen report has delivered the whole range
     */
    public Backfill(LocalDateTime from, LocalDateTime to, Set<String> reports, Supplier<Set<String>> candidates, int recordCap,
                    MeterRegistry registry, Runnable onComplete) {
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("backfill --to " + to + " must be after --from " + from);
        }
        this.from = from;
        this.to = to;
        this.reports = reports;
        this.candidates = candidates;
        this.recordCap = recordCap;
        this.registry = registry;
        this.onComplete = onComplete;
    }

    public LocalDateTime from() {
        return from;
    }

    public LocalDateTime to() {
        return to;
    }

    /** Whether the route fills; a real-time report (not windowed) never does. */
    public boolean includes(String routeId, String api, boolean windowed) {
        boolean chosen = windowed && (reports.isEmpty() || reports.contains(api) || reports.contains(routeId));
        if (!chosen) {
            candidateSettled(routeId);
        }
        return chosen;
    }

    /** The watermark key of the route's backfill: one per range, so a rerun resumes it and a new range starts afresh. */
    public String stateKey(String routeId) {
        return routeId + ".backfill-" + WolkvoxTime.formatRequest(from) + "-" + WolkvoxTime.formatRequest(to);
    }

    /** The route's figures, also published as gauges {@code wolkvox_backfill_*{route}}. */
    public Progress progress(String routeId) {
        return progress.computeIfAbsent(routeId, id -> {
            Progress p = new Progress();
            Gauge.builder("wolkvox.backfill.windows.done", p, Progress::windowsDone).tag("route", id).register(registry);
            Gauge.builder("wolkvox.backfill.windows.total", p, Progress::windowsTotal).tag("route", id).register(registry);
            Gauge.builder("wolkvox.backfill.records", p, Progress::records).tag("route", id).register(registry);
            Gauge.builder("wolkvox.backfill.calls", p, Progress::calls).tag("route", id).register(registry);
            Gauge.builder("wolkvox.backfill.eta", p, Progress::etaSeconds).baseUnit("seconds").tag("route", id).register(registry);
            return p;
        });
    }

    public void planned(String routeId, int windows) {
        Progress p = progress(routeId);
        synchronized (p) {
            p.windowsTotal = p.windowsDone + windows;
        }
        if (windows == 0) {
            finished(routeId);
        }
    }

    /** A call answered (a full answer fetched again in halves counts too). */
    public void called(String routeId) {
        Progress p = progress(routeId);
        synchronized (p) {
            p.calls++;
        }
    }

    public void windowDelivered(String routeId, Window window, int records, int remaining) {
        Progress p = progress(routeId);
        long elapsedMs;
        int done;
        int total;
        long allRecords;
        synchronized (p) {
            p.windowsDone++;
            p.records += records;
            done = p.windowsDone;
            total = p.windowsDone + remaining;
            p.windowsTotal = total;
            allRecords = p.records;
            elapsedMs = Math.max(1, (System.nanoTime() - p.startedNanos) / 1_000_000);
            p.etaSeconds = elapsedMs * (total - done) / Math.max(1, done) / 1000;
        }
        Duration eta = Duration.ofSeconds(p.etaSeconds());
        LOG.info("backfill route={} window={} windows={}/{} records={} rate={}/s eta={}", routeId, window, done, total,
                allRecords, allRecords * 1000 / elapsedMs, eta);
        if (remaining == 0 && !window.end().isBefore(to)) {
            finished(routeId);
        }
    }

    /**
     * The fewest calls that can fetch {@code records} over the range: one per 60,000 (the cap) and at least one per
     * 31 days.
     */
    public long minimumCalls(long records) {
        long spanSeconds = Duration.between(from, to).getSeconds() + 1;
        long byDays = (spanSeconds + WindowPlanner.API_MAX_SPAN.getSeconds() - 1) / WindowPlanner.API_MAX_SPAN.getSeconds();
        return Math.max(byDays, (records + recordCap - 1) / recordCap);
    }

    public boolean completed() {
        return completed;
    }

    private void finished(String routeId) {
        Progress p = progress(routeId);
        boolean first;
        synchronized (p) {
            first = !p.done;
            p.done = true;
        }
        if (first) {
            LOG.info("backfill route={} complete: windows={} records={} calls={} minimumCalls={}", routeId,
                    p.windowsDone(), p.records(), p.calls(), minimumCalls(p.records()));
        }
        candidateSettled(routeId);
    }

    private void candidateSettled(String routeId) {
        Progress p = progress(routeId);
        synchronized (p) {
            p.done = true;
        }
        if (!completed && candidates.get().stream().allMatch(id -> progress.containsKey(id) && progress.get(id).done())) {
            completed = true;
            LOG.info("backfill {}..{} complete", WolkvoxTime.formatRequest(from), WolkvoxTime.formatRequest(to));
            onComplete.run();
        }
    }
}
