package io.github.wolkvoxcamel;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * One real Kafka broker for the whole test JVM: Testcontainers when a Docker engine answers, otherwise an in-process
 * KRaft broker from Kafka's own test kit. {@code -Dtest.kafka=embedded|container} forces one.
 */
public final class TestKafka {

    private static final Logger LOG = LoggerFactory.getLogger(TestKafka.class);
    private static TestKafka instance;

    private final KafkaClusterTestKit cluster;
    private final KafkaContainer container;
    private final String bootstrapServers;

    private TestKafka(KafkaClusterTestKit cluster, KafkaContainer container, String bootstrapServers) {
        this.cluster = cluster;
        this.container = container;
        this.bootstrapServers = bootstrapServers;
    }

    public static synchronized TestKafka get() {
        if (instance == null) {
            instance = start();
            Runtime.getRuntime().addShutdownHook(new Thread(instance::close, "test-kafka-stop"));
        }
        return instance;
    }

    private static TestKafka start() {
        String mode = System.getProperty("test.kafka", "auto");
        boolean docker = mode.equals("container") || mode.equals("auto") && DockerClientFactory.instance().isDockerAvailable();
        try {
            if (docker) {
                KafkaContainer container = new KafkaContainer("apache/kafka-native:4.1.1");
                container.start();
                return new TestKafka(null, container, container.getBootstrapServers());
            }
            // the test kit deletes its directories in a shutdown hook of its own, racing this one's close: a broker
            // that sees its log directory vanish halts the JVM, and surefire reports the fork as failed though every
            // test passed. In tests a broker's fatal error shows in its log and the tests, never as a halted JVM.
            Exit.setHaltProcedure((status, message) -> LOG.warn("embedded Kafka asked to halt ({}): {}", status, message));
            Exit.setExitProcedure((status, message) -> LOG.warn("embedded Kafka asked to exit ({}): {}", status, message));
            // separate controller and broker, so the broker can be stopped and started again under a live cluster
            KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                    .setCombined(false).setNumBrokerNodes(1).setNumControllerNodes(1).build())
                    .setConfigProp("auto.create.topics.enable", "true")
                    .setConfigProp("num.partitions", "3")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    // a single broker cannot hold the internal topics at their default replication of 3
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("offsets.topic.num.partitions", "1")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("share.coordinator.state.topic.replication.factor", "1")
                    .setConfigProp("share.coordinator.state.topic.min.isr", "1")
                    .build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            return new TestKafka(cluster, null, cluster.bootstrapServers());
        } catch (Exception e) {
            throw new IllegalStateException("could not start a Kafka broker for the tests", e);
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Takes the broker away from clients (the data stays). */
    public void stopBroker() {
        if (cluster != null) {
            cluster.brokers().values().forEach(broker -> broker.shutdown());
        } else {
            container.getDockerClient().pauseContainerCmd(container.getContainerId()).exec();
        }
    }

    public void startBroker() {
        try {
            if (cluster != null) {
                cluster.brokers().values().forEach(broker -> broker.startup());
                cluster.waitForReadyBrokers();
            } else {
                container.getDockerClient().unpauseContainerCmd(container.getContainerId()).exec();
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not start the Kafka broker again", e);
        }
    }

    /** Every record of the topics, from the beginning up to the end offsets of the moment of the call. */
    public List<ConsumerRecord<String, String>> readAll(Collection<String> topics) {
        return read(topics, "read_uncommitted");
    }

    /** What a {@code read_committed} consumer sees of the topics: records of committed transactions only. */
    public List<ConsumerRecord<String, String>> readCommitted(Collection<String> topics) {
        return read(topics, "read_committed");
    }

    private List<ConsumerRecord<String, String>> read(Collection<String> topics, String isolation) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                consumer.partitionsFor(topic, Duration.ofSeconds(30))
                        .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topics + " up to " + ends + " within 60 s");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    private void close() {
        try {
            if (cluster != null) {
                cluster.close();
            } else {
                container.stop();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
