package io.github.wolkvoxcamel.state;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class WindowLedgerTest {

    @TempDir
    Path dir;

    private static final LocalDate DAY = LocalDate.of(2026, 11, 20);

    private static WindowLedger.Entry entry(int fromHour, int toHour, int records, String outcome) {
        return new WindowLedger.Entry("wolkvox-diagram_1", "diagram_1", DAY.atTime(fromHour, 0),
                DAY.atTime(toHour, 0).minusSeconds(1), records, outcome, outcome.equals("failed") ? "TIMEOUT" : null,
                LocalDateTime.of(2026, 11, 21, 1, 0));
    }

    @Test
    void coverageMergesDeliveredWindowsAndNamesTheGaps() {
        WindowLedger ledger = new WindowLedger(dir);
        ledger.record(entry(0, 6, 500, "ok"));
        ledger.record(entry(6, 8, 0, "empty"));
        ledger.record(entry(8, 12, 0, "failed"));
        ledger.record(entry(12, 18, 60000, "split"));
        ledger.record(entry(12, 15, 30000, "ok"));
        ledger.record(entry(15, 18, 29000, "ok"));
        WindowLedger.Coverage coverage = new WindowLedger(dir).coverage("wolkvox-diagram_1", DAY);
        assertEquals(List.of(new WindowLedger.Span(DAY.atTime(0, 0), DAY.atTime(8, 0).minusSeconds(1)),
                new WindowLedger.Span(DAY.atTime(12, 0), DAY.atTime(18, 0).minusSeconds(1))), coverage.delivered());
        assertEquals(List.of(new WindowLedger.Span(DAY.atTime(8, 0), DAY.atTime(12, 0).minusSeconds(1))), coverage.gaps());
        assertEquals(6, coverage.calls());
        assertEquals(59_500, coverage.records());
        assertEquals("TIMEOUT", ledger.entries("wolkvox-diagram_1", DAY).get(2).errorClass());
    }
}
