package io.github.wolkvoxcamel.state;

import io.github.wolkvoxcamel.time.WolkvoxTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Map;

/**
 * What a delivered window leaves behind, written so that it never claims more than was delivered: the fingerprints
 * of its records, then its watermark; to the state topics first (what a new leader reads), then to this replica's
 * state directory. In exactly-once mode ({@link KafkaTransactions}) the window's records are sent in a transaction
 * opened before its first record, and its fingerprints and watermark are committed with them, or dropped with them
 * when the window fails.
 */
public final class WindowCommit {

    private static final Logger LOG = LoggerFactory.getLogger(WindowCommit.class);

    private final WatermarkStore watermarks;
    private final DeliveredRecords delivered;
    private final KafkaStateTopic stateTopic;
    private final KafkaTransactions transactions;

    /**
     * @param stateTopic where the state follows the leader, or null (no Kafka)
     * @param transactions exactly-once mode's transactions, or null (at-least-once)
     */
    public WindowCommit(WatermarkStore watermarks, DeliveredRecords delivered, KafkaStateTopic stateTopic,
                        KafkaTransactions transactions) {
        this.watermarks = watermarks;
        this.delivered = delivered;
        this.stateTopic = stateTopic;
        this.transactions = transactions;
    }

    /** Delivered records are remembered, here and in the state topic, as far back as a window of some report reaches. */
    public void reachBack(Duration reach) {
        delivered.reachBack(reach);
        if (stateTopic != null) {
            stateTopic.reachBack(reach);
        }
    }

    /**
     * Before a window's first record: in exactly-once mode, waits for its transaction.
     *
     * @param window the window attempt, unique ({@code <route id>#<n>}): it alone may commit or abort its transaction
     */
    public void recordsStart(String scope, String window) throws InterruptedException {
        if (transactions != null && !transactions.isOpen(window)) {
            transactions.begin(scope, window);
        }
    }

    /**
     * A pass over the window's records failed and another follows: in exactly-once mode the pass's records are rolled
     * back and all of them go again in a new transaction; otherwise those that got through are not sent again.
     */
    public void passFailed(String scope, String routeId, String window) throws InterruptedException {
        if (transactions != null) {
            rollBack(routeId, window);
            transactions.begin(scope, window);
        }
    }

    /**
     * The window is delivered: its fingerprints and, if it moves, its watermark (null: a real-time window, which has
     * none) are written, committed with its records in exactly-once mode.
     */
    public void delivered(String scope, String routeId, String window, String stateKey, LocalDateTime watermark)
            throws InterruptedException {
        Map<Long, byte[]> fingerprints = delivered.unflushed(routeId);
        boolean moves = watermark != null && watermarks.moves(scope, stateKey, watermark);
        String mark = moves ? WolkvoxTime.formatRequest(watermark) : null;
        if (transactions != null) {
            recordsStart(scope, window);
            try {
                transactions.commit(window, stateTopic.windowRecords(scope, stateKey, mark, fingerprints));
            } catch (RuntimeException e) {
                // not committed (fenced by a new leader, Kafka away, aborted after a stop): as good as never sent
                delivered.discard(routeId);
                throw e;
            }
        } else if (stateTopic != null) {
            stateTopic.writeWindow(stateTopic.windowRecords(scope, stateKey, mark, fingerprints));
        }
        delivered.flush(routeId);
        if (moves) {
            watermarks.put(scope, stateKey, watermark);
        }
    }

    /**
     * The window failed: in exactly-once mode its records are rolled back and forgotten as delivered, also when the
     * next window already aborted its transaction (then this is where the window learns it: begin and commit refuse it).
     */
    public void failed(String routeId, String window) {
        if (transactions != null && window != null) {
            rollBack(routeId, window);
        }
    }

    /** A report route stopped (it lost its leadership, the application stops): its open window is rolled back. */
    public void routeStopped(String routeId) {
        if (transactions != null && transactions.abortRoute(routeId)) {
            delivered.discard(routeId);
        }
    }

    private void rollBack(String routeId, String window) {
        if (transactions.abort(window)) {
            delivered.discard(routeId);
        }
    }

    /**
     * The state of {@code scope} is read again (this replica just became its leader, or the process started): the
     * last leader's producer is fenced first in exactly-once mode, so that no window of it commits after the read;
     * then the watermarks and the fingerprints of the records delivered.
     */
    public void reload(String scope) {
        if (transactions != null) {
            transactions.fence(scope);
        }
        watermarks.reload();
        if (stateTopic != null) {
            int adopted = delivered.adopt(stateTopic.readDelivered(scope));
            LOG.info("State of {} read from Kafka: {} delivered records not known here before", scope, adopted);
        }
    }

    public WatermarkStore watermarks() {
        return watermarks;
    }

    public DeliveredRecords delivered() {
        return delivered;
    }
}
