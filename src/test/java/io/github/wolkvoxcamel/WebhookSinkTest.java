package io.github.wolkvoxcamel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.github.wolkvoxcamel.simulator.WolkvoxSimulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A report's records posted to a webhook, a real HTTP server on loopback that answers 500 to every seventh request:
 * the window's records are sent again until all got through, each reaches the webhook once, and the watermark never
 * passes a record the webhook does not have.
 */
class WebhookSinkTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SHIPPED = "        - to: kamelet:wolkvox-sink?sink=diagram_3\n";

    @TempDir
    Path routes;

    @Test
    void everyRecordReachesAFlakyWebhookOnceAndTheWatermarkWaitsForIt() throws Exception {
        List<JsonNode> received = new CopyOnWriteArrayList<>();
        AtomicInteger requests = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        HttpServer webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        webhook.createContext("/smart-wait", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            boolean fail = requests.incrementAndGet() % 7 == 0;
            if (fail) {
                refused.incrementAndGet();
            } else {
                received.add(JSON.readTree(body));
            }
            exchange.sendResponseHeaders(fail ? 500 : 204, -1);
            exchange.close();
        });
        webhook.start();
        try {
            TestEnvironment.copyRoutes(routes, SHIPPED, """
                            - setHeader: { name: Content-Type, constant: application/json }
                            - to: "http://127.0.0.1:%d/smart-wait"
                    """.formatted(webhook.getAddress().getPort()));
            try (TestEnvironment env = TestEnvironment.start(WolkvoxSimulator.builder(), Map.of(
                    "camel.main.routes-include-pattern", "file:" + routes + "/*.yaml",
                    "camel.main.routes-reload-directory", routes.toString()));
                 RunningApp app = RunningApp.start()) {
                await().atMost(Duration.ofSeconds(60)).until(() -> env.watermark("wolkvox-diagram_3") != null);
                // read once the watermark moved: it may move only after every record up to it reached the webhook
                LocalDateTime end = env.watermark("wolkvox-diagram_3");
                List<String> atWebhook = received.stream().map(WebhookSinkTest::key).toList();
                List<String> expected = env.simulator.records("reports_manager", "diagram_3", env.initialFrom, end, Map.of())
                        .stream().map(r -> r.get("skill_id") + "|" + r.get("date_inbound_call") + "|" + r.get("ani")).toList();
                assertTrue(expected.size() > 100, "diagram_3 has records to post");
                assertTrue(refused.get() > 10, "the webhook failed " + refused.get() + " times");
                RecordAssertions.assertExactlyOnce("webhook", expected, atWebhook);
            }
        } finally {
            webhook.stop(0);
        }
    }

    /**
     * A report whose records go to a webhook that does not answer holds only itself: the other reports' records run on
     * threads of their own and are delivered meanwhile; once the webhook answers, its report goes on.
     */
    @Test
    void aWebhookThatHangsHoldsOnlyItsOwnReport() throws Exception {
        CountDownLatch answering = new CountDownLatch(1);
        AtomicInteger posted = new AtomicInteger();
        HttpServer webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        webhook.setExecutor(Executors.newCachedThreadPool());
        webhook.createContext("/ivr", exchange -> {
            exchange.getRequestBody().readAllBytes();
            posted.incrementAndGet();
            try {
                answering.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        webhook.start();
        try {
            TestEnvironment.copyRoutes(routes, "        - to: kamelet:wolkvox-sink?sink=diagram_1\n", """
                            - setHeader: { name: Content-Type, constant: application/json }
                            - to: "http://127.0.0.1:%d/ivr"
                    """.formatted(webhook.getAddress().getPort()));
            try (TestEnvironment env = TestEnvironment.start(WolkvoxSimulator.builder().hard(), Map.of(
                    "camel.main.routes-include-pattern", "file:" + routes + "/*.yaml",
                    "camel.main.routes-reload-directory", routes.toString()));
                 RunningApp app = RunningApp.start()) {
                await().atMost(Duration.ofSeconds(60)).until(() -> posted.get() > 0);
                await().atMost(Duration.ofSeconds(60)).until(() -> env.watermark("wolkvox-diagram_3") != null
                        && env.watermark("wolkvox-agents_detail") != null && env.watermark("wolkvox-campaign_10") != null);
                assertTrue(env.fileRecords("diagram_3").size() > 100, "the other reports' records were delivered");
                assertEquals(1, posted.get(), "the hanging webhook holds its report's first record");
                assertNull(env.watermark("wolkvox-diagram_1"));
                answering.countDown();
                await().atMost(Duration.ofSeconds(60)).until(() -> env.watermark("wolkvox-diagram_1") != null);
            }
        } finally {
            answering.countDown();
            webhook.stop(0);
        }
    }

    private static String key(JsonNode record) {
        return record.get("skill_id").asText() + "|" + record.get("date_inbound_call").asText() + "|" + record.get("ani").asText();
    }
}
