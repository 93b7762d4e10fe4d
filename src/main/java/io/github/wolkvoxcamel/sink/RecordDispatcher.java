package io.github.wolkvoxcamel.sink;

import io.github.wolkvoxcamel.observe.PollMonitor;
import io.github.wolkvoxcamel.sink.WindowDelivery.Failure;
import io.github.wolkvoxcamel.sink.WindowDelivery.RecordDelivery;
import io.github.wolkvoxcamel.state.DeliveredRecords;
import io.github.wolkvoxcamel.state.Fingerprint;
import io.github.wolkvoxcamel.wolkvox.RecordKeys;
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
 * Delivers the records of one window, one after the other as they are read from the answer: each new record (one not
 * delivered before with the same key and content) goes to its report's own sink, then through every rule route of
 * its report whose condition it matches; a record without its key becomes a dead letter. Kafka sends are not
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
    private final DeliveredRecords deliveredRecords;
    private final PollMonitor monitor;
    private volatile RecordsComponent rules;

    public RecordDispatcher(CamelContext context, RecordSinks sinks, DeadLetters deadLetters,
                            DeliveredRecords deliveredRecords, PollMonitor monitor) {
        this.context = context;
        this.sinks = sinks;
        this.deadLetters = deadLetters;
        this.deliveredRecords = deliveredRecords;
        this.monitor = monitor;
    }

    /**
     * @param scope the report route; a record is delivered once per route
     * @param report the report, also the name of its own sink
     * @param records the window's records, read one at a time
     * @param expectedRecords how many records the answer holds
     * @param keyOf the record key
     * @param dateOf the record's date, {@code yyyy-MM-dd} then its hour, if known, as {@code HH...} after one separator
     * @param windowHeaders the headers every record of the window carries (report, window, fetch time)
     * @param giveUp records that failed at a sink too often while the rest of the window was delivered: each becomes a
     *        dead letter with the reason it maps to
     * @return records delivered (new in this window)
     * @throws SinkFailedException when a sink failed for a reason other than refusing a record
     */
    public int dispatch(String scope, String report, Iterator<WolkvoxRecord> records, int expectedRecords,
                        Function<WolkvoxRecord, String> keyOf,
                        Function<WolkvoxRecord, String> dateOf, Map<String, String> windowHeaders,
                        Map<Fingerprint, String> giveUp) throws InterruptedException, SinkFailedException {
        WindowDelivery window = new WindowDelivery(scope, deliveredRecords, expectedRecords);
        List<RecordsConsumer> reportRules = rules().rulesFor(report);
        Exchange probe = null;
        if (!reportRules.isEmpty()) {
            // the headers of the window once; each record then changes only its key and day
            probe = new DefaultExchange(context);
            probe.getMessage().getHeaders().putAll(windowHeaders);
        }
        int[] matched = new int[reportRules.size()];
        int count = 0;
        int duplicates = 0;
        try {
            while (records.hasNext()) {
                WolkvoxRecord record = records.next();
                String date = dateOf.apply(record);
                String day = date.substring(0, 10);
                long hour = DeliveredRecords.hourOf(date);
                if (record.unreadable() != null) {
                    refuse(window, scope, report, record, day, hour, windowHeaders, new IllegalArgumentException(record.unreadable()));
                    continue;
                }
                String key;
                try {
                    key = keyOf.apply(record);
                } catch (RecordKeys.MissingKeyException noKey) {
                    refuse(window, scope, report, record, day, hour, windowHeaders, noKey);
                    continue;
                }
                Fingerprint fingerprint = Fingerprint.of(scope, key, record.json(), hour);
                if (!window.take(fingerprint)) {
                    duplicates++;
                    continue;
                }
                Map<String, String> headers = recordHeaders(windowHeaders, key, day);
                SinkRecord sinkRecord = new SinkRecord(record.json(), headers, fingerprint);
                String givenUp = giveUp.get(fingerprint);
                if (givenUp != null) {
                    window.refused(sinkRecord, report, new GivenUpRecordException(givenUp));
                    continue;
                }
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
                monitor.recordsSkipped(report, "duplicate", duplicates);
                for (int i = 0; i < matched.length; i++) {
                    monitor.ruleMatched(reportRules.get(i).getRouteId(), matched[i]);
                }
            }
        }
        settle(window);
        monitor.recordVersions(report, window.versions());
        return count;
    }

    /**
     * A record no sink can take (it has no key, or is no valid JSON): it becomes a dead letter, remembered by its
     * content alone so that the lookback does not refuse it again.
     */
    private static void refuse(WindowDelivery window, String scope, String report, WolkvoxRecord record, String day,
                               long hour, Map<String, String> windowHeaders, RuntimeException reason) {
        SinkRecord refused = new SinkRecord(record.json(), recordHeaders(windowHeaders, null, day),
                Fingerprint.of(scope, "", record.json(), hour));
        if (window.take(refused.fingerprint())) {
            window.refused(refused, report, reason);
        }
    }

    /** Runs the record through each rule it matches; the condition is checked on one reused exchange. */
    private void route(List<RecordsConsumer> reportRules, int[] matched, Exchange probe, SinkRecord sinkRecord,
                       WolkvoxRecord record, RecordDelivery delivery) {
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
                    // refused: a dead letter; any other failure fails the record, and the window once it ended
                    delivery.done(exchange.getMessage().getHeader(RecordSinks.HEADER_SINK, rule.getRouteId(), String.class), failure);
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
                            + " (sink " + failure.sink() + "): " + e.getMessage(), e, Set.of(), window.settledRecords() > 0);
                }
                if (!unsettled.contains(failure.record())) {
                    window.settled(failure.record());
                }
            }
        }
        if (firstFailure != null) {
            Set<Fingerprint> failed = new LinkedHashSet<>();
            unsettled.forEach(record -> failed.add(record.fingerprint()));
            throw new SinkFailedException(unsettled.size() + " record(s) did not reach sink " + firstFailure.sink()
                    + " (first: key " + firstFailure.record().key() + "): " + firstFailure.error(), firstFailure.error(),
                    failed, window.settledRecords() > 0);
        }
    }

    private static Map<String, String> recordHeaders(Map<String, String> windowHeaders, String key, String day) {
        Map<String, String> headers = new LinkedHashMap<>(12);
        headers.putAll(windowHeaders);
        if (key != null) {
            headers.put(ReportPoller.HEADER_RECORD_KEY, key);
        }
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
