package io.github.wolkvoxcamel.sink;

import io.github.wolkvoxcamel.observe.PollMonitor;
import io.github.wolkvoxcamel.sink.WindowDelivery.Failure;
import io.github.wolkvoxcamel.sink.WindowDelivery.RecordDelivery;
import io.github.wolkvoxcamel.state.DeliveredKeys;
import io.github.wolkvoxcamel.wolkvox.ReportPoller;
import io.github.wolkvoxcamel.wolkvox.WolkvoxRecord;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultExchange;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Delivers the records of one window, one after the other as they are read from the answer: each new record goes to
 * its report's own sink, then through every rule route of its report whose condition it matches. Kafka sends are not
 * waited for one by one (that would make a window as slow as the broker's round trips); the window waits once, at
 * its end, for all of them. Keeping a window on one thread and windows of a report one after the other keeps each
 * key's records in order.
 * <p>
 * A record a sink refuses becomes a dead letter and the window goes on; any other failure fails the window (it is
 * fetched again; records that reached all their sinks are not delivered again).
 */
public final class RecordDispatcher {

    /** Bean name of the {@link RecordSinks}, which {@code wolkvox-sink} endpoints look up. */
    public static final String SINKS_BEAN = "recordSinks";
    /** Exchange property of a rule route's exchange: the record's {@link RecordDelivery}. */
    static final String PROPERTY_DELIVERY = "wolkvoxDelivery";

    private final CamelContext context;
    private final RecordSinks sinks;
    private final DeadLetters deadLetters;
    private final DeliveredKeys deliveredKeys;
    private final PollMonitor monitor;
    private volatile RecordsComponent rules;

    public RecordDispatcher(CamelContext context, RecordSinks sinks, DeadLetters deadLetters, DeliveredKeys deliveredKeys,
                            PollMonitor monitor) {
        this.context = context;
        this.sinks = sinks;
        this.deadLetters = deadLetters;
        this.deliveredKeys = deliveredKeys;
        this.monitor = monitor;
    }

    /**
     * @param scope the report route; keys are delivered once per route
     * @param report the report, also the name of its own sink
     * @param records the window's records, read one at a time
     * @param expectedRecords how many records the answer holds
     * @param keyOf the record key
     * @param dayOf the record's day, {@code yyyy-MM-dd}
     * @param windowHeaders the headers every record of the window carries (report, window, fetch time)
     * @return records delivered (new in this window)
     * @throws SinkFailedException when a sink failed for a reason other than refusing a record
     */
    public int dispatch(String scope, String report, Iterator<WolkvoxRecord> records, int expectedRecords,
                        Function<WolkvoxRecord, String> keyOf,
                        Function<WolkvoxRecord, String> dayOf, Map<String, String> windowHeaders)
            throws InterruptedException, SinkFailedException {
        WindowDelivery window = new WindowDelivery(scope, deliveredKeys, expectedRecords);
        List<RecordsConsumer> reportRules = rules().rulesFor(report);
        Exchange probe = null;
        if (!reportRules.isEmpty()) {
            // the headers of the window once; each record then changes only its key and day
            probe = new DefaultExchange(context);
            probe.getMessage().getHeaders().putAll(windowHeaders);
        }
        int[] matched = new int[reportRules.size()];
        int count = 0;
        try {
            while (records.hasNext()) {
                WolkvoxRecord record = records.next();
                String key = keyOf.apply(record);
                if (!window.take(key)) {
                    continue;
                }
                Map<String, String> headers = recordHeaders(windowHeaders, key, dayOf.apply(record));
                SinkRecord sinkRecord = new SinkRecord(record.json(), headers);
                RecordDelivery delivery = window.begin(sinkRecord);
                sinks.deliver(report, sinkRecord, delivery);
                if (probe != null) {
                    route(reportRules, matched, probe, sinkRecord, record, delivery);
                }
                delivery.routed();
                count++;
            }
        } finally {
            // also after a failure: the window's sends end before the window is tried again, so none is sent twice
            try {
                sinks.flush();
            } finally {
                window.awaitSends();
                window.sentPerSink().forEach((sink, sent) -> monitor.recordsDelivered(sink, sent));
                for (int i = 0; i < matched.length; i++) {
                    monitor.ruleMatched(reportRules.get(i).getRouteId(), matched[i]);
                }
            }
        }
        settle(window);
        return count;
    }

    /** Runs the record through each rule it matches; the condition is checked on one reused exchange. */
    private void route(List<RecordsConsumer> reportRules, int[] matched, Exchange probe, SinkRecord sinkRecord,
                       WolkvoxRecord record, RecordDelivery delivery) throws SinkFailedException {
        Map<String, String> headers = sinkRecord.headers();
        Message probeMessage = probe.getMessage();
        probeMessage.setBody(record);
        probeMessage.setHeader(ReportPoller.HEADER_RECORD_KEY, sinkRecord.key());
        probeMessage.setHeader(ReportPoller.HEADER_RECORD_DATE, sinkRecord.day());
        for (int i = 0; i < reportRules.size(); i++) {
            RecordsConsumer rule = reportRules.get(i);
            if (!rule.matches(probe, record)) {
                continue;
            }
            matched[i]++;
            Exchange exchange = rule.createExchange(false);
            try {
                exchange.getMessage().setBody(record);
                exchange.getMessage().getHeaders().putAll(headers);
                exchange.setProperty(PROPERTY_DELIVERY, delivery);
                try {
                    rule.getProcessor().process(exchange);
                } catch (Exception e) {
                    exchange.setException(e);
                }
                Exception failure = exchange.getException();
                if (failure != null) {
                    String sink = exchange.getMessage().getHeader(RecordSinks.HEADER_SINK, rule.getRouteId(), String.class);
                    if (!DeadLetters.refuses(failure)) {
                        throw new SinkFailedException("rule route " + rule.getRouteId() + " failed for record "
                                + sinkRecord.key() + ": " + failure.getMessage(), failure);
                    }
                    delivery.done(sink, failure);
                }
            } finally {
                rule.releaseExchange(exchange, false);
            }
        }
    }

    /**
     * After the window's sends ended: keeps each refused record as a dead letter (it then counts as delivered), and
     * fails the window if anything else failed.
     */
    private void settle(WindowDelivery window) throws InterruptedException, SinkFailedException {
        List<Failure> failures = window.failures();
        if (failures.isEmpty()) {
            return;
        }
        Set<SinkRecord> unsettled = new LinkedHashSet<>();
        Failure firstFailure = null;
        for (Failure failure : failures) {
            if (!DeadLetters.refuses(failure.error())) {
                unsettled.add(failure.record());
                firstFailure = firstFailure == null ? failure : firstFailure;
            }
        }
        for (Failure failure : failures) {
            if (DeadLetters.refuses(failure.error())) {
                try {
                    deadLetters.keep(failure);
                } catch (ExecutionException | TimeoutException e) {
                    throw new SinkFailedException("cannot keep the dead letter of record " + failure.record().key()
                            + " (sink " + failure.sink() + "): " + e.getMessage(), e);
                }
                if (!unsettled.contains(failure.record())) {
                    window.settled(failure.record());
                }
            }
        }
        if (firstFailure != null) {
            throw new SinkFailedException(unsettled.size() + " record(s) did not reach sink " + firstFailure.sink()
                    + " (first: key " + firstFailure.record().key() + "): " + firstFailure.error(), firstFailure.error());
        }
    }

    private static Map<String, String> recordHeaders(Map<String, String> windowHeaders, String key, String day) {
        Map<String, String> headers = new LinkedHashMap<>(12);
        headers.putAll(windowHeaders);
        headers.put(ReportPoller.HEADER_RECORD_KEY, key);
        headers.put(ReportPoller.HEADER_RECORD_DATE, day);
        return headers;
    }

    private RecordsComponent rules() {
        RecordsComponent current = rules;
        if (current == null) {
            current = context.getComponent("wolkvox-records", RecordsComponent.class);
            rules = current;
        }
        return current;
    }
}
