package io.github.wolkvoxcamel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.github.wolkvoxcamel.catalog.CatalogEntry;
import io.github.wolkvoxcamel.catalog.ReportSchema;
import io.github.wolkvoxcamel.catalog.WolkvoxCatalog;
import io.github.wolkvoxcamel.simulator.WolkvoxSimulator;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With KAFKA_BROKERS set, every record reaches its report's topic and the rule topics once, keyed and with headers,
 * and each report's JSON Schema reaches the schema topic and the Schema Registry.
 */
@CamelMainTest
class KafkaSinkTest {

    private static final String PREFIX = "kafka-sink-test.";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestEnvironment env;
    private static TestKafka kafka;
    /** What a Schema Registry was sent: each subject's request body. */
    private static final Map<String, String> REGISTERED = new ConcurrentHashMap<>();
    private static HttpServer registry;

    @BeforeAll
    static void start() throws Exception {
        kafka = TestKafka.get();
        registry = schemaRegistry();
        env = TestEnvironment.start(WolkvoxSimulator.builder(), Map.of("kafka.brokers", kafka.bootstrapServers(),
                "kafka.topic-prefix", PREFIX,
                "schema-registry.url", "http://127.0.0.1:" + registry.getAddress().getPort(),
                "schema-registry.basic-auth-user-info", "wolkvox:registry-secret"));
    }

    @AfterAll
    static void stop() {
        env.close();
        registry.stop(0);
    }

    /**
     * The part of Confluent Schema Registry's REST API a producer uses: POST /subjects/{subject}/versions with a schema,
     * answered with its id; requests without the expected basic authentication are refused as the registry does.
     */
    private static HttpServer schemaRegistry() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        String authorization = "Basic " + Base64.getEncoder().encodeToString("wolkvox:registry-secret"
                .getBytes(StandardCharsets.UTF_8));
        server.createContext("/subjects/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            boolean register = exchange.getRequestMethod().equals("POST") && path.endsWith("/versions");
            boolean authorized = authorization.equals(exchange.getRequestHeaders().getFirst("Authorization"));
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            byte[] answer;
            int status;
            if (!authorized) {
                status = 401;
                answer = "{\"error_code\":401,\"message\":\"Unauthorized\"}".getBytes(StandardCharsets.UTF_8);
            } else if (register) {
                REGISTERED.put(path.substring("/subjects/".length(), path.length() - "/versions".length()), body);
                status = 200;
                answer = ("{\"id\":" + REGISTERED.size() + "}").getBytes(StandardCharsets.UTF_8);
            } else {
                status = 404;
                answer = "{\"error_code\":404,\"message\":\"HTTP 404 Not Found\"}".getBytes(StandardCharsets.UTF_8);
            }
            exchange.getResponseHeaders().set("Content-Type", "application/vnd.schemaregistry.v1+json");
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        return server;
    }

    /** Each report's JSON Schema is on the schema topic and in the Schema Registry. */
    private static void assertSchemasPublished() throws Exception {
        Map<String, String> reports = Map.of("diagram_1", "reports_manager", "diagram_3", "reports_manager",
                "campaign_10", "reports_manager", "calls_last_10", "real_time", "agents_detail", "customer");
        await().atMost(Duration.ofSeconds(60)).until(() -> REGISTERED.size() == reports.size()
                && kafka.readAll(List.of(PREFIX + "schemas")).size() >= reports.size());
        Map<String, String> onTopic = new LinkedHashMap<>();
        kafka.readAll(List.of(PREFIX + "schemas")).forEach(record -> onTopic.put(record.key(), record.value()));
        for (Map.Entry<String, String> report : reports.entrySet()) {
            CatalogEntry entry = WolkvoxCatalog.shipped().entry(report.getValue(), report.getKey()).orElseThrow();
            String schema = onTopic.get(report.getValue() + "/" + report.getKey());
            assertEquals(ReportSchema.of(entry), JSON.readTree(schema), report + ": the catalog's schema, keyed group/api");
            JsonNode registered = JSON.readTree(REGISTERED.get(PREFIX + report.getKey() + "-value"));
            assertEquals("JSON", registered.get("schemaType").asText(), report + ": registered as JSON Schema");
            assertEquals(ReportSchema.of(entry), JSON.readTree(registered.get("schema").asText()),
                    report + ": the same schema under the subject of the report's topic");
        }
    }

    @Test
    void everyRecordArrivesOnceOnItsTopicsWithKeyAndHeaders() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(env::everyReportPolled);

        assertTopic("diagram_1", "reports_manager", Map.of("customer_id", ""), List.of("conn_id", "rp_id", "date"));
        assertTopic("agents_detail", "customer", Map.of(), List.of("conn_id", "agent_id", "date"));
        LocalDateTime smartWaitEnd = env.watermark("wolkvox-diagram_3");
        List<String> smartWaitKeys = env.simulator.records("reports_manager", "diagram_3", env.initialFrom, smartWaitEnd, Map.of())
                .stream().map(r -> r.get("skill_id") + "|" + r.get("date_inbound_call") + "|" + r.get("ani")).toList();
        RecordAssertions.assertExactlyOnce("diagram_3", smartWaitKeys,
                kafka.readAll(List.of(PREFIX + "diagram_3")).stream().map(ConsumerRecord::key).toList());

        List<ConsumerRecord<String, String>> hungUp = kafka.readAll(List.of(PREFIX + "ivr-hung-up"));
        assertFalse(hungUp.isEmpty());
        for (ConsumerRecord<String, String> record : hungUp) {
            assertEquals("hung up", JSON.readTree(record.value()).get("result").asText());
            assertEquals("diagram_1", header(record, "WolkvoxReport"));
            assertEquals("ivr-hung-up", header(record, "WolkvoxSink"));
        }
        RecordAssertions.assertExactlyOnce("ivr-hung-up",
                kafka.readAll(List.of(PREFIX + "diagram_1")).stream()
                        .filter(r -> r.value().contains("\"result\":\"hung up\"")).map(ConsumerRecord::key).toList(),
                hungUp.stream().map(ConsumerRecord::key).toList());
        Set<String> unanswered = Set.of("abandon", "no answer", "failed", "busy");
        List<ConsumerRecord<String, String>> calls = kafka.readAll(List.of(PREFIX + "calls_last_10"));
        List<String> expectedUnanswered = calls.stream()
                .filter(r -> unanswered.contains(text(r.value(), "result"))).map(ConsumerRecord::key).toList();
        RecordAssertions.assertExactlyOnce("unanswered-calls", expectedUnanswered,
                kafka.readAll(List.of(PREFIX + "unanswered-calls")).stream().map(ConsumerRecord::key).toList());
        // one application run per test class: its schemas are checked here too
        assertSchemasPublished();
    }

    /** The key is the key fields' values joined with '|' (none of these values holds a '|' to escape). */
    private static void assertTopic(String api, String group, Map<String, String> params, List<String> keyFields)
            throws Exception {
        Function<Map<String, String>, String> keyOf = r -> keyFields.stream().map(r::get).collect(Collectors.joining("|"));
        LocalDateTime end = env.watermark("wolkvox-" + api);
        List<Map<String, String>> expected = env.simulator.records(group, api, env.initialFrom, end, params);
        List<ConsumerRecord<String, String>> delivered = kafka.readAll(List.of(PREFIX + api));
        assertTrue(expected.size() > 100, api + " has records to compare");
        RecordAssertions.assertExactlyOnce(api, expected.stream().map(keyOf).toList(),
                delivered.stream().map(ConsumerRecord::key).toList());
        Map<String, Map<String, String>> byKey = new LinkedHashMap<>();
        expected.forEach(record -> byKey.put(keyOf.apply(record), record));
        for (ConsumerRecord<String, String> record : delivered) {
            assertEquals(JSON.valueToTree(byKey.get(record.key())), JSON.readTree(record.value()), api + " value");
            assertEquals(api, header(record, "WolkvoxReport"));
            assertEquals(record.key(), header(record, "WolkvoxRecordKey"));
            OffsetDateTime start = OffsetDateTime.parse(header(record, "WolkvoxWindowStart"));
            OffsetDateTime stop = OffsetDateTime.parse(header(record, "WolkvoxWindowEnd"));
            assertEquals(env.initialFrom, start.toLocalDateTime());
            assertEquals(end, stop.toLocalDateTime());
            assertEquals(-5 * 3600, start.getOffset().getTotalSeconds());
            assertFalse(OffsetDateTime.parse(header(record, "WolkvoxFetchedAt")).isBefore(stop));
        }
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String text(String json, String field) {
        try {
            return JSON.readTree(json).get(field).asText();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
