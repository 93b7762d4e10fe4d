package io.github.wolkvoxcamel.sink;

import io.github.wolkvoxcamel.state.DeliveredRecords;
import io.github.wolkvoxcamel.state.Fingerprint;
import io.github.wolkvoxcamel.state.FingerprintSet;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The deliveries of one window's records. Sends to Kafka are acknowledged later, on the producer's thread, and file
 * lines count once they are on disk; this keeps count of them per record, so a record becomes "delivered" only once
 * every sink it was routed to has it, and a window ends only when nothing of it is still in flight. A record (route,
 * key and content) is taken at most once per window.
 */
public final class WindowDelivery {

    /** A sink that failed for one record. */
    public record Failure(SinkRecord record, String sink, Throwable error) {
    }

    private final String scope;
    private final DeliveredRecords delivered;
    private final FingerprintSet taken;
    // guarded by this
    private final Map<String, Integer> sent = new HashMap<>();
    private final List<Failure> failures = new ArrayList<>();
    private int inFlight;
    private int versions;
    private int settledRecords;

    /**
     * @param scope the report route: a record counts as delivered per route
     * @param delivered the records delivered before, by earlier windows or runs
     * @param expectedRecords records the answer holds
     */
    public WindowDelivery(String scope, DeliveredRecords delivered, int expectedRecords) {
        this.scope = scope;
        this.delivered = delivered;
        this.taken = new FingerprintSet(expectedRecords);
    }

    /**
     * True the first time the window meets a record (route, key, content) not delivered before; the record goes on
     * then. False for a duplicate: the same record earlier in the answer, or delivered by an earlier window.
     */
    boolean take(Fingerprint fingerprint) {
        return taken.add(fingerprint) && !delivered.contains(fingerprint);
    }

    /** A record a sink cannot take at all (no key): it becomes a dead letter when the window settles. */
    synchronized void refused(SinkRecord record, String sink, Throwable error) {
        failures.add(new Failure(record, sink, error));
    }

    RecordDelivery begin(SinkRecord record) {
        return new RecordDelivery(record);
    }

    /** Waits until every send of the window is acknowledged or failed. */
    synchronized void awaitSends() throws InterruptedException {
        while (inFlight > 0) {
            wait();
        }
    }

    synchronized List<Failure> failures() {
        return List.copyOf(failures);
    }

    /** Records that reached each sink, for the delivered counter. */
    synchronized Map<String, Integer> sentPerSink() {
        return Map.copyOf(sent);
    }

    /** Records delivered in this window whose key had been delivered before with other content. */
    synchronized int versions() {
        return versions;
    }

    /** Marks a record that reached its sinks, or whose failures were all kept as dead letters, as done. */
    void settled(SinkRecord record) {
        boolean version = delivered.add(scope, record.fingerprint());
        synchronized (this) {
            settledRecords++;
            if (version) {
                versions++;
            }
        }
    }

    /** Records of this window that reached all their sinks (or were kept as dead letters). */
    synchronized int settledRecords() {
        return settledRecords;
    }

    /** One record on its way to its sinks: open while it is being routed, and while a send of it is unacknowledged. */
    public final class RecordDelivery {

        private final SinkRecord record;
        private int open = 1;
        private boolean failed;

        private RecordDelivery(SinkRecord record) {
            this.record = record;
        }

        /** A send to {@code sink} started; {@link #sent} follows. */
        void sending() {
            synchronized (WindowDelivery.this) {
                open++;
                inFlight++;
            }
        }

        /**
         * A send ended, {@code error} null if the sink has the record; {@code counted}: it counts toward the records
         * delivered to the sink (a file line does not when the sink's topic counts it).
         */
        void sent(String sink, Throwable error, boolean counted) {
            synchronized (WindowDelivery.this) {
                inFlight--;
                if (error != null || counted) {
                    outcome(sink, error);
                }
                close();
                WindowDelivery.this.notifyAll();
            }
        }

        /** The record reached {@code sink} at once (a file), or failed to. */
        void done(String sink, Throwable error) {
            synchronized (WindowDelivery.this) {
                outcome(sink, error);
            }
        }

        /** Routing of the record is over; what is still unacknowledged keeps it open. */
        void routed() {
            synchronized (WindowDelivery.this) {
                close();
            }
        }

        private void outcome(String sink, Throwable error) {
            if (error == null) {
                sent.merge(sink, 1, Integer::sum);
            } else {
                failed = true;
                failures.add(new Failure(record, sink, error));
            }
        }

        private void close() {
            if (--open == 0 && !failed) {
                settled(record);
            }
        }
    }
}
