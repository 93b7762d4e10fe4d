package io.github.wolkvoxcamel.simulator;

import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code campaign_10}: Turbo Dial results grouped by machine code. The simulator dials on a timeline, each attempt
 * belonging to one of a few campaigns; the answer counts the window's attempts per machine code. In hard mode an
 * attempt is counted only once it is visible, so the counts of a window grow for a while after it ended.
 */
final class MachineCodeReport implements SimulatedReport {

    static final List<String> MACHINE_CODES =
            List.of("answer", "no answer", "answer machine", "busy", "failed", "congestion", "abandon", "chanunavail");
    static final List<String> CAMPAIGNS = List.of("101", "102", "103");
    /** Relative frequency of each machine code, in {@link #MACHINE_CODES} order. */
    private static final int[] WEIGHTS = {30, 35, 14, 8, 5, 4, 3, 1};

    private final EventTimeline attempts;
    private final long seed;
    private final Hardness hard;

    MachineCodeReport(long attemptSpacingMs, long seed, Hardness hard) {
        this.seed = seed ^ "campaign_10".hashCode();
        this.attempts = new EventTimeline(attemptSpacingMs, this.seed);
        this.hard = hard;
    }

    @Override
    public String group() {
        return "reports_manager";
    }

    @Override
    public String api() {
        return "campaign_10";
    }

    @Override
    public boolean stringCode() {
        return true;
    }

    @Override
    public boolean windowed() {
        return true;
    }

    @Override
    public List<String> requiredParams() {
        return List.of("campaign_id");
    }

    @Override
    public void records(LocalDateTime from, LocalDateTime to, Map<String, String> params, LocalDateTime now,
                        Consumer<Row> sink) {
        String campaign = params.getOrDefault("campaign_id", "all");
        long[] counts = new long[MACHINE_CODES.size()];
        attempts.forEach(from, to, i -> {
            Values values = new Values(seed, i);
            if ((campaign.equals("all") || campaign.equals(values.pick(1, CAMPAIGNS)))
                    && hard.visible(seed, i, 0, attempts.timeOf(i), now)) {
                counts[machineCode(values)]++;
            }
        });
        for (int c = 0; c < counts.length; c++) {
            if (counts[c] > 0) {
                Map<String, String> record = new LinkedHashMap<>();
                record.put("machinecode", MACHINE_CODES.get(c));
                record.put("cantidad", Long.toString(counts[c]));
                sink.accept(new Row(from, c, 0, record));
            }
        }
    }

    private static int machineCode(Values values) {
        int roll = values.pick(2, 100);
        for (int c = 0; c < WEIGHTS.length; c++) {
            roll -= WEIGHTS[c];
            if (roll < 0) {
                return c;
            }
        }
        return WEIGHTS.length - 1;
    }
}
