package io.github.wolkvoxcamel.wolkvox;

import io.github.wolkvoxcamel.observe.PollMonitor;
import io.github.wolkvoxcamel.state.CallBudget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The reports' schedule: each token's reports fitted into its daily budget ({@link QuotaPlan}), made again when a
 * reload changes the report routes; which tick of a report polls; and the calls each token keeps in reserve.
 */
final class PollSchedule {

    private static final Logger LOG = LoggerFactory.getLogger("wolkvox.poll");

    /** The reports a plan was made for, their specs by route, each route's planned period and each token's reserve. */
    private record Plan(List<ReportSpec> reports, Map<String, ReportSpec> specs, Map<String, Duration> periods,
                        Map<String, CallReserve> reserves) {
    }

    private final Duration repullEvery;
    private final ReportPoller.Parts parts;
    private final ZoneId zone;
    private final ListDigests listDigests;
    private final Supplier<List<ReportSpec>> reports;
    private final Map<String, Long> lastPollNanos = new ConcurrentHashMap<>();
    private volatile Consumer<List<ReportSpec>> reportsListener = reports -> { };
    private volatile Plan plan = new Plan(List.of(), Map.of(), Map.of(), Map.of());

    PollSchedule(PollerSettings settings, ReportPoller.Parts parts, ListDigests listDigests,
                 Supplier<List<ReportSpec>> reports) {
        this.repullEvery = settings.repullEvery();
        this.zone = settings.zone();
        this.parts = parts;
        this.listDigests = listDigests;
        this.reports = reports;
    }

    /**
     * Fits the reports' schedules into each token's daily budget, logs the plan and publishes it as metrics.
     *
     * @throws IllegalArgumentException when a real-time report polls at or past its horizon
     */
    synchronized void fit(List<ReportSpec> specs) {
        // a lookup route that changed (its sink, its key) delivers its whole list to it at its next poll
        specs.stream().filter(spec -> !spec.equals(plan.specs().get(spec.route())))
                .forEach(spec -> listDigests.forget(spec.route()));
        Map<String, List<QuotaPlan.Report>> byToken = new LinkedHashMap<>();
        Map<String, ReportSpec> byRoute = new LinkedHashMap<>();
        for (ReportSpec spec : specs) {
            byRoute.put(spec.route(), spec);
            byToken.computeIfAbsent(parts.tokens().canonical(spec.token()), alias -> new ArrayList<>())
                    .add(spec.forPlan(repullEvery));
        }
        specs.stream().map(ReportSpec::reach).max(Duration::compareTo).ifPresent(parts.commit()::reachBack);
        Map<String, Duration> periods = new HashMap<>();
        Map<String, CallReserve> reserves = new HashMap<>();
        for (Map.Entry<String, List<QuotaPlan.Report>> token : byToken.entrySet()) {
            QuotaPlan quota = QuotaPlan.fit(token.getValue(), parts.callBudget().budget());
            quota.reports().values().forEach(report -> {
                periods.put(report.route(), report.period());
                parts.monitor().planned(report.route(), report.period());
            });
            CallReserve reserve = CallReserve.of(quota);
            reserves.put(token.getKey(), reserve);
            parts.monitor().planned(token.getKey(), quota.callsPerDay(), reserve.retryAllowance(),
                    () -> reserve.reserve(untilMidnight()));
            LOG.info(quota.describe(token.getKey()) + String.format("; retries allowed a day %d; calls kept for "
                    + "real-time reports until midnight %d (of %d a day)", reserve.retryAllowance(),
                    reserve.reserve(untilMidnight()), reserve.reserve(Duration.ofDays(1))));
            if (quota.overBudget() != null) {
                LOG.warn("quota plan token={}: {}", token.getKey(), quota.overBudget());
            }
        }
        plan = new Plan(List.copyOf(specs), byRoute, periods, reserves);
        reportsListener.accept(List.copyOf(specs));
    }

    /** Called with the report routes at start and whenever a reload changed them (after their plan is made). */
    void onReports(Consumer<List<ReportSpec>> listener) {
        this.reportsListener = listener;
    }

    /** The route's spec; when the report routes changed since the plan was made (a reload), they are planned again. */
    ReportSpec spec(String routeId) {
        List<ReportSpec> current = reports.get();
        if (!current.equals(plan.reports())) {
            refit(current);
        }
        ReportSpec spec = plan.specs().get(routeId);
        if (spec == null) {
            throw new IllegalStateException("route " + routeId + " does not start from a wolkvox: endpoint");
        }
        return spec;
    }

    /** Plans the report routes a reload changed, once however many routes tick at the same time. */
    private synchronized void refit(List<ReportSpec> current) {
        if (current.equals(plan.reports())) {
            return;
        }
        try {
            fit(current);
        } catch (IllegalArgumentException e) {
            // the routes run as configured; the call budget still pauses a token before Wolkvox's limit
            LOG.error("quota plan after reload: {}; reports poll at their configured periods", e.getMessage());
            Map<String, ReportSpec> byRoute = new LinkedHashMap<>();
            current.forEach(spec -> byRoute.put(spec.route(), spec));
            plan = new Plan(List.copyOf(current), byRoute, Map.of(), Map.of());
            reportsListener.accept(List.copyOf(current));
        }
    }

    /** How often the route polls as planned; its timer's period when the plan left it as it is. */
    Duration period(String routeId, ReportSpec spec) {
        return plan.periods().getOrDefault(routeId, spec.period());
    }

    /**
     * Whether the quota plan has this tick poll: a report planned to poll less often than its timer skips the ticks
     * in between (its next poll still reads everything since its watermark).
     */
    boolean due(String routeId, ReportSpec spec) {
        Duration planned = period(routeId, spec);
        long nowNanos = System.nanoTime();
        Long last = lastPollNanos.get(routeId);
        if (last != null && planned.compareTo(spec.period()) > 0
                && nowNanos - last < planned.minus(spec.period().dividedBy(2)).toNanos()) {
            return false;
        }
        lastPollNanos.put(routeId, nowNanos);
        return true;
    }

    /** The token's reserve as planned; before a plan, one that keeps nothing back. */
    CallReserve reserve(String alias) {
        CallReserve reserve = plan.reserves().get(alias);
        CallBudget budget = parts.callBudget();
        return reserve != null ? reserve : new CallReserve(budget.budget(), budget.budget(), List.of());
    }

    Duration untilMidnight() {
        return parts.clock().untilMidnight(zone);
    }
}
