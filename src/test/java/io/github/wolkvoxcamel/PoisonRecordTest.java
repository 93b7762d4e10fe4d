package io.github.wolkvoxcamel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.wolkvoxcamel.simulator.Poison;
import io.github.wolkvoxcamel.simulator.WolkvoxSimulator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Records no sink can take (no key field, a byte that is not UTF-8, a record too large for Kafka) become dead letters
 * with the raw record and the reason, in the first call, and the rest of their window is delivered: no window is
 * fetched again and again for them.
 */
class PoisonRecordTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFIX = "poison-test.";
    private static final Pattern DATE = Pattern.compile("\"date\":\"([0-9-]{10} [0-9:]{8})\"");

    @Test
    void aPoisonRecordBecomesADeadLetterAndTheRestOfItsWindowIsDelivered() throws Exception {
        TestKafka kafka = TestKafka.get();
        WolkvoxSimulator.Builder simulator = WolkvoxSimulator.builder()
                .poison("diagram_1", Poison.missingField("conn_id", 40))
                .poison("diagram_1", Poison.invalidUtf8("rp_name", 70))
                .poison("agents_detail", Poison.oversized("comment", 1_500_000, 60));
        try (TestEnvironment env = TestEnvironment.start(simulator, Duration.ofHours(3), Map.of("wolkvox.poll-period", "1s",
                "kafka.brokers", kafka.bootstrapServers(), "kafka.topic-prefix", PREFIX));
             RunningApp app = RunningApp.start()) {
            await().atMost(Duration.ofSeconds(90)).until(() -> env.watermark("wolkvox-diagram_1") != null
                    && env.watermark("wolkvox-agents_detail") != null);

            for (String api : List.of("diagram_1", "agents_detail")) {
                WolkvoxSimulator.Call first = env.simulator.calls().stream().filter(call -> call.api().equals(api))
                        .findFirst().orElseThrow();
                assertEquals(200, first.status());
                assertFalse(env.watermark("wolkvox-" + api).isBefore(first.to()), api + ": delivered by its first call");
            }
            List<JsonNode> letters = env.deadLetters().stream().map(letter -> JSON.valueToTree(letter))
                    .map(JsonNode.class::cast).toList();

            WolkvoxSimulator.Call firstIvr = env.simulator.calls().stream().filter(call -> call.api().equals("diagram_1"))
                    .findFirst().orElseThrow();
            List<JsonNode> noKey = letters.stream().filter(l -> l.get("report").asText().equals("diagram_1")
                    && !l.get("record").has("conn_id") && l.get("record").isObject()).toList();
            assertFalse(noKey.isEmpty(), "records without conn_id are dead letters");
            assertTrue(noKey.get(0).get("error").asText().contains("conn_id"), noKey.get(0).toString());
            List<JsonNode> notUtf8 = letters.stream().filter(l -> l.has("recordBase64")).toList();
            assertFalse(notUtf8.isEmpty(), "records that are not UTF-8 are dead letters with their exact bytes");
            assertTrue(notUtf8.get(0).get("error").asText().contains("not valid JSON"), notUtf8.get(0).toString());

            // the rest of the first window: every served record is in the topic or a dead letter, none in both
            Set<String> inTopic = new HashSet<>();
            for (ConsumerRecord<String, String> record : kafka.readAll(List.of(PREFIX + "diagram_1"))) {
                inTopic.add(record.value());
            }
            long served = env.simulator.servedRecords(firstIvr).size();
            // later polls (every second) may have kept dead letters of their own rows by now: count the first window's
            long lettered = letters.stream().filter(l -> l.get("report").asText().equals("diagram_1"))
                    .filter(l -> within(firstIvr, l.get("record").isObject() ? l.get("record").toString() : l.get("record").asText()))
                    .count();
            long delivered = env.simulator.servedRecords(firstIvr).stream().map(r -> JSON.valueToTree(r).toString())
                    .filter(inTopic::contains).count();
            assertEquals(served, delivered + lettered, "served " + served + ", in the topic " + delivered
                    + ", dead letters " + lettered);

            // too large for Kafka: whole in the file, shortened in the dead-letter topic with a pointer to the file
            List<JsonNode> tooLarge = letters.stream().filter(l -> l.get("report").asText().equals("agents_detail")).toList();
            assertFalse(tooLarge.isEmpty());
            assertTrue(tooLarge.get(0).get("errorClass").asText().endsWith("RecordTooLargeException"), tooLarge.get(0).get("errorClass").asText());
            assertEquals(1_500_000, tooLarge.get(0).get("record").get("comment").asText().length());
            List<JsonNode> topicLetters = kafka.readAll(List.of(PREFIX + "dlq")).stream().map(record -> readTree(record.value()))
                    .filter(l -> l.get("report").asText().equals("agents_detail")).toList();
            assertFalse(topicLetters.isEmpty());
            assertTrue(topicLetters.get(0).has("recordTruncated") && topicLetters.get(0).get("wholeLetterIn").asText()
                    .startsWith(env.deadLetterDir.toString()), topicLetters.get(0).toString());
        }
    }

    /**
     * A record that is not valid JSON has neither key nor date: it is known by its bytes, and kept under the first day
     * it was read. A re-pull whose windows start days before reads it again and letters it no second time.
     */
    @Test
    void anUnreadableRecordIsADeadLetterOnceWhateverDayItsWindowStarts() throws Exception {
        WolkvoxSimulator.Builder simulator = WolkvoxSimulator.builder().poison("diagram_1", Poison.invalidUtf8("rp_name", 9));
        try (TestEnvironment env = TestEnvironment.start(simulator, Duration.ofHours(2), Map.of("wolkvox.poll-period", "1s",
                "wolkvox.repull", "48h", "wolkvox.repull-every", "2s"));
             RunningApp app = RunningApp.start()) {
            LocalDateTime yesterday = env.initialFrom.minusDays(1);
            await().atMost(Duration.ofSeconds(90)).until(() -> {
                List<WolkvoxSimulator.Call> calls = env.simulator.calls().stream()
                        .filter(call -> call.api().equals("diagram_1") && call.status() == 200).toList();
                // a re-pull's window from the day before reached the rows the first window read, then a poll followed
                for (int i = 0; i < calls.size() - 1; i++) {
                    WolkvoxSimulator.Call call = calls.get(i);
                    if (call.from().toLocalDate().isBefore(env.initialFrom.toLocalDate())
                            && call.from().isBefore(yesterday.plusHours(23)) && call.to().isAfter(env.initialFrom)) {
                        return true;
                    }
                }
                return false;
            });
            List<String> unreadable = env.deadLetters().stream().map(letter -> JSON.valueToTree(letter))
                    .map(JsonNode.class::cast).filter(letter -> letter.has("recordBase64"))
                    .map(letter -> letter.get("recordBase64").asText()).toList();
            assertTrue(unreadable.size() > 10, "records that are not UTF-8 are dead letters: " + unreadable.size());
            assertEquals(unreadable.size(), new HashSet<>(unreadable).size(), "a record that is not UTF-8 lettered twice");
        }
    }

    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the record's {@code date} (read from its text, which may not be valid JSON) is in the call's window. */
    private static boolean within(WolkvoxSimulator.Call call, String recordText) {
        Matcher date = DATE.matcher(recordText);
        if (!date.find()) {
            throw new AssertionError("a dead letter's record without a date: " + recordText);
        }
        LocalDateTime at = LocalDateTime.parse(date.group(1).replace(' ', 'T'));
        return !at.isBefore(call.from()) && !at.isAfter(call.to());
    }
}
