package io.github.wolkvoxcamel.state;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

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

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exitCode = CoverageCommand.run(new String[] {"coverage", "wolkvox-diagram_1", DAY.toString()}, dir,
                new PrintStream(out, true, StandardCharsets.UTF_8));
        assertEquals(1, exitCode, "a day with a gap");
        assertEquals(List.of("wolkvox-diagram_1 2026-11-20: 6 calls, 59500 records delivered",
                "  delivered 2026-11-20T00:00 .. 2026-11-20T07:59:59",
                "  delivered 2026-11-20T12:00 .. 2026-11-20T17:59:59",
                "  GAP       2026-11-20T08:00 .. 2026-11-20T11:59:59"), out.toString(StandardCharsets.UTF_8).lines().toList());
    }
}
