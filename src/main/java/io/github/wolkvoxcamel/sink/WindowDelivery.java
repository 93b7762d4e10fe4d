package io.github.wolkvoxcamel.sink;

import io.github.wolkvoxcamel.state.DeliveredKeys;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The deliveries of one window's records. Sends to Kafka are acknowledged later, on the producer's thread; this keeps
 * count of them per record, so a record's key becomes "delivered" only once every sink it was routed to has it, and a
 * window ends only when nothing of it is still in flight. A key is taken at most once per window.
 */
public final class WindowDelivery {

    /** A sink that failed for one record. */
    public record Failure(SinkRecord record, String sink, Throwable error) {
    }

    private final String scope;
    private final DeliveredKeys delivered;
    private final Set<String> taken;
    // guarded by this
    private final Map<String, Integer> sent = new HashMap<>();
    private final List<Failure> failures = new ArrayList<>();
    private int inFlight;

    /**
     * @param scope the report route: a key counts as delivered per route
     * @param delivered the keys delivered before, by earlier windows or runs
     * @param expectedRecords records the answer holds
     */
    public WindowDelivery(String scope, DeliveredKeys delivered, int expectedRecords) {
        this.scope = scope;
        this.delivered = delivered;
        this.taken = new HashSet<>(Math.max(16, (int) (expectedRecords / 0.75f) + 1));
    }

    /** True the first time the window meets a key it has not delivered before; the record goes on then. */
    boolean take(String key) {
        return taken.add(key) && !delivered.contains(deliveredKey(key));
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

    /** Marks a record whose failures were all kept as dead letters as done. */
    void settled(SinkRecord record) {
        delivered.add(deliveredKey(record.key()));
    }

    /** The entry of a record key in {@link DeliveredKeys}: keys are per report route. */
    private String deliveredKey(String key) {
        return scope + "|" + key;
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

        /** A send ended, {@code error} null if the sink has the record. */
        void sent(String sink, Throwable error) {
            synchronized (WindowDelivery.this) {
                inFlight--;
                outcome(sink, error);
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
