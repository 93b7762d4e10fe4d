package io.github.wolkvoxcamel.state;

import org.apache.camel.component.kafka.DefaultKafkaClientFactory;
import org.apache.camel.component.kafka.KafkaClientFactory;
import org.apache.camel.component.kafka.KafkaConfiguration;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.metrics.KafkaMetric;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Exactly once into Kafka ({@code WOLKVOX_KAFKA_EXACTLY_ONCE=true}): a window's records, the fingerprints of those
 * records and its watermark are written in one Kafka transaction, so a {@code read_committed} consumer sees a window
 * whole or not at all, and a window fetched again after a crash or a takeover is not seen twice.
 * <p>
 * camel-kafka's endpoints get their producer from this factory: a stand-in that sends through the transaction open at
 * the moment. One window is in a transaction at a time in this process (a window waits for the one before to commit):
 * a transaction holds no one else's records. Each leadership scope (Wolkvox server and token) has its own
 * transactional producer, {@code transactional.id} {@code wolkvox-<scope>}: a new leader of the scope starting its
 * producer fences the last leader's, whose commit then fails (a zombie cannot commit after a takeover).
 */
public final class KafkaTransactions implements KafkaClientFactory, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaTransactions.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final Supplier<Properties> producerSettings;
    /** Kafka's transaction.timeout.ms for the windows: a window's records and retried passes must fit in it. */
    private final Duration transactionTimeout;
    private final KafkaClientFactory consumers = new DefaultKafkaClientFactory();
    private final Semaphore slot = new Semaphore(1);
    private final Map<String, Producer<Object, Object>> producers = new HashMap<>();
    // the window holding the slot (owner) and its transaction (current: null once aborted under it); guarded by this
    private volatile Producer<Object, Object> current;
    private String currentScope;
    private String owner;
    private long openedNanos;
    /**
     * Windows whose transaction was aborted by someone else (past the timeout, a fence): they may neither begin
     * another nor commit, only fail (and forget what they confirmed), until they say so through abort. Guarded by this.
     */
    private final Set<String> aborted = new HashSet<>();

    /**
     * @param producerSettings the camel-kafka component's producer settings (serializers, acks, compression...)
     * @param transactionTimeout how long a window's transaction may stay open before the next window aborts it
     */
    public KafkaTransactions(Supplier<Properties> producerSettings, Duration transactionTimeout) {
        this.producerSettings = producerSettings;
        this.transactionTimeout = transactionTimeout;
    }

    /**
     * This replica just became the leader of {@code scope}: starts the scope's transactional producer anew, which
     * fences the last leader's (its open transaction is aborted, its next commit fails). Call before reading the
     * state the last leader left, so that nothing it commits afterwards is missed.
     */
    public synchronized void fence(String scope) {
        if (scope.equals(currentScope) && current != null) {
            abortUnder("this replica leads its scope anew");
        }
        drop(scope);
        producer(scope);
    }

    /**
     * Waits until no other window holds the slot, then opens a transaction for the window {@code owner}. A transaction
     * left open past the transaction timeout is aborted, as Kafka would; its window keeps the slot until it fails, so
     * that none of its records in flight lands in the next window's transaction. A window of the same route holding
     * the slot is over (a route's windows follow each other; its thread died): its slot is freed.
     *
     * @param scope the window's leadership scope ({@link StateScope}); @param owner the window, unique per attempt
     * @throws TransactionAbortedException when {@code owner}'s transaction was aborted under it: the window must fail
     */
    public void begin(String scope, String owner) throws InterruptedException {
        synchronized (this) {
            if (aborted.contains(owner)) {
                // a fresh transaction would commit fingerprints of records that went with the aborted one
                throw new TransactionAbortedException("the window's Kafka transaction was aborted (open longer than the "
                        + "transaction timeout of " + transactionTimeout + ", or fenced); the window is fetched again");
            }
        }
        while (!slot.tryAcquire(1, TimeUnit.SECONDS)) {
            freeStale(owner);
        }
        synchronized (this) {
            try {
                Producer<Object, Object> producer = producer(scope);
                producer.beginTransaction();
                this.current = producer;
                this.currentScope = scope;
                this.owner = owner;
                this.openedNanos = System.nanoTime();
            } catch (RuntimeException e) {
                drop(scope);
                slot.release();
                throw e;
            }
        }
    }

    /** Whether the window {@code owner} has a transaction open. */
    public synchronized boolean isOpen(String owner) {
        return current != null && owner.equals(this.owner);
    }

    /** Sends {@code state} in the open transaction of the window {@code owner} and commits it with all sent in it. */
    public synchronized void commit(String owner, List<ProducerRecord<String, byte[]>> state) {
        if (!isOpen(owner)) {
            throw new IllegalStateException("the window's Kafka transaction is no longer open (aborted after a stop, "
                    + "or past the transaction timeout); the window is fetched again");
        }
        try {
            state.forEach(record -> current.send(new ProducerRecord<>(record.topic(), record.key(), record.value())));
            current.commitTransaction();
        } catch (RuntimeException e) {
            // fenced by a new leader, or a send that failed: nothing of the window counts
            drop(currentScope);
            throw new IllegalStateException("the window's Kafka transaction did not commit: " + e.getMessage(), e);
        } finally {
            release();
        }
    }

    /**
     * The window {@code owner} failed: rolls back its open transaction, if it has one.
     *
     * @return whether its records were rolled back, now or earlier under it (then its confirmations are to be forgotten)
     */
    public synchronized boolean abort(String owner) {
        boolean abortedBefore = aborted.remove(owner);
        if (!owner.equals(this.owner)) {
            return abortedBefore;
        }
        rollBack("the window failed");
        release();
        return true;
    }

    /**
     * Rolls back the transaction of a window of {@code routeId}, which stopped.
     *
     * @return whether one was rolled back, now or earlier under it
     */
    public synchronized boolean abortRoute(String routeId) {
        boolean abortedBefore = aborted.removeIf(window -> window.startsWith(routeId + "#"));
        if (owner == null || !owner.startsWith(routeId + "#")) {
            return abortedBefore;
        }
        rollBack("route " + routeId + " stopped");
        release();
        return true;
    }

    private synchronized void freeStale(String waiting) {
        if (owner == null) {
            return;
        }
        if (route(owner).equals(route(waiting))) {
            LOG.warn("Exactly-once: window {} never ended; the slot is freed for the next window of its route", owner);
            rollBack("its route started another window");
            release();
        } else if (current != null && System.nanoTime() - openedNanos > transactionTimeout.toNanos()) {
            abortUnder("open longer than the transaction timeout of " + transactionTimeout);
        }
    }

    private static String route(String window) {
        return window.substring(0, window.lastIndexOf('#'));
    }

    /** Aborts the open transaction under its window, which keeps the slot until it fails. */
    private void abortUnder(String why) {
        rollBack(why);
        aborted.add(owner);
    }

    /** Aborts the open transaction, if any; its records in flight fail, and no more can be sent. */
    private void rollBack(String why) {
        if (current == null) {
            return;
        }
        LOG.info("Exactly-once: aborting the Kafka transaction of window {} ({})", owner, why);
        try {
            current.abortTransaction();
        } catch (RuntimeException e) {
            LOG.warn("Aborting the window's Kafka transaction failed ({}); its producer is replaced", e.getMessage());
            drop(currentScope);
        } finally {
            current = null;
        }
    }

    /** Ends the window's hold on the slot. */
    private void release() {
        current = null;
        currentScope = null;
        owner = null;
        slot.release();
    }

    private synchronized Producer<Object, Object> producer(String scope) {
        return producers.computeIfAbsent(scope, s -> {
            Properties settings = producerSettings.get();
            settings.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, StateScope.leadershipNamespace(s));
            // a window's records and acknowledgements may take minutes with retried passes; Kafka's default is 1 min
            settings.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, Long.toString(transactionTimeout.toMillis()));
            KafkaProducer<Object, Object> producer = new KafkaProducer<>(settings);
            producer.initTransactions();
            LOG.info("Exactly-once: transactional producer {} ready", StateScope.leadershipNamespace(s));
            return producer;
        });
    }

    /** Closes a producer that failed (fenced, broken) so the next transaction of its scope starts a new one. */
    private synchronized void drop(String scope) {
        Producer<Object, Object> producer = producers.remove(scope);
        if (producer != null) {
            producer.close(Duration.ZERO);
        }
    }

    @Override
    public Producer<Object, Object> getProducer(Properties kafkaProps) {
        return new WindowProducer();
    }

    // camel-kafka's KafkaClientFactory declares the raw type
    @Override
    @SuppressWarnings("rawtypes")
    public Consumer getConsumer(Properties kafkaProps) {
        return consumers.getConsumer(kafkaProps);
    }

    @Override
    public String getBrokers(KafkaConfiguration configuration) {
        return consumers.getBrokers(configuration);
    }

    @Override
    public synchronized void close() {
        producers.values().forEach(producer -> producer.close(CLOSE_TIMEOUT));
        producers.clear();
    }

    /** What a camel-kafka endpoint sends through: the transaction open at the moment, and nothing outside one. */
    private final class WindowProducer implements Producer<Object, Object> {

        private Producer<Object, Object> open() {
            Producer<Object, Object> producer = current;
            if (producer == null) {
                throw new IllegalStateException("exactly-once mode: a kafka: endpoint sent outside a report window's "
                        + "transaction (only report routes' records may go to Kafka in this mode)");
            }
            return producer;
        }

        @Override
        public Future<RecordMetadata> send(ProducerRecord<Object, Object> record) {
            return open().send(record);
        }

        @Override
        public Future<RecordMetadata> send(ProducerRecord<Object, Object> record, Callback callback) {
            return open().send(record, callback);
        }

        @Override
        public void flush() {
            Producer<Object, Object> producer = current;
            if (producer != null) {
                producer.flush();
            }
        }

        @Override
        public List<PartitionInfo> partitionsFor(String topic) {
            return open().partitionsFor(topic);
        }

        @Override
        public Map<MetricName, ? extends Metric> metrics() {
            return Map.of();
        }

        @Override
        public void close() {
            // the transactional producers are this factory's, closed with it
        }

        @Override
        public void close(Duration timeout) {
            close();
        }

        @Override
        public void initTransactions() {
            throw unsupported();
        }

        @Override
        public void beginTransaction() {
            throw unsupported();
        }

        @Override
        public void sendOffsetsToTransaction(Map<TopicPartition, OffsetAndMetadata> offsets,
                                             ConsumerGroupMetadata groupMetadata) {
            throw unsupported();
        }

        @Override
        public void commitTransaction() {
            throw unsupported();
        }

        @Override
        public void abortTransaction() {
            throw unsupported();
        }

        @Override
        public Uuid clientInstanceId(Duration timeout) {
            throw unsupported();
        }

        @Override
        public void registerMetricForSubscription(KafkaMetric metric) {
            // no client metrics are pushed for the stand-in
        }

        @Override
        public void unregisterMetricFromSubscription(KafkaMetric metric) {
            // as above
        }

        private UnsupportedOperationException unsupported() {
            return new UnsupportedOperationException("transactions are the report windows' (KafkaTransactions)");
        }
    }
}
