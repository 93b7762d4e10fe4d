package io.github.wolkvoxcamel.wolkvox;

import io.github.wolkvoxcamel.catalog.ReportShape;
import io.github.wolkvoxcamel.time.Durations;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fits the schedules of a token's reports into its daily call budget. Real-time reports come first: each call answers
 * only its horizon (the last 10 minutes), so their period cannot stretch; a real-time report whose period reaches its
 * horizon is refused. Aggregate reports cost one call per bucket. Detail reports then share what is left: when the
 * configured periods need more calls than that, they poll less often (every 10 minutes instead of 5...), which loses
 * nothing because each poll re-reads its lookback and runs up to now. Re-pulls count one call each. The plan keeps
 * {@link #FILL} of the budget for itself; the rest is room for retries, split windows and catch-up.
 */
public final class QuotaPlan {

    /** Share of the daily budget the plan fills. */
    public static final double FILL = 0.9;
    /** Periods a detail report is stretched to, in order. */
    static final List<Duration> STEPS = List.of(Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(5),
            Duration.ofMinutes(10), Duration.ofMinutes(15), Duration.ofMinutes(20), Duration.ofMinutes(30), Duration.ofHours(1),
            Duration.ofHours(2), Duration.ofHours(3), Duration.ofHours(6), Duration.ofHours(12), Duration.ofDays(1));
    private static final double DAY_SECONDS = 86_400;

    /**
     * A report as configured.
     *
     * @param horizon real-time only: what one call answers
     * @param bucket aggregates only: one call per bucket
     * @param repull zero when the report never re-pulls
     */
    public record Report(String route, ReportShape shape, Duration period, Duration horizon, Duration bucket,
                         Duration repull, Duration repullEvery) {
    }

    /** A report as planned: how often it polls and about how many calls a day that takes. */
    public record Planned(String route, ReportShape shape, Duration period, double callsPerDay) {
    }

    private final int budget;
    private final Map<String, Planned> planned;

    private final String overBudget;

    private QuotaPlan(int budget, Map<String, Planned> planned, String overBudget) {
        this.budget = budget;
        this.planned = planned;
        this.overBudget = overBudget;
    }

    /** Why the plan does not fit the budget, or null when it does. */
    public String overBudget() {
        return overBudget;
    }

    /**
     * @param reports the reports of one token
     * @param budget calls the token may make a day (limit less headroom)
     * @return the plan; one that cannot fit the budget even stretched says so ({@link #overBudget})
     * @throws IllegalArgumentException for a real-time report polling at or past its horizon
     */
    public static QuotaPlan fit(List<Report> reports, int budget) {
        double available = budget * FILL;
        Map<String, Planned> planned = new LinkedHashMap<>();
        double fixed = 0;
        for (Report report : reports) {
            if (report.shape() == ReportShape.DETAIL) {
                continue;
            }
            if (report.shape() == ReportShape.REALTIME && report.period().compareTo(report.horizon()) >= 0) {
                throw new IllegalArgumentException("real-time report route " + report.route() + " polls every "
                        + report.period() + " but each call answers only the last " + report.horizon()
                        + ": calls between polls would be lost; poll more often than its horizon");
            }
            Planned plan = new Planned(report.route(), report.shape(), report.period(), callsPerDay(report, report.period()));
            planned.put(report.route(), plan);
            fixed += plan.callsPerDay();
        }
        List<Report> details = reports.stream().filter(r -> r.shape() == ReportShape.DETAIL).toList();
        Duration floor = Duration.ZERO;
        double total = fixed;
        for (Duration step : stepsFrom(details)) {
            total = fixed;
            for (Report report : details) {
                total += callsPerDay(report, max(report.period(), step));
            }
            floor = step;
            if (total <= available) {
                break;
            }
        }
        for (Report report : details) {
            Duration period = max(report.period(), floor);
            planned.put(report.route(), new Planned(report.route(), report.shape(), period, callsPerDay(report, period)));
        }
        Map<String, Planned> ordered = new LinkedHashMap<>();
        reports.stream().map(Report::route).forEach(route -> ordered.put(route, planned.get(route)));
        String overBudget = total <= available ? null : String.format("the reports need about %.0f calls a day even "
                + "with detail reports polling every %s, over %.0f (%.0f%% of the budget of %d): polling pauses each day "
                + "once the budget is used; poll real-time and aggregate reports less often or raise "
                + "WOLKVOX_DAILY_CALL_LIMIT", total, Durations.format(floor), available, FILL * 100, budget);
        return new QuotaPlan(budget, ordered, overBudget);
    }

    /** The zero step (keep the configured periods) first, then the stretched ones. */
    private static List<Duration> stepsFrom(List<Report> details) {
        List<Duration> steps = new ArrayList<>();
        steps.add(Duration.ZERO);
        Duration shortest = details.stream().map(Report::period).min(Comparator.naturalOrder()).orElse(Duration.ZERO);
        STEPS.stream().filter(step -> step.compareTo(shortest) > 0).forEach(steps::add);
        if (steps.size() == 1) {
            steps.add(STEPS.get(STEPS.size() - 1));
        }
        return steps;
    }

    static double callsPerDay(Report report, Duration period) {
        double repulls = report.repull().isZero() ? 0 : DAY_SECONDS / report.repullEvery().getSeconds();
        return switch (report.shape()) {
            case REALTIME -> DAY_SECONDS / period.getSeconds();
            case AGGREGATE -> DAY_SECONDS / Math.max(report.bucket().getSeconds(), period.getSeconds())
                    + repulls * Math.ceil((double) report.repull().getSeconds() / report.bucket().getSeconds());
            case DETAIL -> DAY_SECONDS / period.getSeconds() + repulls;
        };
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    public Planned planned(String route) {
        return planned.get(route);
    }

    public Map<String, Planned> reports() {
        return planned;
    }

    public double callsPerDay() {
        return planned.values().stream().mapToDouble(Planned::callsPerDay).sum();
    }

    public int budget() {
        return budget;
    }

    /** One line for the log: the budget, the calls planned, and each report's period and calls. */
    public String describe(String token) {
        StringBuilder text = new StringBuilder(String.format("quota plan token=%s budget=%d planned=%.0f calls/day:",
                token, budget, callsPerDay()));
        planned.values().forEach(p -> text.append(String.format(" %s every %s (%.0f)", p.route(),
                Durations.format(p.period()), p.callsPerDay())));
        return text.toString();
    }
}
