package io.github.wolkvoxcamel;

import io.github.wolkvoxcamel.simulator.WolkvoxSimulator;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shipped routes, polling the simulator once, write exactly the simulator's records to the file sinks. */
@CamelMainTest
class PipelineTest {

    private static TestEnvironment env;

    @BeforeAll
    static void start() {
        env = TestEnvironment.start(WolkvoxSimulator.builder(), Map.of());
    }

    @AfterAll
    static void stop() {
        env.close();
    }

    @Test
    void filesHoldExactlyTheSimulatorsRecordsOfThePolledWindows() {
        await().atMost(Duration.ofSeconds(60)).until(env::everyReportPolled);

        assertSameRecords("diagram_1", "reports_manager", Map.of("customer_id", ""), r -> r.get("conn_id"));
        assertSameRecords("diagram_3", "reports_manager", Map.of(),
                r -> r.get("skill_id") + "|" + r.get("date_inbound_call") + "|" + r.get("ani"));
        assertSameRecords("agents_detail", "customer", Map.of(), r -> r.get("conn_id"));

        // campaign_10 answers counts per machine code for whole hours, from the hour the first poll starts in, one
        // call an hour: once the poll's last hour is in, the files add up to the simulator's counts up to the watermark
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Map<String, Long> expected = campaignCounts(env.watermark("wolkvox-campaign_10"));
            Map<String, Long> delivered = new TreeMap<>();
            env.fileRecords("campaign_10").forEach(r -> delivered.merge((String) r.get("machinecode"),
                    Long.parseLong((String) r.get("cantidad")), Long::sum));
            assertEquals(expected, delivered);
            assertFalse(expected.isEmpty());
        });

        // real-time: every call of every answered "last 10 minutes", once
        Map<Object, Map<String, String>> served = new LinkedHashMap<>();
        env.simulator.calls().stream().filter(call -> call.api().equals("calls_last_10") && call.status() == 200)
                .forEach(call -> env.simulator.records("real_time", "calls_last_10", call.from(), call.to(), Map.of())
                        .forEach(r -> served.put(r.get("conn_id"), r)));
        RecordAssertions.assertExactlyOnce("calls_last_10", served.keySet(),
                env.fileRecords("calls_last_10").stream().map(r -> r.get("conn_id")).toList());

        // the two example rules copy exactly the matching records
        Set<String> unanswered = Set.of("abandon", "no answer", "failed", "busy");
        RecordAssertions.assertExactlyOnce("unanswered-calls",
                served.values().stream().filter(r -> unanswered.contains(r.get("result"))).map(r -> r.get("conn_id")).toList(),
                env.fileRecords("unanswered-calls").stream().map(r -> r.get("conn_id")).toList());
        List<Object> hungUp = env.fileRecords("diagram_1").stream().filter(r -> "hung up".equals(r.get("result")))
                .map(r -> r.get("conn_id")).toList();
        RecordAssertions.assertExactlyOnce("ivr-hung-up", hungUp,
                env.fileRecords("ivr-hung-up").stream().map(r -> r.get("conn_id")).toList());
        assertFalse(hungUp.isEmpty());
    }

    private static Map<String, Long> campaignCounts(LocalDateTime end) {
        Map<String, Long> counts = new TreeMap<>();
        env.simulator.records("reports_manager", "campaign_10", env.initialFrom.truncatedTo(ChronoUnit.HOURS), end,
                Map.of("campaign_id", "all")).forEach(r -> counts.merge(r.get("machinecode"), Long.parseLong(r.get("cantidad")), Long::sum));
        return counts;
    }

    private static void assertSameRecords(String api, String group, Map<String, String> params,
                                          Function<Map<String, ?>, Object> key) {
        LocalDateTime end = env.watermark("wolkvox-" + api);
        List<Map<String, String>> expected = env.simulator.records(group, api, env.initialFrom, end, params);
        List<Map<String, Object>> delivered = env.fileRecords(api);
        assertTrue(expected.size() > 100, api + " has records to compare: " + expected.size());
        RecordAssertions.assertExactlyOnce(api, expected.stream().map(key).toList(), delivered.stream().map(key).toList());
        Map<Object, Map<String, String>> byKey = new LinkedHashMap<>();
        expected.forEach(record -> byKey.put(key.apply(record), record));
        for (Map<String, Object> line : delivered) {
            Map<String, Object> fields = new LinkedHashMap<>(line);
            Object day = fields.remove("@file");
            Map<String, String> original = byKey.get(key.apply(line));
            assertEquals(original, fields, api + " record content");
            assertEquals(new ArrayList<>(original.keySet()), new ArrayList<>(fields.keySet()), api + " field order");
            String date = original.getOrDefault("date", original.get("date_inbound_call"));
            assertEquals(date.substring(0, 10), day, api + " record is in the file of its day");
        }
    }
}
