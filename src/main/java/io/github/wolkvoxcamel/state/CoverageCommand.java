package io.github.wolkvoxcamel.state;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** {@code coverage <route id> <yyyy-MM-dd>}: what the ledger says of a report's day, for an operator. */
public final class CoverageCommand {

    public static final String USAGE = "usage: coverage <route id, e.g. wolkvox-diagram_1> <day, e.g. 2026-11-21>";

    private CoverageCommand() {
    }

    /** @return the exit code: 0 when the day has no gap up to its last delivered second, 1 when it has gaps */
    public static int run(String[] args, Path stateDirectory, PrintStream out) {
        if (args.length != 3) {
            throw new IllegalArgumentException(USAGE);
        }
        LocalDate day;
        try {
            day = LocalDate.parse(args[2]);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + args[2] + "' is not a day\n" + USAGE, e);
        }
        WindowLedger.Coverage coverage = new WindowLedger(stateDirectory).coverage(args[1], day);
        out.printf("%s %s: %d calls, %d records delivered%n", args[1], day, coverage.calls(), coverage.records());
        if (coverage.delivered().isEmpty()) {
            out.println("  nothing delivered");
            return 1;
        }
        coverage.delivered().forEach(span -> out.printf("  delivered %s .. %s%n", span.start(), span.end()));
        coverage.gaps().forEach(span -> out.printf("  GAP       %s .. %s%n", span.start(), span.end()));
        return coverage.gaps().isEmpty() ? 0 : 1;
    }
}
