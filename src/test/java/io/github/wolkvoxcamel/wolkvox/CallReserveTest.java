package io.github.wolkvoxcamel.wolkvox;

import io.github.wolkvoxcamel.catalog.ReportShape;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CallReserveTest {

    private static final Duration FIVE = Duration.ofMinutes(5);
    private static final Duration REPULL_EVERY = Duration.ofHours(6);

    /** The shipped reports on the default budget: 950 calls, about 852 planned. */
    private static QuotaPlan shipped(int budget) {
        return QuotaPlan.fit(List.of(detail("diagram_1"), detail("diagram_3"), detail("agents_detail"),
                new QuotaPlan.Report("campaign_10", ReportShape.AGGREGATE, FIVE, Duration.ofMinutes(10),
                        Duration.ofHours(1), Duration.ofHours(24), REPULL_EVERY),
                new QuotaPlan.Report("calls_last_10", ReportShape.REALTIME, FIVE, Duration.ofMinutes(10),
                        Duration.ofHours(1), Duration.ZERO, REPULL_EVERY)), budget);
    }

    private static QuotaPlan.Report detail(String route) {
        return new QuotaPlan.Report(route, ReportShape.DETAIL, FIVE, Duration.ofMinutes(10), Duration.ofHours(1),
                Duration.ofHours(24), REPULL_EVERY);
    }

    @Test
    void retriesShareWhatThePlanLeavesAndRealTimeKeepsItsPollsUntilMidnight() {
        QuotaPlan plan = shipped(950);
        CallReserve reserve = CallReserve.of(plan);
        assertEquals(950 - (int) Math.ceil(plan.callsPerDay()), reserve.retryAllowance());
        assertEquals(288, reserve.reserve(Duration.ofDays(1)), "calls_last_10 every 5 minutes");
        assertEquals(13, reserve.reserve(Duration.ofMinutes(61)), "a poll started counts whole");
        assertNull(reserve.refusesRetry(0, 100, Duration.ofHours(12)));
        assertTrue(reserve.refusesRetry(reserve.retryAllowance(), 100, Duration.ofHours(12)).contains("retries"));
        // an hour before midnight with 12 calls left: they are the real-time report's
        assertNull(reserve.refusesPoll(ReportShape.REALTIME, 950 - 12, Duration.ofHours(1)));
        assertTrue(reserve.refusesPoll(ReportShape.DETAIL, 950 - 12, Duration.ofHours(1)).contains("real-time reports need 12"));
        assertNull(reserve.refusesPoll(ReportShape.DETAIL, 950 - 13, Duration.ofHours(1)));
        assertTrue(reserve.refusesRetry(0, 950 - 12, Duration.ofHours(1)).contains("kept for the real-time reports"));
    }

    @Test
    void aPlanOverItsBudgetKeepsNothingBackAndLeavesNoRetries() {
        CallReserve reserve = CallReserve.of(shipped(6));
        assertEquals(0, reserve.retryAllowance());
        assertEquals(0, reserve.reserve(Duration.ofDays(1)));
        assertNull(reserve.refusesPoll(ReportShape.DETAIL, 3, Duration.ofHours(12)));
    }

    /**
     * What a one-hour outage costs on the shipped plan (docs/operating.md, "Outages and the retry budget"): each failing
     * poll makes its planned call, and retries stop when the plan's spare calls are used, so the budget still covers the
     * rest of the day.
     */
    @Test
    void anHourOfOutageNeverTakesTheRestOfTheDay() {
        QuotaPlan plan = shipped(950);
        CallReserve reserve = CallReserve.of(plan);
        // an outage starting at 9:00: planned calls go on; every failed one would be tried three times more
        int used = (int) (plan.callsPerDay() * 9 / 24);
        int retries = 0;
        int outageCalls = (int) (plan.callsPerDay() / 24);
        for (int call = 0; call < outageCalls; call++) {
            used++;
            for (int again = 0; again < 3 && reserve.refusesRetry(retries, used, Duration.ofHours(14)) == null; again++) {
                retries++;
                used++;
            }
        }
        assertEquals(reserve.retryAllowance(), retries, "the outage spends the spare calls, no more");
        assertTrue(used + plan.callsPerDay() * 14 / 24 <= 950, "the planned polls of the rest of the day still fit: "
                + used + " used by 10:00");
    }
}
