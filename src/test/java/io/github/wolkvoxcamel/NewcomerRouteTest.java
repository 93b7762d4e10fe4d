package io.github.wolkvoxcamel;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.wolkvoxcamel.simulator.WolkvoxSimulator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a newcomer does by editing YAML only: the diagram_1 records whose result is 'hung up' go to the topic
 * cc.ivr.hung-up keyed by customer_id, and nothing of diagram_1 goes anywhere else, files included.
 */
class NewcomerRouteTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SHIPPED_ROUTE_START = """
            - route:
                id: records-diagram_1
            """;
    private static final String NEWCOMERS_ROUTE = """
            - route:
                id: records-diagram_1
                routeConfigurationId: wolkvox-records
                from:
                  uri: direct:records-diagram_1
                  steps:
                    - filter:
                        simple: "${body[result]} == 'hung up'"
                        steps:
                          - setHeader:
                              name: kafka.KEY
                              simple: "${body[customer_id]}"
                          - to: kafka:cc.ivr.hung-up

            """;

    @TempDir
    Path routes;

    @Test
    void hungUpIvrCallsGoToTheirOwnTopicKeyedByCustomerAndNowhereElse() throws Exception {
        TestEnvironment.copyRoutes(routes);
        Path sinks = routes.resolve("sinks.yaml");
        String shipped = Files.readString(sinks);
        int start = shipped.indexOf(SHIPPED_ROUTE_START);
        int next = shipped.indexOf("\n# ", start);
        assertTrue(start >= 0 && next > start, "sinks.yaml has the route records-diagram_1");
        Files.writeString(sinks, shipped.substring(0, start) + NEWCOMERS_ROUTE + shipped.substring(next + 1));

        TestKafka kafka = TestKafka.get();
        String prefix = "newcomer-" + System.nanoTime() + ".";
        try (TestEnvironment env = TestEnvironment.start(WolkvoxSimulator.builder(), Map.of(
                "kafka.brokers", kafka.bootstrapServers(), "kafka.topic-prefix", prefix,
                // the shipped sinks write files too, so that "no diagram_1 files" is the edit's doing
                "wolkvox.sink.files-with-kafka", "true",
                "camel.main.routes-include-pattern", "file:" + routes + "/*.yaml",
                "camel.main.routes-reload-directory", routes.toString()));
             RunningApp app = RunningApp.start()) {
            await().atMost(Duration.ofSeconds(60)).until(env::everyReportPolled);
            LocalDateTime end = env.watermark("wolkvox-diagram_1");
            List<Map<String, String>> hungUp = env.simulator.records("reports_manager", "diagram_1", env.initialFrom, end,
                    Map.of("customer_id", "")).stream().filter(r -> r.get("result").equals("hung up")).toList();
            assertTrue(hungUp.size() > 10, "the simulator's IVR has hung-up calls");

            await().atMost(Duration.ofSeconds(30)).until(() -> kafka.readAll(List.of("cc.ivr.hung-up")).size() >= hungUp.size());
            List<ConsumerRecord<String, String>> delivered = kafka.readAll(List.of("cc.ivr.hung-up"));
            List<String> expected = hungUp.stream().map(r -> JSON.valueToTree(r).toString()).sorted().toList();
            List<String> values = delivered.stream().map(r -> readTree(r.value()).toString()).sorted().toList();
            assertEquals(expected, values, "every hung-up IVR call once, field for field");
            for (ConsumerRecord<String, String> record : delivered) {
                assertEquals(readTree(record.value()).get("customer_id").asText(), record.key(), "keyed by customer_id");
            }
            assertTrue(env.fileRecords("diagram_1").isEmpty(), "no diagram_1 files");
            int others = env.simulator.records("reports_manager", "diagram_1", env.initialFrom, end, Map.of("customer_id", ""))
                    .size() - hungUp.size();
            String metrics = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create("http://127.0.0.1:" + env.managementPort + "/observe/metrics")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(metrics.contains("wolkvox_records_skipped_total{reason=\"unrouted\",report=\"diagram_1\"} " + others + ".0"),
                    "the " + others + " records the filter let go are counted: " + metrics.lines()
                            .filter(line -> line.startsWith("wolkvox_records_skipped_total")).toList());
            assertTrue(env.fileRecords("ivr-hung-up").isEmpty(), "no ivr-hung-up files");
            assertTrue(kafka.readAll(List.of(prefix + "diagram_1", prefix + "ivr-hung-up")).isEmpty(),
                    "nothing of diagram_1 on the shipped topics");
            assertFalse(kafka.readAll(List.of(prefix + "diagram_3")).isEmpty(), "the other reports still go to their topics");
            assertFalse(env.fileRecords("diagram_3").isEmpty(), "and to their files");
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
