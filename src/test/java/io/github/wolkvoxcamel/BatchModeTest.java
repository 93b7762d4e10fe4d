package io.github.wolkvoxcamel;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.wolkvoxcamel.simulator.Poison;
import io.github.wolkvoxcamel.simulator.WolkvoxSimulator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Batch mode ({@code batchSize}): a report route of one's own sends its records to one Kafka topic in exchanges of up
 * to 50 records, and each Kafka record is what the default mode writes: the record, its key, its headers, once; a
 * record without its key never joins a batch and is a dead letter.
 */
class BatchModeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFIX = "batch-mode-test.";

    @TempDir
    Path routes;

    @Test
    void eachRecordOfABatchIsAKafkaRecordOfItsOwn() throws Exception {
        // the route sees batches: a lone record would stop at the filter
        TestKafka kafka = TestKafka.get();
        try (TestEnvironment env = start(kafka, PREFIX, Duration.ofSeconds(10), Poison.missingField("conn_id", 97), """
                - filter:
                    simple: "${body} is 'java.util.List' && ${body.size} <= 50"
                    steps:
                      - to: "kafka:{{kafka.topic-prefix}}diagram_1?batchWithIndividualHeaders=true"
                """, Map.of());
             RunningApp app = RunningApp.start()) {
            // a few polls after the first: records read again (the lookback) are skipped, not sent again
            await().atMost(Duration.ofSeconds(60)).until(() -> env.watermark("wolkvox-diagram_1") != null
                    && env.simulator.calls().stream().filter(call -> call.api().equals("diagram_1")).count() >= 4);
            LocalDateTime end = env.watermark("wolkvox-diagram_1");
            Function<Map<String, String>, String> keyOf = r -> r.get("conn_id") + "|" + r.get("rp_id") + "|" + r.get("date");
            List<Map<String, String>> expected = env.simulator.records("reports_manager", "diagram_1", env.initialFrom,
                    end, Map.of("customer_id", ""));
            assertTrue(expected.size() > 200, "records to compare: " + expected.size());
            Map<String, Map<String, String>> byKey = new HashMap<>();
            expected.forEach(record -> byKey.put(keyOf.apply(record), record));
            // every record of the windows delivered is on the topic once, or a dead letter (every 97th has no conn_id)
            await().atMost(Duration.ofSeconds(30)).until(() -> kafka.readAll(List.of(PREFIX + "diagram_1")).stream()
                    .filter(record -> byKey.containsKey(record.key())).count() + letters(env, end).size() >= expected.size());
            List<ConsumerRecord<String, String>> delivered = kafka.readAll(List.of(PREFIX + "diagram_1")).stream()
                    .filter(record -> byKey.containsKey(record.key())).toList();
            List<Map<String, Object>> letters = letters(env, end);
            assertEquals(delivered.size(), delivered.stream().map(ConsumerRecord::key).distinct().count(), "each once");
            assertEquals(expected.size(), delivered.size() + letters.size(), "every record on the topic or a dead letter");
            assertTrue(letters.size() >= expected.size() / 97, "the records without conn_id are dead letters: " + letters.size());
            letters.forEach(letter -> assertTrue(String.valueOf(letter.get("error")).contains("conn_id"), letter.toString()));
            for (ConsumerRecord<String, String> record : delivered) {
                assertEquals(JSON.valueToTree(byKey.get(record.key())), JSON.readTree(record.value()), "value");
                assertEquals("diagram_1", header(record, "WolkvoxReport"));
                assertEquals(record.key(), header(record, "WolkvoxRecordKey"));
                assertEquals(byKey.get(record.key()).get("date").substring(0, 10), header(record, "WolkvoxRecordDate"));
                assertFalse(header(record, "WolkvoxWindowStart").isEmpty());
                assertNull(header(record, "WolkvoxFingerprint"), "no internal header on Kafka");
            }
        }
    }

    /**
     * A record too large for Kafka fails its whole batch; the window's next pass sends each record alone, so the others
     * get through and the large one alone is struck, until it is a dead letter by itself.
     */
    @Test
    void aRecordKafkaRefusesIsADeadLetterByItselfNotItsBatch() throws Exception {
        TestKafka kafka = TestKafka.get();
        String prefix = PREFIX + "refused.";
        // a record every 2 s: each poll delivers new ones, so each strikes the large records (given up after 4)
        try (TestEnvironment env = start(kafka, prefix, Duration.ofSeconds(2), Poison.oversized("rp_name", 1_500_000, 1500), """
                - to: "kafka:{{kafka.topic-prefix}}diagram_1?batchWithIndividualHeaders=true"
                """, Map.of("wolkvox.retry.base-delay", "100ms", "wolkvox.retry.max-delay", "200ms",
                "wolkvox.retry.max-attempts", "2"));
             RunningApp app = RunningApp.start()) {
            // the window with the large records is delivered once they are given up
            await().atMost(Duration.ofSeconds(120)).until(() -> env.watermark("wolkvox-diagram_1") != null);
            LocalDateTime end = env.watermark("wolkvox-diagram_1");
            Function<Map<String, ?>, String> keyOf = r -> r.get("conn_id") + "|" + r.get("rp_id") + "|" + r.get("date");
            List<Map<String, Object>> letters = letters(env);
            assertFalse(letters.isEmpty(), "the large records are dead letters");
            for (Map<String, Object> letter : letters) {
                assertTrue(String.valueOf(letter.get("errorClass")).endsWith("RecordTooLargeException")
                        || String.valueOf(letter.get("error")).contains("RecordTooLargeException"), letter.toString());
                @SuppressWarnings("unchecked")
                Map<String, Object> record = (Map<String, Object>) letter.get("record");
                assertEquals(1_500_000, String.valueOf(record.get("rp_name")).length(), "only a large record is a letter");
            }
            List<String> lettered = letters.stream().map(letter -> {
                @SuppressWarnings("unchecked")
                Map<String, Object> record = (Map<String, Object>) letter.get("record");
                return keyOf.apply(record);
            }).toList();
            List<String> expected = env.simulator.records("reports_manager", "diagram_1", env.initialFrom, end,
                    Map.of("customer_id", "")).stream().map(keyOf).filter(key -> !lettered.contains(key)).toList();
            assertTrue(expected.size() > 200, "records to compare: " + expected.size());
            // at least once: a failed batch's records that Kafka wrote are written again by the pass after it; later
            // polls add records past the watermark read above
            await().atMost(Duration.ofSeconds(30)).until(() -> kafka.readAll(List.of(prefix + "diagram_1")).stream()
                    .map(ConsumerRecord::key).collect(Collectors.toSet()).containsAll(expected));
            Set<String> onTopic = kafka.readAll(List.of(prefix + "diagram_1")).stream().map(ConsumerRecord::key)
                    .collect(Collectors.toSet());
            assertTrue(lettered.stream().noneMatch(onTopic::contains), "no dead letter on the topic");
        }
    }

    /**
     * The application with one route of its own, diagram_1 (a record every {@code spacing}, {@code poison} spoiling
     * some) in batches of 50, polled every second, with {@code steps} (YAML, indented as a list item).
     */
    private TestEnvironment start(TestKafka kafka, String prefix, Duration spacing, Poison poison, String steps,
                                  Map<String, String> settings) throws IOException {
        Files.writeString(routes.resolve("ivr.yaml"), """
                - route:
                    id: wolkvox-diagram_1
                    from:
                      uri: wolkvox:diagram_1
                      parameters: { batchSize: 50, delay: 1s }
                      steps:
                """ + steps.indent(8));
        Map<String, String> all = new HashMap<>(settings);
        all.putAll(Map.of("kafka.brokers", kafka.bootstrapServers(), "kafka.topic-prefix", prefix,
                "camel.main.routes-include-pattern", "file:" + routes + "/*.yaml",
                "camel.main.routes-reload-directory", routes.toString(), "wolkvox.poll-period", "1s"));
        return TestEnvironment.start(WolkvoxSimulator.builder().spacing("diagram_1", spacing).poison("diagram_1", poison),
                all);
    }

    private static List<Map<String, Object>> letters(TestEnvironment env) {
        return env.deadLetters().stream().filter(letter -> "diagram_1".equals(letter.get("report"))).toList();
    }

    /** The letters of records dated up to {@code end}: later polls may have kept letters of their own rows by now. */
    private static List<Map<String, Object>> letters(TestEnvironment env, LocalDateTime end) {
        // Wolkvox's record dates, yyyy-MM-dd HH:mm:ss, sort as text
        String last = end.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
        return letters(env).stream().filter(letter -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> record = (Map<String, Object>) letter.get("record");
            return String.valueOf(record.get("date")).compareTo(last) <= 0;
        }).toList();
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
