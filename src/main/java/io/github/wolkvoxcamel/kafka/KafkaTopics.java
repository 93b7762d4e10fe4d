package io.github.wolkvoxcamel.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Makes sure a sink's topic exists and every partition has a leader before the first record goes to it. Brokers
 * often refuse auto-creation, and where they allow it, sending into a topic whose leaders are still being elected
 * can stall an idempotent producer until its delivery timeout. Checked once per topic; afterwards a set lookup.
 */
public final class KafkaTopics implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaTopics.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final Properties client;
    private final int partitions;
    private final Set<String> ready = ConcurrentHashMap.newKeySet();
    private Admin admin;

    public KafkaTopics(Properties client, int partitions) {
        this.client = client;
        this.partitions = partitions;
    }

    /**
     * A topic replicated to three brokers (or as many as there are), of which two must have a write before it is
     * acknowledged: with {@code acks=all}, a record then survives the loss of any one broker.
     */
    public static NewTopic newTopic(String name, int partitions, int brokers, Map<String, String> configs) {
        short replicas = (short) Math.min(3, brokers);
        Map<String, String> all = new HashMap<>(configs);
        if (replicas >= 3) {
            all.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "2");
        }
        return new NewTopic(name, partitions, replicas).configs(all);
    }

    /**
     * Creates a one-partition topic with {@code configs} (a compacted one, say) unless it exists.
     *
     * @param client bootstrap servers and security settings
     * @param what what the topic is, for the error message
     * @throws IllegalStateException when Kafka refuses or does not answer within 30 s
     */
    public static void createIfMissing(Properties client, String name, Map<String, String> configs, String what) {
        Duration timeout = Duration.ofSeconds(30);
        try (Admin admin = Admin.create(client)) {
            int brokers = admin.describeCluster().nodes().get(timeout.toSeconds(), TimeUnit.SECONDS).size();
            admin.createTopics(List.of(newTopic(name, 1, brokers, configs))).all()
                    .get(timeout.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create " + what + " " + name + ": " + e.getCause().getMessage(), e);
            }
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer within " + timeout + " while creating " + what + " "
                    + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Returns once {@code topic} exists with a leader for each partition. */
    public void ensure(String topic) throws InterruptedException {
        if (ready.contains(topic)) {
            return;
        }
        synchronized (this) {
            if (ready.contains(topic)) {
                return;
            }
            if (admin == null) {
                admin = Admin.create(client);
            }
            try {
                int brokers = admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).size();
                admin.createTopics(List.of(newTopic(topic, partitions, brokers, Map.of())))
                        .all().get(30, TimeUnit.SECONDS);
                LOG.info("Created Kafka topic {} ({} partitions)", topic, partitions);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof TopicAuthorizationException) {
                    LOG.warn("Not allowed to create Kafka topic {}: it must exist already", topic);
                } else if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("cannot create Kafka topic " + topic + ": " + e.getCause().getMessage(), e);
                }
            } catch (java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException("Kafka did not answer within 30 s while creating topic " + topic, e);
            }
            awaitLeaders(topic);
            ready.add(topic);
        }
    }

    private void awaitLeaders(String topic) throws InterruptedException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (true) {
            try {
                TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                        .get(30, TimeUnit.SECONDS).get(topic);
                if (description.partitions().stream().allMatch(partition -> partition.leader() != null)) {
                    return;
                }
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw new IllegalStateException("cannot describe Kafka topic " + topic + ": " + e.getCause().getMessage(), e);
                }
            } catch (java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException("Kafka did not answer within 30 s while describing topic " + topic, e);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Kafka topic " + topic + " has no leader for every partition after " + READY_TIMEOUT);
            }
            Thread.sleep(100);
        }
    }

    /**
     * Creates the topics the routes send to, so the first window does not stop mid-way to create one. Best effort: a
     * topic that cannot be made now is made by the broker on its first record, or fails that record's window.
     */
    public void prepare(Collection<String> topics) {
        for (String topic : topics) {
            try {
                ensure(topic);
            } catch (RuntimeException e) {
                LOG.warn("Kafka topic {} not ready at start ({}); it is made when its first record comes", topic, e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(10));
            admin = null;
        }
    }
}
