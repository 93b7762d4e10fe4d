package io.github.wolkvoxcamel.simulator;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A report with rows per event on a timeline: IVR detail, smart wait, agent detail, recent calls. In hard mode an event
 * may leave a second row dated later (a sibling), rows show up late, and some rows change until they settle.
 */
final class DetailReport implements SimulatedReport {

    /** Builds the rows of event {@code i}, which happened at {@code at}, as a call at {@code now} sees them. */
    interface RecordMaker {
        List<Row> make(long i, LocalDateTime at, Values values, Hardness hard, LocalDateTime now);
    }

    private final String group;
    private final String api;
    private final boolean stringCode;
    private final boolean windowed;
    private final List<String> requiredParams;
    private final EventTimeline timeline;
    private final long seed;
    private final RecordMaker maker;
    private final Hardness hard;

    DetailReport(String group, String api, boolean stringCode, boolean windowed, List<String> requiredParams,
                 long spacingMs, long seed, Hardness hard, RecordMaker maker) {
        this.group = group;
        this.api = api;
        this.stringCode = stringCode;
        this.windowed = windowed;
        this.requiredParams = requiredParams;
        this.seed = seed ^ api.hashCode();
        this.timeline = new EventTimeline(spacingMs, this.seed);
        this.hard = hard;
        this.maker = maker;
    }

    @Override
    public String group() {
        return group;
    }

    @Override
    public String api() {
        return api;
    }

    @Override
    public boolean stringCode() {
        return stringCode;
    }

    @Override
    public boolean windowed() {
        return windowed;
    }

    @Override
    public List<String> requiredParams() {
        return requiredParams;
    }

    @Override
    public void records(LocalDateTime from, LocalDateTime to, Map<String, String> params, LocalDateTime now,
                        Consumer<Row> sink) {
        String customerFilter = params.getOrDefault("customer_id", "");
        if (hard.friendly()) {
            timeline.forEach(from, to, i -> {
                Row row = maker.make(i, timeline.timeOf(i), new Values(seed, i), hard, now).get(0);
                if (customerFilter.isEmpty() || customerFilter.equals(row.fields().get("customer_id"))) {
                    sink.accept(row);
                }
            });
            return;
        }
        // a sibling row is dated after its event: events from before the window may have rows inside it
        List<Row> rows = new ArrayList<>();
        LocalDateTime reach = hard.siblingRows() ? from.minus(Hardness.SIBLING_REACH) : from;
        timeline.forEach(reach, to, i -> {
            for (Row row : maker.make(i, timeline.timeOf(i), new Values(seed, i), hard, now)) {
                if (!row.at().isBefore(from) && !row.at().isAfter(to) && hard.visible(seed, i, row.index(), row.at(), now)
                        && (customerFilter.isEmpty() || customerFilter.equals(row.fields().get("customer_id")))) {
                    rows.add(row);
                }
            }
        });
        rows.sort(Comparator.comparing(Row::at));
        rows.forEach(sink);
    }
}
