package io.github.wolkvoxcamel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.github.wolkvoxcamel.simulator.WolkvoxSimulator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Exactly-once mode with a transaction timeout of 2 s: diagram_3's records go to its topic and then to a webhook whose
 * first answer comes only once diagram_3's transaction was aborted by a report waiting for its turn. The window whose
 * transaction was aborted fails and goes again, so a read_committed consumer sees every record up to the watermark
 * once: none of the aborted transaction's records is lost behind a watermark that moved past it.
 */
class ExactlyOnceAbortTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFIX = "eos-abort-test.";
    private static final String SHIPPED = "        - to: kamelet:wolkvox-sink?sink=diagram_3\n";
    private static final String ABORTED = "aborting the Kafka transaction of window wolkvox-diagram_3#";

    @TempDir
    Path routes;

    @Test
    void aWindowWhoseTransactionWasAbortedFailsAndGoesAgainInHalves() throws Exception {
        TestKafka kafka = TestKafka.get();
        AtomicReference<String> heldKey = new AtomicReference<>();
        try (CapturedLog log = CapturedLog.attach()) {
            HttpServer webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            webhook.createContext("/smart-wait", exchange -> {
                JsonNode record = JSON.readTree(exchange.getRequestBody());
                if (heldKey.compareAndSet(null, record.get("skill_id").asText() + "|"
                        + record.get("date_inbound_call").asText() + "|" + record.get("ani").asText())) {
                    // the first record holds its window's transaction open until another window aborted it
                    await().atMost(Duration.ofSeconds(60)).until(() -> !log.linesContaining(ABORTED).isEmpty());
                }
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            webhook.start();
            try {
                TestEnvironment.copyRoutes(routes, SHIPPED, SHIPPED + """
                                - setHeader: { name: Content-Type, constant: application/json }
                                - to: "http://127.0.0.1:%d/smart-wait"
                        """.formatted(webhook.getAddress().getPort()));
                try (TestEnvironment env = TestEnvironment.start(WolkvoxSimulator.builder(), Duration.ofHours(3), Map.of(
                        "kafka.brokers", kafka.bootstrapServers(), "kafka.topic-prefix", PREFIX,
                        "wolkvox.kafka.exactly-once", "true", "wolkvox.kafka.transaction-timeout", "2s",
                        // the other reports poll again and again, so one of them waits while diagram_3's window is slow
                        "wolkvox.poll-period", "2s",
                        "camel.main.routes-include-pattern", "file:" + routes + "/*.yaml"))) {
                    try (RunningApp app = RunningApp.start()) {
                        await().atMost(Duration.ofSeconds(120)).until(() -> heldKey.get() != null
                                && env.watermark("wolkvox-diagram_3") != null);
                    }
                    // stopped: the watermark and the committed records no longer move
                    LocalDateTime end = env.watermark("wolkvox-diagram_3");
                    List<String> expected = env.simulator.records("reports_manager", "diagram_3", env.initialFrom, end, Map.of())
                            .stream().map(r -> r.get("skill_id") + "|" + r.get("date_inbound_call") + "|" + r.get("ani")).toList();
                    List<ConsumerRecord<String, String>> committed = kafka.readCommitted(List.of(PREFIX + "diagram_3"));
                    assertTrue(expected.size() > 20, "diagram_3 has records to deliver: " + expected.size());
                    assertTrue(expected.contains(heldKey.get()), "the watermark passed the record held in the aborted "
                            + "transaction");
                    RecordAssertions.assertExactlyOnce("diagram_3 for a read_committed consumer", expected,
                            committed.stream().map(ConsumerRecord::key).toList());
                    List<WolkvoxSimulator.Call> calls = env.simulator.calls().stream()
                            .filter(call -> call.api().equals("diagram_3")).toList();
                    WolkvoxSimulator.Call slow = calls.get(0);
                    assertTrue(calls.stream().skip(1).anyMatch(call -> call.from().equals(slow.from())
                            && call.to().isBefore(slow.to())), "the aborted window went again in halves: " + calls);
                }
            } finally {
                webhook.stop(0);
            }
        }
    }
}
