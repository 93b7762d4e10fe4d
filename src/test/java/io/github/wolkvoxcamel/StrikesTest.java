package io.github.wolkvoxcamel;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.github.wolkvoxcamel.simulator.WolkvoxSimulator;
import io.github.wolkvoxcamel.time.WolkvoxTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A record a webhook refuses (422) while it takes the rest of its aggregate bucket: later passes and polls send only
 * that record, its bucket-mates being duplicates, and it still reaches the give-up limit within a few polls, becomes a
 * dead letter once, and the report moves past its bucket.
 */
class StrikesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SHIPPED = "        - to: kamelet:wolkvox-sink?sink=campaign_10\n";

    @TempDir
    Path routes;

    @Test
    void aRecordRefusedAloneInItsBucketIsGivenUpWithinAFewPolls() throws Exception {
        // what the webhook took: each record's key and its content
        List<String> received = new CopyOnWriteArrayList<>();
        AtomicReference<String> poison = new AtomicReference<>();
        AtomicReference<String> poisonBody = new AtomicReference<>();
        HttpServer webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        webhook.createContext("/campaigns", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            // the first record posted is the one this webhook never takes
            String key = exchange.getRequestHeaders().getFirst("WolkvoxRecordKey");
            if (poison.compareAndSet(null, key)) {
                poisonBody.set(body);
            }
            boolean refuse = key.equals(poison.get());
            if (!refuse) {
                received.add(key + " " + JSON.readTree(body));
            }
            exchange.sendResponseHeaders(refuse ? 422 : 204, -1);
            exchange.close();
        });
        webhook.start();
        try {
            TestEnvironment.copyRoutes(routes, SHIPPED, """
                            - setHeader: { name: Content-Type, constant: application/json }
                            - to: "http://127.0.0.1:%d/campaigns"
                    """.formatted(webhook.getAddress().getPort()));
            try (TestEnvironment env = TestEnvironment.start(WolkvoxSimulator.builder().hard(), Map.of(
                    "camel.main.routes-include-pattern", "file:" + routes + "/*.yaml",
                    "camel.main.routes-reload-directory", routes.toString(), "wolkvox.poll-period", "1s"));
                 RunningApp app = RunningApp.start()) {
                await().atMost(Duration.ofSeconds(90)).until(() -> env.deadLetters().stream()
                        .anyMatch(letter -> "campaign_10".equals(letter.get("report"))));
                List<Map<String, Object>> letters = env.deadLetters().stream()
                        .filter(letter -> "campaign_10".equals(letter.get("report"))).toList();
                assertEquals(1, letters.size(), "one dead letter: " + letters);
                Map<String, Object> letter = letters.get(0);
                assertEquals(poison.get(), letter.get("recordKey"));
                assertEquals(JSON.readTree(poisonBody.get()), JSON.valueToTree(letter.get("record")));
                assertTrue(String.valueOf(letter.get("error")).contains("failed 8 times at its endpoints"), letter.toString());

                // the first record posted came from the first bucket answered
                LocalDateTime bucketEnd = env.simulator.calls().stream()
                        .filter(call -> call.api().equals("campaign_10") && call.status() == 200 && call.records() > 0)
                        .findFirst().orElseThrow().to();
                await().atMost(Duration.ofSeconds(30)).until(() -> env.watermark("wolkvox-campaign_10") != null
                        && !env.watermark("wolkvox-campaign_10").isBefore(bucketEnd));
                List<WolkvoxSimulator.Call> bucketCalls = env.simulator.calls().stream()
                        .filter(call -> call.api().equals("campaign_10") && call.to().equals(bucketEnd)).toList();
                assertTrue(bucketCalls.size() <= 3 * 4, "the bucket was fetched " + bucketCalls.size()
                        + " times: at most three polls of four attempts");
                // each record of the bucket and content (a bucket's counts may change between calls) but the refused one
                String bucket = "all|" + WolkvoxTime.formatRequest(bucketEnd.minusHours(1).plusSeconds(1)) + "|"
                        + WolkvoxTime.formatRequest(bucketEnd) + "|";
                List<String> served = bucketCalls.stream().filter(call -> call.status() == 200)
                        .flatMap(call -> env.simulator.servedRecords(call).stream())
                        .map(record -> bucket + record.get("machinecode") + " " + JSON.valueToTree(record))
                        .filter(record -> !record.startsWith(poison.get() + " {")).distinct().sorted().toList();
                List<String> taken = received.stream().filter(record -> record.startsWith(bucket)).sorted().toList();
                assertEquals(served, taken, "every other record of the bucket reached the webhook once");
            }
        } finally {
            webhook.stop(0);
        }
    }
}
