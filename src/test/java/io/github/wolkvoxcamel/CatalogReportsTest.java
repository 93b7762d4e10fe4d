package io.github.wolkvoxcamel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.github.wolkvoxcamel.catalog.CatalogEntry;
import io.github.wolkvoxcamel.catalog.CatalogShape;
import io.github.wolkvoxcamel.catalog.ReportSchema;
import io.github.wolkvoxcamel.catalog.WolkvoxCatalog;
import io.github.wolkvoxcamel.simulator.CatalogSimulatorTest;
import io.github.wolkvoxcamel.simulator.WolkvoxSimulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every report the catalog knows, added to routes/ with one line that names its api (and the ids an api needs), polled
 * against the simulator: each delivers records that validate against its JSON Schema; snapshots and counters deliver
 * every poll; a lookup is delivered once while it stays the same; a bucketed aggregate fetched again by a re-pull is
 * not delivered again.
 */
class CatalogReportsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final WolkvoxCatalog CATALOG = WolkvoxCatalog.shipped();
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    /** The one api without a key the catalog knows: campaign records, chosen here as a route would. */
    private static final Map<String, String> CHOSEN_KEYS = Map.of("campaign/detail", "customer_id,date");

    @TempDir
    Path routes;

    @Test
    void everyCatalogReportDeliversRecordsOfItsSchema() throws Exception {
        TestEnvironment.copyRoutes(routes);
        StringBuilder reports = new StringBuilder("# every report of the catalog\n");
        CATALOG.entries().forEach(entry -> reports.append(routeLine(entry)));
        Files.writeString(routes.resolve("reports.yaml"), reports);
        try (TestEnvironment env = TestEnvironment.start(WolkvoxSimulator.builder().maxInFlight(2), Duration.ofHours(2), Map.of(
                // 169 reports on one token: two calls at once, as Wolkvox's newer documents allow
                "wolkvox.calls-in-flight-per-token", "2",
                "camel.main.routes-include-pattern", "file:" + routes + "/*.yaml",
                // a re-pull only where a route asks for one (the bucketed aggregates), and soon
                "wolkvox.repull", "0s", "wolkvox.repull-every", "2s"))) {
            try (RunningApp app = RunningApp.start()) {
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                        .until(() -> CATALOG.entries().stream().allMatch(entry -> polledEnough(env, entry)));
            }
            // stopped: each report's calls and records as they stay
            int validated = 0;
            for (CatalogEntry entry : CATALOG.entries()) {
                assertDelivered(env, entry);
                validated += assertValid(entry, delivered(env, entry));
            }
            assertEquals(List.of(), env.deadLetters(), "no record refused");
            assertEquals(List.of(), env.simulator.calls().stream().filter(call -> call.status() == 403).toList(),
                    "never more calls in flight than the token allows, nor past its daily quota");
            assertTrue(validated > 1000, "records validated: " + validated);
        }
    }

    /**
     * Whether the report was polled as much as its checks need: twice for what has no dates, a bucket fetched again by
     * a re-pull for bucketed aggregates, a window delivered for the rest.
     */
    private static boolean polledEnough(TestEnvironment env, CatalogEntry entry) {
        List<WolkvoxSimulator.Call> calls = calls(env, entry);
        return switch (entry.shape()) {
            case SNAPSHOT, BILLING_COUNTER, LOOKUP, SLIDING_WINDOW -> calls.size() >= 2;
            case BUCKETED_AGGREGATE -> env.watermark(route(entry)) != null
                    && calls.stream().map(call -> call.from() + "/" + call.to()).distinct().count() < calls.size();
            default -> env.watermark(route(entry)) != null;
        };
    }

    private static List<WolkvoxSimulator.Call> calls(TestEnvironment env, CatalogEntry entry) {
        return env.simulator.calls().stream()
                .filter(call -> call.group().equals(entry.group()) && call.api().equals(entry.api()) && call.status() == 200)
                .toList();
    }

    /** The report's route: its api, group and ids, and for this test its own sink and timing. */
    private static String routeLine(CatalogEntry entry) {
        List<String> parameters = new ArrayList<>(List.of(param("api", entry.api()), param("group", entry.group()),
                param("records", "kamelet:wolkvox-sink?sink=" + sink(entry))));
        String ids = entry.required().stream()
                .filter(name -> !name.startsWith("date_") && !entry.defaults().containsKey(name))
                .map(name -> name + "=" + CatalogSimulatorTest.SAMPLE.getOrDefault(name, "1"))
                .collect(Collectors.joining("&"));
        if (!ids.isEmpty()) {
            parameters.add(param("params", ids));
        }
        String key = CHOSEN_KEYS.get(entry.group() + "/" + entry.api());
        if (key != null) {
            parameters.add(param("keyFields", key));
        }
        if (!entry.shape().windowed()) {
            parameters.add(param("period", "8s"));
        } else if (entry.shape() == CatalogShape.BUCKETED_AGGREGATE) {
            boolean daily = Duration.ofDays(1).equals(entry.bucket());
            parameters.add(param("period", "8s"));
            parameters.add(param("repull", daily ? "72h" : "2h"));
            if (daily) {
                parameters.add(param("initialFrom", "-P3D"));
            }
        }
        return "- templatedRoute: { routeTemplateRef: wolkvox-report, routeId: " + route(entry) + ", parameters: [ "
                + String.join(", ", parameters) + " ] }\n";
    }

    private static String param(String name, String value) {
        return "{ name: " + name + ", value: \"" + value + "\" }";
    }

    private static String route(CatalogEntry entry) {
        return "catalog-" + entry.group() + "-" + entry.api();
    }

    private static String sink(CatalogEntry entry) {
        return entry.group() + "-" + entry.api();
    }

    /**
     * What the report delivered, against what the simulator answered it: every poll of a snapshot or counter; each
     * version of a lookup list once; every other report's rows exactly once, however often a window was fetched.
     */
    private static void assertDelivered(TestEnvironment env, CatalogEntry entry) {
        List<WolkvoxSimulator.Call> calls = calls(env, entry);
        List<Map<String, String>> delivered = delivered(env, entry).stream().map(CatalogReportsTest::flat).toList();
        String what = entry.group() + "/" + entry.api() + " (" + entry.shape().word() + ")";
        List<List<Map<String, String>>> answers = calls.stream().map(env.simulator::servedRecords).toList();
        switch (entry.shape()) {
            case SNAPSHOT, BILLING_COUNTER -> {
                assertTrue(calls.size() >= 2, what + ": polled twice");
                assertEquals(answers.stream().mapToInt(List::size).sum(), delivered.size(), what + ": every poll");
            }
            case LOOKUP -> {
                assertTrue(calls.size() >= 2, what + ": polled twice");
                Set<List<Map<String, String>>> versions = new LinkedHashSet<>(answers);
                assertEquals(versions.stream().mapToInt(List::size).sum(), delivered.size(),
                        what + ": each version of the list once, of " + calls.size() + " polls");
                assertEquals(versions.stream().flatMap(List::stream).collect(Collectors.toSet()), new HashSet<>(delivered),
                        what + ": the list's records");
            }
            case RANGE_AGGREGATE, BUCKETED_AGGREGATE -> {
                assertTrue(env.watermark(route(entry)) != null, what + ": a window delivered");
                // each window's counts once, however often it was fetched; two windows may count alike
                Map<String, List<Map<String, String>>> windows = new LinkedHashMap<>();
                for (int i = 0; i < calls.size(); i++) {
                    windows.putIfAbsent(calls.get(i).from() + "/" + calls.get(i).to(), answers.get(i));
                }
                if (entry.shape() == CatalogShape.BUCKETED_AGGREGATE) {
                    assertTrue(windows.size() < calls.size(), what + ": a bucket fetched again by a re-pull");
                }
                assertEquals(counts(windows.values().stream().flatMap(List::stream).toList()), counts(delivered),
                        what + ": each window's records once");
            }
            default -> {
                assertTrue(env.watermark(route(entry)) != null || !entry.shape().windowed(), what + ": a window delivered");
                RecordAssertions.assertExactlyOnce(what, answers.stream().flatMap(List::stream)
                        .collect(Collectors.toCollection(LinkedHashSet::new)), delivered);
            }
        }
        assertTrue(!delivered.isEmpty(), what + ": records delivered");
    }

    private static Map<Map<String, String>, Long> counts(List<Map<String, String>> records) {
        return records.stream().collect(Collectors.groupingBy(record -> record, Collectors.counting()));
    }

    private static List<Map<String, Object>> delivered(TestEnvironment env, CatalogEntry entry) {
        List<Map<String, Object>> records = env.fileRecords(sink(entry));
        records.forEach(record -> record.remove("@file"));
        return records;
    }

    /** A delivered record as the simulator states its rows: a nested list or object as its JSON text. */
    private static Map<String, String> flat(Map<String, Object> record) {
        Map<String, String> flat = new LinkedHashMap<>();
        record.forEach((name, value) -> {
            try {
                flat.put(name, value instanceof String text ? text : JSON.writeValueAsString(value));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        });
        return flat;
    }

    private static int assertValid(CatalogEntry entry, List<Map<String, Object>> records) {
        JsonSchema schema = SCHEMAS.getSchema(ReportSchema.of(entry));
        for (Map<String, Object> record : records) {
            JsonNode json = JSON.valueToTree(record);
            Set<ValidationMessage> errors = schema.validate(json);
            assertEquals(Set.of(), errors, entry.group() + "/" + entry.api() + " record " + json);
        }
        return records.size();
    }
}
