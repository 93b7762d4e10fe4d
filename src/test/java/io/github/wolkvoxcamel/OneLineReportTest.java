package io.github.wolkvoxcamel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.wolkvoxcamel.catalog.WolkvoxCatalog;
import io.github.wolkvoxcamel.simulator.WolkvoxSimulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A report the shipped routes do not poll, added with one line of YAML that names its api: group, key, date field and
 * shape come from the catalog, its records reach its file sink field for field, and its JSON Schema lies beside.
 */
class OneLineReportTest {

    @TempDir
    Path routes;

    @Test
    void skillsDetailIsOneLineOfYaml() throws Exception {
        TestEnvironment.copyRoutes(routes);
        Files.writeString(routes.resolve("reports.yaml"), Files.readString(routes.resolve("reports.yaml"))
                + ConfigValidationTest.ONE_LINE.formatted("skills_detail", "skills_detail"));
        try (TestEnvironment env = TestEnvironment.start(WolkvoxSimulator.builder(), Map.of(
                "camel.main.routes-include-pattern", "file:" + routes + "/*.yaml",
                "camel.main.routes-reload-directory", routes.toString()));
             RunningApp app = RunningApp.start()) {
            await().atMost(Duration.ofSeconds(60)).until(() -> env.watermark("wolkvox-skills_detail") != null);
            LocalDateTime end = env.watermark("wolkvox-skills_detail");
            List<Map<String, String>> expected = env.simulator.records("customer", "skills_detail", env.initialFrom, end,
                    Map.of());
            assertTrue(expected.size() > 10, "the simulator has skill rows in the window: " + expected.size());
            List<Map<String, Object>> delivered = new ArrayList<>(env.fileRecords("skills_detail"));
            delivered.forEach(record -> record.remove("@file"));
            RecordAssertions.assertExactlyOnce("skills_detail records, field for field", expected, delivered);
            assertEquals(List.of(), env.deadLetters(), "no record refused: each has the catalog's key");
            JsonNode schema = new ObjectMapper().readTree(env.sinkDir.resolve("schemas").resolve("skills_detail.schema.json").toFile());
            assertEquals("customer/skills_detail: " + WolkvoxCatalog.shipped().entry("customer", "skills_detail")
                    .orElseThrow().title(), schema.get("title").asText(), "its schema is beside the file sinks");
            assertEquals("string", schema.at("/properties/conn_id/type").asText());
        }
    }

    /**
     * A route of the user's own that starts from {@code wolkvox:skills_detail} and routes its records as it likes: the
     * catalog gives what the URI leaves out, the component's settings the rest, and every record reaches the route.
     */
    @Test
    void aRouteOfOnesOwnStartsFromWolkvox() throws Exception {
        assertEverySkillRowReaches("wolkvox-skills", """
                - route:
                    id: wolkvox-skills
                    from:
                      uri: wolkvox:skills_detail
                      parameters: { token: default, lookback: 10m, delay: 1s }
                      steps:
                        - filter:
                            simple: "${body[skill_id]} != null"
                            steps:
                              - to: jsonl:my-skills
                """);
    }

    /**
     * The same from the Kamelet: {@code from: kamelet:wolkvox-source?api=skills_detail}, with a route id of its own for
     * the report's watermark, gets every record.
     */
    @Test
    void theWolkvoxSourceKameletDeliversEveryRecord() throws Exception {
        assertEverySkillRowReaches("wolkvox-skills-source", """
                - route:
                    id: my-skills
                    from:
                      uri: kamelet:wolkvox-source
                      parameters: { api: skills_detail, period: 1s, routeId: wolkvox-skills-source }
                      steps:
                        - to: jsonl:my-skills
                """);
    }

    /** With {@code route} added to the shipped routes, every skills_detail row up to its watermark is in my-skills. */
    private void assertEverySkillRowReaches(String reportRoute, String route) throws Exception {
        TestEnvironment.copyRoutes(routes);
        Files.writeString(routes.resolve("reports.yaml"), Files.readString(routes.resolve("reports.yaml")) + "\n" + route);
        try (TestEnvironment env = TestEnvironment.start(WolkvoxSimulator.builder(), Map.of(
                "camel.main.routes-include-pattern", "file:" + routes + "/*.yaml"));
             RunningApp app = RunningApp.start()) {
            await().atMost(Duration.ofSeconds(60)).until(() -> env.watermark(reportRoute) != null);
            LocalDateTime end = env.watermark(reportRoute);
            List<Map<String, String>> expected = env.simulator.records("customer", "skills_detail", env.initialFrom, end,
                    Map.of());
            assertTrue(expected.size() > 10, "the simulator has skill rows in the window: " + expected.size());
            await().atMost(Duration.ofSeconds(10)).until(() -> env.fileRecords("my-skills").size() >= expected.size());
            List<Map<String, Object>> delivered = new ArrayList<>(env.fileRecords("my-skills"));
            delivered.forEach(record -> record.remove("@file"));
            RecordAssertions.assertExactlyOnce("skills_detail records through " + reportRoute + ", field for field",
                    expected, delivered);
        }
    }

    /**
     * A billing counter is delivered at every poll, an unchanged one too: its key carries the poll's time. The
     * simulator's clock stands still, so every poll answers the same counters.
     */
    @Test
    void aCounterIsDeliveredAtEveryPoll() throws Exception {
        TestEnvironment.copyRoutes(routes);
        Files.writeString(routes.resolve("reports.yaml"), Files.readString(routes.resolve("reports.yaml"))
                + ConfigValidationTest.ONE_LINE.formatted("ivr_minutes", "ivr_minutes").replace("value: ivr_minutes } ]",
                "value: ivr_minutes }, { name: period, value: 2s } ]"));
        List<WolkvoxSimulator.Call> calls;
        TestEnvironment env = TestEnvironment.start(WolkvoxSimulator.builder().clock(Clock.fixed(Instant.now(),
                ZoneOffset.UTC)), Map.of("camel.main.routes-include-pattern", "file:" + routes + "/*.yaml",
                "camel.main.routes-reload-directory", routes.toString()));
        try (env) {
            try (RunningApp app = RunningApp.start()) {
                await().atMost(Duration.ofSeconds(60)).until(() -> answered(env, "ivr_minutes").size() >= 3);
            }
            calls = answered(env, "ivr_minutes");
            List<Map<String, Object>> delivered = env.fileRecords("ivr_minutes");
            assertEquals(calls.stream().mapToInt(WolkvoxSimulator.Call::records).sum(), delivered.size(),
                    "every record of every poll");
            delivered.forEach(record -> record.remove("@file"));
            assertEquals(delivered.size() / calls.size(), new HashSet<>(delivered).size(), "the same counters at each poll");
        }
    }

    /**
     * A lookup list is delivered whole at the first poll, not again while it stays the same, whole again when an
     * administrator edits it, and whole again when the edit is undone: consumers always hold the latest list.
     */
    @Test
    void aLookupListIsDeliveredWholeWheneverItChanged() throws Exception {
        TestEnvironment.copyRoutes(routes);
        Files.writeString(routes.resolve("reports.yaml"), Files.readString(routes.resolve("reports.yaml"))
                + ConfigValidationTest.ONE_LINE.formatted("activity_codes", "activity_codes").replace(
                "value: activity_codes } ]", "value: activity_codes }, { name: period, value: 1s } ]"));
        try (TestEnvironment env = TestEnvironment.start(WolkvoxSimulator.builder(), Map.of(
                "camel.main.routes-include-pattern", "file:" + routes + "/*.yaml"))) {
            List<Map<String, String>> original = env.simulator.records("information", "activity_codes", env.initialFrom,
                    env.initialFrom, Map.of());
            env.simulator.editLists(1);
            List<Map<String, String>> edited = env.simulator.records("information", "activity_codes", env.initialFrom,
                    env.initialFrom, Map.of());
            env.simulator.editLists(0);
            assertTrue(!original.isEmpty() && !original.equals(edited), "an edit changes some of the list");
            try (RunningApp app = RunningApp.start()) {
                deliversEachVersionOnce(env, original, edited);
            }
        }
    }

    /** The list as at start, then edited, then as at start again: each delivered whole, once. */
    private static void deliversEachVersionOnce(TestEnvironment env, List<Map<String, String>> original,
                                                List<Map<String, String>> edited) {
        List<Map<String, Object>> expected = new ArrayList<>(strings(original));
        awaitPolledTwiceMore(env, expected);
        env.simulator.editLists(1);
        expected.addAll(strings(edited));
        awaitPolledTwiceMore(env, expected);
        env.simulator.editLists(0);
        expected.addAll(strings(original));
        awaitPolledTwiceMore(env, expected);
    }

    /** Waits for two more polls of the list after the one that delivered {@code expected}, and checks nothing came. */
    private static void awaitPolledTwiceMore(TestEnvironment env, List<Map<String, Object>> expected) {
        await().atMost(Duration.ofSeconds(30)).until(() -> delivered(env, "activity_codes").size() >= expected.size());
        int calls = answered(env, "activity_codes").size();
        await().atMost(Duration.ofSeconds(30)).until(() -> answered(env, "activity_codes").size() >= calls + 2);
        List<Map<String, Object>> delivered = delivered(env, "activity_codes");
        assertEquals(expected.size(), delivered.size(), "each version of the list once, unchanged polls nothing");
        assertEquals(expected, delivered, "the lists in the order they were found");
    }

    private static List<Map<String, Object>> delivered(TestEnvironment env, String sink) {
        List<Map<String, Object>> records = env.fileRecords(sink);
        records.forEach(record -> record.remove("@file"));
        return records;
    }

    private static List<Map<String, Object>> strings(List<Map<String, String>> records) {
        return records.stream().map(record -> (Map<String, Object>) new LinkedHashMap<String, Object>(record)).toList();
    }

    private static List<WolkvoxSimulator.Call> answered(TestEnvironment env, String api) {
        return env.simulator.calls().stream().filter(call -> call.api().equals(api) && call.status() == 200).toList();
    }
}
