package io.github.wolkvoxcamel.kafka;

import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Topics the application creates survive the loss of a broker once the cluster has three. */
class KafkaTopicsTest {

    @Test
    void threeReplicasNeedTwoInSyncForAWriteAndFewerBrokersGetWhatTheyCanHold() {
        NewTopic replicated = KafkaTopics.newTopic("wolkvox.diagram_1", 3, 5, Map.of("cleanup.policy", "compact"));
        assertEquals(3, replicated.replicationFactor());
        assertEquals(Map.of("cleanup.policy", "compact", "min.insync.replicas", "2"), replicated.configs());
        NewTopic single = KafkaTopics.newTopic("wolkvox.diagram_1", 3, 1, Map.of());
        assertEquals(1, single.replicationFactor());
        assertEquals(Map.of(), single.configs());
    }
}
