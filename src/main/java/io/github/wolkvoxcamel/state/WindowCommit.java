package io.github.wolkvoxcamel.state;

import io.github.wolkvoxcamel.wolkvox.WolkvoxTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

    /** Before a window's first record: in exactly-once mode, waits for its transaction. */
    public void recordsStart(String scope, String routeId) throws InterruptedException {
        if (transactions != null && !transactions.isOpen(routeId)) {
            transactions.begin(scope, routeId);
        }
    }

    /**
     * A pass over the window's records failed and another follows: in exactly-once mode the pass's records are rolled
     * back and all of them go again in a new transaction; otherwise those that got through are not sent again.
     */
    public void passFailed(String scope, String routeId) throws InterruptedException {
        if (transactions != null) {
            rollBack(scope, routeId);
            transactions.begin(scope, routeId);
        }
    }

    /**
     * The window is delivered: its fingerprints and, if it moves, its watermark (null: a real-time window, which has
     * none) are written, committed with its records in exactly-once mode.
     */
    public void delivered(String scope, String routeId, String stateKey, LocalDateTime watermark)
            throws InterruptedException {
        Map<Long, byte[]> fingerprints = delivered.unflushed(routeId);
        boolean moves = watermark != null && watermarks.moves(scope, stateKey, watermark);
        String mark = moves ? WolkvoxTime.formatRequest(watermark) : null;
        if (transactions != null) {
            recordsStart(scope, routeId);
            try {
                transactions.commit(scope, routeId, stateTopic.windowRecords(scope, stateKey, mark, fingerprints));
            } catch (RuntimeException e) {
                // not committed (fenced by a new leader, Kafka away): its records are as good as never sent
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

    /** The window failed: in exactly-once mode its records are rolled back and forgotten as delivered. */
    public void failed(String scope, String routeId) {
        if (transactions != null) {
            rollBack(scope, routeId);
        }
    }

    private void rollBack(String scope, String routeId) {
        if (transactions.abort(scope, routeId)) {
            delivered.discard(routeId);
        }
    }

    /**
     * This replica just became the leader of {@code scope}: the watermarks and the fingerprints of the records the
     * last leader delivered are read again from the state topics.
     */
    public void reload(String scope) {
        watermarks.reload();
        if (stateTopic != null) {
            int adopted = delivered.adopt(stateTopic.readDelivered(scope));
            LOG.info("State of {} read from Kafka: {} delivered records not known here before", scope, adopted);
        }
    }

    public WatermarkStore watermarks() {
        return watermarks;
    }
}
