package io.github.wolkvoxcamel.observe;

import io.github.wolkvoxcamel.state.CallBudget;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;
import java.util.concurrent.TimeUnit;

/**
 * What the polls do, as Prometheus meters (labels: report, token alias, sink, outcome; never a token) and as the
 * latest status per report, which the health check reads.
 */
public final class PollMonitor {

    /** The latest of one report, as an operator wants it on the health page. */
    public static final class ReportStatus {
        private final String route;
        private final String report;
        private volatile Duration period = Duration.ZERO;
        private volatile Instant since;
        private volatile Instant lastSuccess;
        /** When the report last had nothing left that it should have fetched: its tick's windows all delivered, or none due. */
        private volatile Instant lastCurrent;
        private volatile Instant lastFailure;
        private volatile String lastErrorClass;
        private volatile String lastError;
        private volatile LocalDateTime watermark;
        private volatile LocalDateTime lastRepull;
        private volatile boolean errorNeedsPeople;
        private volatile long realtimeGapSeconds;

        ReportStatus(String route, String report, Instant since) {
            this.route = route;
            this.report = report;
            this.since = since;
        }

        public String route() {
            return route;
        }

        public String report() {
            return report;
        }

        public Duration period() {
            return period;
        }

        public Instant lastSuccess() {
            return lastSuccess;
        }

        public Instant lastFailure() {
            return lastFailure;
        }

        public String lastErrorClass() {
            return lastErrorClass;
        }

        public String lastError() {
            return lastError;
        }

        public LocalDateTime watermark() {
            return watermark;
        }

        /** Real-time reports: seconds of their history no poll has seen since start (0 for the others). */
        public long realtimeGapSeconds() {
            return realtimeGapSeconds;
        }

        /**
         * Healthy when the report was up to date within {@code periods} poll periods (counted from start before the
         * first): a poll delivered every window it had, or had none due (an aggregate whose next bucket has not
         * settled); and the latest failure, if newer than the latest success, is not one only a person can fix.
         */
        public boolean healthy(Instant now, int periods) {
            Instant reference = lastCurrent != null ? lastCurrent : since;
            boolean recent = !now.isAfter(reference.plus(period.multipliedBy(periods)));
            boolean failedSince = lastFailure != null && (lastSuccess == null || lastFailure.isAfter(lastSuccess));
            return recent && !(failedSince && errorNeedsPeople);
        }

        /** ok, invalid (Wolkvox refused it) or quota (today's calls used up). */
        public String tokenState() {
            boolean failedSince = lastFailure != null && (lastSuccess == null || lastFailure.isAfter(lastSuccess));
            if (failedSince && "TOKEN_INVALID".equals(lastErrorClass)) {
                return "invalid";
            }
            return failedSince && "QUOTA_EXHAUSTED".equals(lastErrorClass) ? "quota" : "ok";
        }
    }

    /** Histogram buckets of call durations: Wolkvox answers in well under a second, or runs into its 60 s limit. */
    private static final Duration[] CALL_BUCKETS = {Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
        Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30),
        Duration.ofSeconds(60)};

    private final MeterRegistry registry;
    private final Clock clock;
    private final ZoneId zone;
    private final Map<String, ReportStatus> reports = new ConcurrentHashMap<>();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Long> plannedPeriods = new ConcurrentHashMap<>();
    private final Map<String, Double> plannedCalls = new ConcurrentHashMap<>();
    private final Map<String, Integer> retryAllowances = new ConcurrentHashMap<>();
    private final Map<String, IntSupplier> realtimeReserves = new ConcurrentHashMap<>();
    /** Per report, each {@code field kind} its records differed from the catalog by, in the order first seen. */
    private final Map<String, Set<String>> drift = new ConcurrentHashMap<>();

    public PollMonitor(MeterRegistry registry, Clock clock, ZoneId zone) {
        this.registry = registry;
        this.clock = clock;
        this.zone = zone;
    }

    /** A report's poll began: it is known from now on, with its poll period. */
    public ReportStatus polling(String route, String report, Duration period) {
        ReportStatus status = reports.computeIfAbsent(route, r -> {
            ReportStatus created = new ReportStatus(route, report, clock.instant());
            Gauge.builder("wolkvox.freshness.lag", created, s -> freshnessSeconds(s))
                    .description("Seconds between now and the end of the report's last delivered window")
                    .baseUnit("seconds").tag("report", report).tag("route", route).register(registry);
            return created;
        });
        status.period = period;
        return status;
    }

    /** One Wolkvox call ended: {@code outcome} is ok, empty, split, capped, unchanged (a lookup), or an error class. */
    public void called(String route, String report, String tokenAlias, String outcome, long durationNanos, int records) {
        counter("wolkvox.api.calls", "Wolkvox API calls by outcome", "report", report, "token", tokenAlias, "outcome", outcome)
                .increment();
        Timer.builder("wolkvox.api.call.duration").description("Duration of Wolkvox API calls, answer read included")
                .tag("report", report).serviceLevelObjectives(CALL_BUCKETS).register(registry)
                .record(durationNanos, TimeUnit.NANOSECONDS);
        if (records > 0 && !outcome.equals("split")) {
            counter("wolkvox.records.fetched", "Records fetched from Wolkvox", "report", report).increment(records);
        }
        if (outcome.equals("capped")) {
            counter("wolkvox.windows.capped", "Windows that still held the record cap at the smallest span (records may be missing)",
                    "report", report).increment();
        }
    }

    /** Publishes each token's calls used today and calls left in its budget. */
    public void quota(CallBudget budget, Set<String> aliases) {
        for (String alias : aliases) {
            Gauge.builder("wolkvox.quota.used", budget, b -> b.used(alias, LocalDateTime.now(clock.withZone(zone)).toLocalDate()))
                    .description("Wolkvox calls made today (Bogota day) with the token").tag("token", alias).register(registry);
            Gauge.builder("wolkvox.quota.retries", budget,
                            b -> b.retries(alias, LocalDateTime.now(clock.withZone(zone)).toLocalDate()))
                    .description("Retries of failed calls made today with the token").tag("token", alias).register(registry);
            Gauge.builder("wolkvox.quota.remaining", budget,
                            b -> b.budget() - b.used(alias, LocalDateTime.now(clock.withZone(zone)).toLocalDate()))
                    .description("Calls left today before the budget (daily limit less headroom)").tag("token", alias).register(registry);
        }
    }

    /** A sink refused a record, which went to the dead letters instead. */
    public void deadLetter(String sink) {
        counter("wolkvox.dead.letters", "Records a sink refused, kept as dead letters", "sink", sink).increment();
    }

    /** A failed window is tried again after a back-off. */
    public void retried(String report, String errorClass) {
        counter("wolkvox.retries", "Windows tried again after a passing failure", "report", report, "class", errorClass).increment();
    }

    /**
     * When the report's last re-pull got through: its age is exported, so a re-pull that never comes (a report that
     * keeps failing its deep windows) shows.
     */
    public void repulled(String route, LocalDateTime at) {
        ReportStatus status = reports.get(route);
        if (status != null && status.lastRepull == null) {
            Gauge.builder("wolkvox.repull.age", status, s -> s.lastRepull == null ? Double.NaN
                            : Duration.between(s.lastRepull, LocalDateTime.now(clock.withZone(zone))).toSeconds())
                    .description("Seconds since the report's last re-pull got through")
                    .baseUnit("seconds").tag("report", status.report).tag("route", route).register(registry);
        }
        if (status != null) {
            status.lastRepull = at;
        }
    }

    /** The report has nothing left that it should have fetched now: it is not late. */
    public void current(String route) {
        ReportStatus status = reports.get(route);
        if (status != null) {
            status.lastCurrent = clock.instant();
        }
    }

    public void delivered(String route, LocalDateTime watermark) {
        ReportStatus status = reports.get(route);
        if (status != null) {
            status.lastSuccess = clock.instant();
            if (watermark != null) {
                status.watermark = watermark;
            }
        }
    }

    public void failed(String route, String errorClass, String message, boolean needsPeople) {
        ReportStatus status = reports.get(route);
        if (status != null) {
            status.lastFailure = clock.instant();
            status.lastErrorClass = errorClass;
            status.lastError = message;
            status.errorNeedsPeople = needsPeople;
        }
    }

    /**
     * A real-time report's poll came too late to overlap the previous one: {@code seconds} of its history were never
     * answered and cannot be fetched again.
     */
    public void realtimeGap(String route, String report, long seconds) {
        counter("wolkvox.realtime.gap.seconds", "Seconds of a real-time report no poll covered (lost for good)",
                "report", report).increment(seconds);
        ReportStatus status = reports.get(route);
        if (status != null) {
            status.realtimeGapSeconds += seconds;
        }
    }

    /** The quota plan of a report: the period it polls at after fitting its token's budget. */
    public void planned(String route, Duration period) {
        plannedPeriods.put(route, period.getSeconds());
        Gauge.builder("wolkvox.plan.period", plannedPeriods, periods -> periods.getOrDefault(route, 0L))
                .description("Seconds between polls of the report as planned into its token's daily budget")
                .baseUnit("seconds").tag("route", route).register(registry);
    }

    /** The quota plan of a token: the calls a day its reports' planned schedules take. */
    /**
     * A token's plan: its calls a day, the retries a day it leaves, and the calls kept now for its real-time reports
     * until midnight (which an outage's retries never take).
     */
    public void planned(String tokenAlias, double callsPerDay, int retriesAllowed, IntSupplier realtimeReserve) {
        plannedCalls.put(tokenAlias, callsPerDay);
        retryAllowances.put(tokenAlias, retriesAllowed);
        realtimeReserves.put(tokenAlias, realtimeReserve);
        Gauge.builder("wolkvox.plan.calls.per.day", plannedCalls, calls -> calls.getOrDefault(tokenAlias, 0.0))
                .description("Calls a day the token's reports take as planned").tag("token", tokenAlias).register(registry);
        Gauge.builder("wolkvox.quota.retries.allowed", retryAllowances, allowed -> allowed.getOrDefault(tokenAlias, 0))
                .description("Retries of failed calls the plan leaves room for in a day").tag("token", tokenAlias)
                .register(registry);
        Gauge.builder("wolkvox.quota.reserve", realtimeReserves,
                        reserves -> reserves.getOrDefault(tokenAlias, () -> 0).getAsInt())
                .description("Calls kept for the token's real-time reports until midnight").tag("token", tokenAlias)
                .register(registry);
    }

    /**
     * Records not delivered on purpose, by reason: {@code duplicate} (same key and content delivered before),
     * {@code unrouted} (the report's records route sent it to no endpoint, e.g. a filter it did not match).
     */
    public void recordsSkipped(String report, String reason, int records) {
        if (records > 0) {
            counter("wolkvox.records.skipped", "Records not delivered again, by reason", "report", report, "reason", reason)
                    .increment(records);
        }
    }

    /** Records delivered whose key had been delivered before with other content: a changed row, or a second row of a call. */
    public void recordVersions(String report, int records) {
        if (records > 0) {
            counter("wolkvox.records.versions", "Records delivered again with other content under a key delivered before",
                    "report", report).increment(records);
        }
    }

    /** A record the typed mode delivered as Wolkvox sent it: a value of {@code field} did not convert. */
    public void recordUntyped(String report, String field) {
        counter("wolkvox.records.untyped", "Records delivered untyped because a value did not convert (typed mode)",
                "report", report, "field", field).increment();
    }

    /**
     * A record checked against its report's catalog entry differed from it: {@code field} is new, missing, a key field
     * missing, a date that does not parse, or a value not of its kind ({@code kind}).
     */
    public void schemaDrift(String report, String field, String kind) {
        counter("wolkvox.schema.drift", "Records checked against the catalog that differ from it, by field and kind",
                "report", report, "field", field, "kind", kind).increment();
        drift.computeIfAbsent(report, r -> Collections.synchronizedSet(new LinkedHashSet<>())).add(field + " " + kind);
    }

    /** How the report's records differed from the catalog so far ({@code field kind}, comma-separated), or null. */
    public String schemaDrift(String report) {
        Set<String> seen = drift.get(report);
        if (seen == null) {
            return null;
        }
        synchronized (seen) {
            return String.join(", ", seen);
        }
    }

    /** Records whose exchange completed at every endpoint their records route sent them to. */
    public void recordsDelivered(String report, int records) {
        counter("wolkvox.records.delivered", "Records delivered, per report", "report", report).increment(records);
    }

    public Map<String, ReportStatus> reports() {
        return Map.copyOf(reports);
    }

    public MeterRegistry registry() {
        return registry;
    }

    public Clock clock() {
        return clock;
    }

    private double freshnessSeconds(ReportStatus status) {
        LocalDateTime watermark = status.watermark;
        return watermark == null ? Double.NaN
                : Duration.between(watermark.atZone(zone).toInstant(), clock.instant()).toSeconds();
    }

    private Counter counter(String name, String description, String... tags) {
        return counters.computeIfAbsent(name + String.join("|", tags),
                key -> Counter.builder(name).description(description).tags(tags).register(registry));
    }
}
