package io.github.wolkvoxcamel;

import io.github.wolkvoxcamel.simulator.WolkvoxSimulator;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The broker goes away while windows keep being fetched and comes back: the window fetched meanwhile waits for it,
 * and the topic ends up with every record of every delivered window exactly once.
 */
@CamelMainTest
class KafkaBrokerRestartTest {

    private static final String PREFIX = "broker-restart-test.";
    private static TestEnvironment env;
    private static TestKafka kafka;
    private static CapturedLog log;

    @BeforeAll
    static void start() {
        log = CapturedLog.attach();
        kafka = TestKafka.get();
        env = TestEnvironment.start(WolkvoxSimulator.builder().spacing("diagram_1", Duration.ofMillis(100)),
                Duration.ofMinutes(10), Map.of("kafka.brokers", kafka.bootstrapServers(), "kafka.topic-prefix", PREFIX,
                        "wolkvox.poll-period", "2s"));
    }

    @AfterAll
    static void stop() {
        env.close();
        log.close();
    }

    @Test
    void noRecordIsLostWhenTheBrokerRestartsMidRun() {
        await().atMost(Duration.ofSeconds(60)).until(() -> env.watermark("wolkvox-diagram_1") != null);
        long fetchedBefore = answeredDiagram1Calls().size();

        kafka.stopBroker();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> answeredDiagram1Calls().size() > fetchedBefore);
        } finally {
            kafka.startBroker();
        }
        LocalDateTime fetchedWhileDown = answeredDiagram1Calls().get((int) fetchedBefore).to();

        await().atMost(Duration.ofSeconds(120)).until(() -> !env.watermark("wolkvox-diagram_1").isBefore(fetchedWhileDown));
        LocalDateTime end = env.watermark("wolkvox-diagram_1");
        List<String> expected = env.simulator.records("reports_manager", "diagram_1", env.initialFrom, end,
                Map.of("customer_id", "")).stream().map(r -> r.get("conn_id")).toList();
        List<String> delivered = kafka.readAll(List.of(PREFIX + "diagram_1")).stream()
                .filter(record -> !record.key().isEmpty())
                // the key is conn_id|rp_id|date
                .map(record -> record.key().substring(0, record.key().indexOf('|')))
                .filter(expected::contains).toList();
        RecordAssertions.assertExactlyOnce("diagram_1 across a broker restart", expected, delivered);

        // one tick at a time, no gap: each window starts at or before the end of the one before (its lookback)
        List<WolkvoxSimulator.Call> calls = answeredDiagram1Calls();
        for (int i = 1; i < calls.size(); i++) {
            assertFalse(calls.get(i).from().isAfter(calls.get(i - 1).to().plusSeconds(1)), "window " + i + " follows window " + (i - 1));
        }
        assertEquals(List.of(), log.linesContaining("outcome=failed"));
    }

    private static List<WolkvoxSimulator.Call> answeredDiagram1Calls() {
        return env.simulator.calls().stream().filter(call -> call.api().equals("diagram_1") && call.status() == 200).toList();
    }
}
