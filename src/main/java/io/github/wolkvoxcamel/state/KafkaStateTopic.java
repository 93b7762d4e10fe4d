package io.github.wolkvoxcamel.state;

import io.github.wolkvoxcamel.sink.KafkaTopics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * State values in a compacted Kafka topic (key: {@code <scope>/<state key>}, e.g. a watermark as {@code YYYYmmddHHiiss}),
 * so another replica, or this one on a fresh disk, resumes where the last delivered window ended.
 */
public final class KafkaStateTopic implements StateMirror, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaStateTopic.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String topic;
    private final Properties client;
    private final KafkaProducer<String, String> producer;

    /** @param client bootstrap servers and security settings, shared by the admin, producer and consumer */
    public KafkaStateTopic(String topic, Properties client) {
        this.topic = topic;
        this.client = client;
        createIfMissing();
        Properties config = new Properties();
        config.putAll(client);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    private void createIfMissing() {
        try (Admin admin = Admin.create(client)) {
            int brokers = admin.describeCluster().nodes().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).size();
            NewTopic state = KafkaTopics.newTopic(topic, 1, brokers,
                    Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            admin.createTopics(List.of(state)).all().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create the state topic " + topic + ": " + e.getCause().getMessage(), e);
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer within " + TIMEOUT + " while creating the state topic " + topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The latest value of every key in the topic. */
    @Override
    public Map<String, String> readAll() {
        Properties config = new Properties();
        config.putAll(client);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        Map<String, String> values = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, TIMEOUT).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, TIMEOUT);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read the state topic " + topic + " within " + TIMEOUT);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (record.value() == null) {
                        values.remove(record.key());
                    } else {
                        values.put(record.key(), record.value());
                    }
                });
            }
        }
        return values;
    }

    /** Writes and waits for the acknowledgement, so a value is durable in Kafka before the next window starts. */
    @Override
    public void write(String key, String value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot write " + key + " to the state topic " + topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void writeSoon(String key, String value) {
        producer.send(new ProducerRecord<>(topic, key, value), (metadata, failure) -> {
            if (failure != null) {
                LOG.warn("Could not write {} to the state topic {} ({}); a new leader may count from an older value",
                        key, topic, failure.getMessage());
            }
        });
    }

    @Override
    public void close() {
        producer.close(TIMEOUT);
    }
}
