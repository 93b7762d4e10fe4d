package io.github.wolkvoxcamel.wolkvox;

import io.github.wolkvoxcamel.catalog.ReportShape;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QuotaPlanTest {

    private static final Duration FIVE = Duration.ofMinutes(5);
    private static final Duration REPULL_EVERY = Duration.ofHours(6);

    @Test
    void theShippedReportsFitTheDefaultBudgetByPollingDetailReportsLessOften() {
        QuotaPlan plan = QuotaPlan.fit(List.of(detail("diagram_1"), detail("diagram_3"), detail("agents_detail"),
                new QuotaPlan.Report("campaign_10", ReportShape.AGGREGATE, FIVE, Duration.ofMinutes(10),
                        Duration.ofHours(1), Duration.ofHours(24), REPULL_EVERY),
                new QuotaPlan.Report("calls_last_10", ReportShape.REALTIME, FIVE, Duration.ofMinutes(10),
                        Duration.ofHours(1), Duration.ZERO, REPULL_EVERY)), 950);

        assertEquals(FIVE, plan.planned("calls_last_10").period(), "a real-time report cannot stretch");
        assertEquals(288, plan.planned("calls_last_10").callsPerDay(), 0.01);
        assertEquals(24 + 4 * 24, plan.planned("campaign_10").callsPerDay(), 0.01, "a bucket an hour, re-pulls 4 times a day");
        assertEquals(Duration.ofMinutes(10), plan.planned("diagram_1").period());
        assertTrue(plan.callsPerDay() <= 950 * QuotaPlan.FILL, plan.describe("default"));
        assertTrue(plan.describe("default").contains("diagram_1 every 10m"), plan.describe("default"));
    }

    @Test
    void reportsThatFitKeepTheirPeriods() {
        QuotaPlan plan = QuotaPlan.fit(List.of(detail("a"), detail("b")), 5000);
        assertEquals(FIVE, plan.planned("a").period());
        assertEquals(2 * (288 + 4), plan.callsPerDay(), 0.01);
    }

    @Test
    void aRealTimeReportPollingAtItsHorizonIsRefused() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> QuotaPlan.fit(List.of(
                new QuotaPlan.Report("calls_last_10", ReportShape.REALTIME, Duration.ofMinutes(10), Duration.ofMinutes(10),
                        Duration.ofHours(1), Duration.ZERO, REPULL_EVERY)), 950));
        assertTrue(error.getMessage().contains("calls_last_10") && error.getMessage().contains("horizon"),
                error.getMessage());
    }

    @Test
    void aPlanThatCannotFitSaysWhy() {
        QuotaPlan plan = QuotaPlan.fit(List.of(detail("a"), new QuotaPlan.Report("rt", ReportShape.REALTIME,
                Duration.ofMinutes(1), Duration.ofMinutes(10), Duration.ofHours(1), Duration.ZERO, REPULL_EVERY)), 950);
        assertTrue(plan.overBudget().contains("calls a day") && plan.overBudget().contains("WOLKVOX_DAILY_CALL_LIMIT"),
                plan.overBudget());
        assertNull(QuotaPlan.fit(List.of(detail("a")), 950).overBudget());
    }

    private static QuotaPlan.Report detail(String route) {
        return new QuotaPlan.Report(route, ReportShape.DETAIL, FIVE, Duration.ofMinutes(10), Duration.ofHours(1),
                Duration.ofHours(24), REPULL_EVERY);
    }
}
