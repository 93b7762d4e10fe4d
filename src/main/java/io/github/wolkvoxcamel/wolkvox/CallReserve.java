package io.github.wolkvoxcamel.wolkvox;

import io.github.wolkvoxcamel.catalog.ReportShape;

import java.time.Duration;
import java.util.List;

/**
 * What a token's calls may be spent on beyond its quota plan, so that an outage never takes the calls its real-time
 * reports need for the rest of the day. Retries (a failed call made again, a window split after failures) share the
 * budget the plan leaves ({@code budget - planned}); and whatever the kind, a call of a report that is not real-time
 * is made only while the calls left after it still cover every poll of the real-time reports until midnight. Detail
 * and aggregate reports lose nothing by waiting: their next poll reads from their watermark.
 *
 * @param budget the token's calls a day (limit less headroom)
 * @param retryAllowance retries a day: the budget less the calls the plan expects
 * @param realtimePeriods the planned periods of the token's real-time reports
 */
public record CallReserve(int budget, int retryAllowance, List<Duration> realtimePeriods) {

    public CallReserve {
        realtimePeriods = List.copyOf(realtimePeriods);
    }

    /**
     * The reserve of a token's quota plan; a plan over the budget keeps nothing back for real-time reports (its warning
     * says the token pauses once the day's calls are used) and leaves no retries.
     */
    public static CallReserve of(QuotaPlan plan) {
        List<Duration> realtime = plan.overBudget() != null ? List.of() : plan.reports().values().stream()
                .filter(report -> report.shape() == ReportShape.REALTIME).map(QuotaPlan.Planned::period).toList();
        return new CallReserve(plan.budget(), Math.max(0, plan.budget() - (int) Math.ceil(plan.callsPerDay())), realtime);
    }

    /** Calls the real-time reports make from now to midnight, {@code untilMidnight} away. */
    public int reserve(Duration untilMidnight) {
        long seconds = Math.max(0, untilMidnight.getSeconds());
        return realtimePeriods.stream().mapToInt(period -> (int) ((seconds + period.getSeconds() - 1) / period.getSeconds()))
                .sum();
    }

    /**
     * Why a poll of a report of {@code shape} may not call now, or null when it may.
     *
     * @param used the token's calls today
     */
    public String refusesPoll(ReportShape shape, int used, Duration untilMidnight) {
        if (shape == ReportShape.REALTIME) {
            return null;
        }
        int reserve = reserve(untilMidnight);
        return budget - used - 1 >= reserve ? null : (budget - used) + " calls are left today and the real-time reports "
                + "need " + reserve + " of them until midnight; this report reads from its watermark after midnight";
    }

    /**
     * Why a failed call may not be made again now, or null when it may.
     *
     * @param retries the token's retries today; @param used the token's calls today
     */
    public String refusesRetry(int retries, int used, Duration untilMidnight) {
        if (retries >= retryAllowance) {
            return "the " + retryAllowance + " retries the quota plan leaves for today are used";
        }
        return budget - used - 1 >= reserve(untilMidnight) ? null : (budget - used) + " calls are left today, kept for "
                + "the real-time reports' polls until midnight";
    }
}
