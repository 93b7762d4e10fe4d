package io.github.wolkvoxcamel;

import io.github.wolkvoxcamel.simulator.WolkvoxSimulator;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** With Kafka on, watermarks are mirrored to a compacted topic: an instance with an empty state directory resumes. */
class KafkaStateTest {

    @Test
    void anInstanceWithoutLocalStateResumesFromTheStateTopic() throws Exception {
        TestKafka kafka = TestKafka.get();
        try (TestEnvironment env = TestEnvironment.start(WolkvoxSimulator.builder(), Map.of("kafka.brokers", kafka.bootstrapServers(),
                "kafka.topic-prefix", "kafka-state-test.", "kafka.state-topic", "kafka-state-test-state"))) {
            try (RunningApp app = RunningApp.start()) {
                await().atMost(Duration.ofSeconds(60)).until(() -> env.watermark("wolkvox-diagram_1") != null);
            }
            LocalDateTime mark = env.watermark("wolkvox-diagram_1");
            try (Stream<Path> files = Files.walk(env.stateDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
            int before = calls(env).size();
            try (RunningApp app = RunningApp.start()) {
                await().atMost(Duration.ofSeconds(60)).until(() -> calls(env).size() > before);
            }
            assertEquals(mark.plusSeconds(1).minusMinutes(30), calls(env).get(before).from(), "the watermark less the lookback");
        }
    }

    private static List<WolkvoxSimulator.Call> calls(TestEnvironment env) {
        return env.simulator.calls().stream().filter(call -> call.api().equals("diagram_1")).toList();
    }
}
