package io.github.wolkvoxcamel.simulator;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** A report with one record per event on a timeline: IVR detail, smart wait, agent detail, recent calls. */
final class DetailReport implements SimulatedReport {

    /** Builds the fields of event {@code i}, which happened at {@code at}. */
    interface RecordMaker {
        Map<String, String> make(long i, LocalDateTime at, Values values);
    }

    private final String group;
    private final String api;
    private final boolean stringCode;
    private final boolean windowed;
    private final List<String> requiredParams;
    private final EventTimeline timeline;
    private final long seed;
    private final RecordMaker maker;

    DetailReport(String group, String api, boolean stringCode, boolean windowed, List<String> requiredParams,
                 long spacingMs, long seed, RecordMaker maker) {
        this.group = group;
        this.api = api;
        this.stringCode = stringCode;
        this.windowed = windowed;
        this.requiredParams = requiredParams;
        this.seed = seed ^ api.hashCode();
        this.timeline = new EventTimeline(spacingMs, this.seed);
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
    public void records(LocalDateTime from, LocalDateTime to, Map<String, String> params,
                        Consumer<Map<String, String>> sink) {
        String customerFilter = params.getOrDefault("customer_id", "");
        timeline.forEach(from, to, i -> {
            Map<String, String> record = maker.make(i, timeline.timeOf(i), new Values(seed, i));
            if (customerFilter.isEmpty() || customerFilter.equals(record.get("customer_id"))) {
                sink.accept(record);
            }
        });
    }
}
