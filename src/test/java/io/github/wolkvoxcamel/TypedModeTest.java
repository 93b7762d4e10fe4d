package io.github.wolkvoxcamel;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.wolkvoxcamel.catalog.CatalogEntry;
import io.github.wolkvoxcamel.catalog.RecordTypes;
import io.github.wolkvoxcamel.catalog.WolkvoxCatalog;
import io.github.wolkvoxcamel.simulator.Poison;
import io.github.wolkvoxcamel.simulator.WolkvoxSimulator;
import io.github.wolkvoxcamel.time.WolkvoxTime;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * WOLKVOX_TYPED=true: records reach their sinks with numbers, booleans and ISO-8601 dates and durations where the
 * catalog says what a value stands for, and their schema says so; a record whose value does not convert reaches its
 * sink as Wolkvox sent it, and is counted.
 */
class TypedModeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CatalogEntry AGENTS_DETAIL = WolkvoxCatalog.shipped().entry("customer", "agents_detail")
            .orElseThrow();

    @Test
    void recordsAreTypedAndOneThatDoesNotConvertGoesOnAsWolkvoxSentIt() throws Exception {
        try (TestEnvironment env = TestEnvironment.start(WolkvoxSimulator.builder()
                        .poison("agents_detail", Poison.notAvailable("duration", 4)), Map.of("wolkvox.typed", "true"));
             RunningApp app = RunningApp.start()) {
            await().atMost(Duration.ofSeconds(60)).until(env::windowedReportsDelivered);
            LocalDateTime end = env.watermark("wolkvox-agents_detail");
            List<Map<String, String>> answered = env.simulator.records("customer", "agents_detail", env.initialFrom, end,
                    Map.of());
            List<Map<String, Object>> delivered = env.fileRecords("agents_detail");
            delivered.forEach(record -> record.remove("@file"));
            // the rows whose duration came as N/A, as delivered, by their other fields
            Map<Map<String, Object>, Map<String, Object>> untyped = new HashMap<>();
            delivered.stream().filter(record -> Poison.NOT_AVAILABLE_TEXT.equals(record.get("duration")))
                    .forEach(record -> untyped.put(without(record, "duration"), record));
            assertFalse(untyped.isEmpty(), "some rows came with a duration of N/A");
            RecordTypes types = RecordTypes.of(AGENTS_DETAIL, WolkvoxTime.BOGOTA);
            List<Map<String, Object>> expected = new ArrayList<>();
            for (Map<String, String> row : answered) {
                Map<String, Object> raw = new HashMap<>(row);
                Map<String, Object> spoiled = untyped.get(without(raw, "duration"));
                expected.add(spoiled != null ? spoiled : asJson(types.convert(row)));
            }
            RecordAssertions.assertExactlyOnce("agents_detail, typed but for the rows that do not convert, field for field",
                    expected, delivered);
            // one of them as a consumer reads it: ISO-8601 dates and durations, booleans; ids stay text
            Map<String, Object> typed = delivered.stream().filter(record -> !untyped.containsValue(record))
                    .findFirst().orElseThrow();
            assertTrue(typed.get("date").toString().matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}-05:00"),
                    "a date with Bogota's offset: " + typed.get("date"));
            assertTrue(typed.get("duration").toString().matches("PT(\\d+M)?(\\d+S)?"), "seconds as an ISO-8601 duration: "
                    + typed.get("duration"));
            assertTrue(typed.get("screecbox") instanceof Boolean, "a yes/no flag: " + typed.get("screecbox"));
            assertTrue(typed.get("agent_id") instanceof String, "an id stays text");
            Map<String, Object> untypedOne = untyped.values().iterator().next();
            assertFalse(untypedOne.get("date").toString().contains("T"), "an untyped record is whole as it came");

            String metrics = ObservabilityTest.get(env, "/observe/metrics");
            assertEquals(untyped.size(), (int) ObservabilityTest.value(metrics, "wolkvox_records_untyped_total",
                    "field=\"duration\",report=\"agents_detail\""), "each untyped record counted");
            String schema = Files.readString(env.sinkDir.resolve("schemas").resolve("agents_detail.schema.json"));
            assertEquals("duration", JSON.readTree(schema).at("/properties/duration/format").asText(),
                    "the schema beside the files describes typed records");
        }
    }

    private static Map<String, Object> without(Map<String, ?> record, String field) {
        Map<String, Object> rest = new HashMap<>(record);
        rest.remove(field);
        return rest;
    }

    /** A typed record as a sink's JSON reads back: numbers as Jackson reads them. */
    private static Map<String, Object> asJson(Map<String, Object> record) throws Exception {
        return JSON.readValue(JSON.writeValueAsBytes(record), new TypeReference<Map<String, Object>>() { });
    }
}
