package io.github.wolkvoxcamel.state;

import io.github.wolkvoxcamel.kafka.KafkaTopics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The state a new leader resumes from, in Kafka: small values in a compacted topic (key {@code <scope>/<state key>},
 * e.g. a watermark as {@code YYYYmmddHHiiss}, a call count as {@code 2026-11-23 17}), and the fingerprints of
 * delivered records in {@code <topic>.delivered} (key {@code <scope>/<hour>}, 24 bytes a record, kept for the
 * fingerprints' retention), so another replica, or this one on a fresh disk, resumes where the last delivered window
 * ended without delivering its records again. Read with {@code read_committed}: state written in an aborted
 * transaction (exactly-once mode) never counts.
 */
public final class KafkaStateTopic implements StateMirror, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaStateTopic.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** Fingerprints per record of the delivered topic: 480 KB, under Kafka's default 1 MB message limit. */
    private static final int FINGERPRINTS_PER_RECORD = 20_000;
    private static final int FINGERPRINT_BYTES = 24;

    private final String topic;
    private final String deliveredTopic;
    private final Properties client;
    private final KafkaProducer<String, byte[]> producer;
    private volatile Duration deliveredRetention;
    // one thread: the writes of a key stay in order
    private final ExecutorService background = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "wolkvox-state-writer");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param client bootstrap servers and security settings, shared by the admin, producer and consumer
     * @param retention how long delivered fingerprints are kept (their hours' retention, and a day)
     */
    public KafkaStateTopic(String topic, Properties client, Duration retention) {
        this.topic = topic;
        this.deliveredTopic = topic + ".delivered";
        this.client = client;
        this.deliveredRetention = retention.plusDays(1);
        KafkaTopics.createIfMissing(client, topic, Map.of(TopicConfig.CLEANUP_POLICY_CONFIG,
                TopicConfig.CLEANUP_POLICY_COMPACT), "the state topic");
        KafkaTopics.createIfMissing(client, deliveredTopic, Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                TopicConfig.RETENTION_MS_CONFIG, Long.toString(deliveredRetention.toMillis())), "the state topic");
        Properties config = new Properties();
        config.putAll(client);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        // every write is waited for: lingering for more would only make each window's end wait longer
        config.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    /**
     * Keeps the delivered fingerprints at least {@code retention} (and a day), for a report route that reaches further
     * back than the settings the topic was made with. The topic's retention is only ever raised, never below what is
     * set on it, on a thread of its own; a refusal is logged (a new leader may then deliver again the records of such a
     * route's oldest re-pulled hours).
     */
    public void reachBack(Duration retention) {
        Duration needed = retention.plusDays(1);
        if (needed.compareTo(deliveredRetention) <= 0) {
            return;
        }
        deliveredRetention = needed;
        Thread raising = new Thread(() -> raiseRetention(needed), "wolkvox-state-retention");
        raising.setDaemon(true);
        raising.start();
    }

    private void raiseRetention(Duration needed) {
        ConfigResource delivered = new ConfigResource(ConfigResource.Type.TOPIC, deliveredTopic);
        try (Admin admin = Admin.create(client)) {
            ConfigEntry current = admin.describeConfigs(List.of(delivered)).all().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                    .get(delivered).get(TopicConfig.RETENTION_MS_CONFIG);
            long currentMs = current == null || current.value() == null ? 0 : Long.parseLong(current.value());
            if (currentMs < 0 || currentMs >= needed.toMillis()) {
                return;
            }
            AlterConfigOp longer = new AlterConfigOp(new ConfigEntry(TopicConfig.RETENTION_MS_CONFIG,
                    Long.toString(needed.toMillis())), AlterConfigOp.OpType.SET);
            admin.incrementalAlterConfigs(Map.of(delivered, List.of(longer))).all()
                    .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            LOG.info("The retention of {} is now {}: the deepest report route reaches that far back", deliveredTopic,
                    needed);
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("The retention of {} stays shorter than the deepest report route's reach ({}): {}",
                    deliveredTopic, needed, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The latest value of every key in the compacted topic. */
    @Override
    public Map<String, String> readAll() {
        Map<String, String> values = new HashMap<>();
        read(topic, record -> {
            if (record.value() == null) {
                values.remove(record.key());
            } else {
                values.put(record.key(), new String(record.value(), StandardCharsets.UTF_8));
            }
        });
        return values;
    }

    /** The fingerprints of records delivered for {@code scope} still in the delivered topic, by hour. */
    public Map<Long, byte[]> readDelivered(String scope) {
        String prefix = scope + "/";
        Map<Long, ByteArrayOutputStream> hours = new HashMap<>();
        read(deliveredTopic, record -> {
            if (record.key().startsWith(prefix) && record.value() != null) {
                long hour = Long.parseLong(record.key().substring(prefix.length()));
                hours.computeIfAbsent(hour, h -> new ByteArrayOutputStream()).writeBytes(record.value());
            }
        });
        Map<Long, byte[]> fingerprints = new HashMap<>();
        hours.forEach((hour, bytes) -> fingerprints.put(hour, bytes.toByteArray()));
        return fingerprints;
    }

    private void read(String name, Consumer<ConsumerRecord<String, byte[]>> each) {
        Properties config = new Properties();
        config.putAll(client);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(name, TIMEOUT).stream()
                    .map(info -> new TopicPartition(name, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, TIMEOUT);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read the state topic " + name + " within " + TIMEOUT);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(each);
            }
        }
    }

    /**
     * The state records of a delivered window: its records' fingerprints and, when it moved, its watermark; sent in
     * the window's transaction (exactly-once mode) or one by one ({@link #writeWindow}).
     *
     * @param watermark the new watermark, or null when it does not move
     */
    public List<ProducerRecord<String, byte[]>> windowRecords(String scope, String stateKey, String watermark,
                                                             Map<Long, byte[]> fingerprints) {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        int chunk = FINGERPRINTS_PER_RECORD * FINGERPRINT_BYTES;
        fingerprints.forEach((hour, bytes) -> {
            for (int from = 0; from < bytes.length; from += chunk) {
                byte[] part = Arrays.copyOfRange(bytes, from, Math.min(bytes.length, from + chunk));
                records.add(new ProducerRecord<>(deliveredTopic, scope + "/" + hour, part));
            }
        });
        if (watermark != null) {
            // last: a watermark is only ever read with the fingerprints of the windows before it
            records.add(new ProducerRecord<>(topic, scope + "/" + stateKey, watermark.getBytes(StandardCharsets.UTF_8)));
        }
        return records;
    }

    /**
     * Writes a window's state records so that they are durable before the next window starts: its fingerprints all at
     * once, and once every one of them is acknowledged, the watermark, last (it never lands without its fingerprints).
     */
    public void writeWindow(List<ProducerRecord<String, byte[]>> records) {
        List<ProducerRecord<String, byte[]>> fingerprints = records.stream().filter(r -> r.topic().equals(deliveredTopic)).toList();
        List<Future<RecordMetadata>> sent = fingerprints.stream().map(producer::send).toList();
        for (int i = 0; i < sent.size(); i++) {
            await(sent.get(i), fingerprints.get(i).key());
        }
        records.stream().filter(r -> r.topic().equals(topic)).forEach(watermark -> await(producer.send(watermark), watermark.key()));
    }

    /** On a thread of its own: a send may wait up to max.block.ms for metadata while the brokers are away. */
    @Override
    public void writeSoon(String key, String value) {
        background.execute(() -> producer.send(new ProducerRecord<>(topic, key, value.getBytes(StandardCharsets.UTF_8)),
                (metadata, failure) -> {
                    if (failure != null) {
                        LOG.warn("Could not write {} to the state topic {} ({}); a new leader may count from an older "
                                + "value", key, topic, failure.getMessage());
                    }
                }));
    }

    private void await(Future<?> sent, String key) {
        try {
            sent.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot write " + key + " to the state topics of " + topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        background.shutdown();
        producer.close(TIMEOUT);
    }
}
