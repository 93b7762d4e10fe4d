package io.github.wolkvoxcamel;

import io.github.wolkvoxcamel.simulator.Fault;
import io.github.wolkvoxcamel.simulator.WolkvoxSimulator;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The shipped routes and defaults against a simulator as unkind as the real API: rows visible up to two minutes after
 * their own date, calls that leave several rows under one call id, smart-wait rows whose status changes, empty call ids,
 * and a proxy's HTML 404 and an API gateway's JSON 404 in the middle. Every row Wolkvox showed is delivered once per
 * content, versions included, every row of the first range is there in its final content, and neither 404 moves a
 * watermark.
 */
class HardApiTest {

    /** The shipped reports: group, extra parameters and key fields as in routes/reports.yaml. */
    private record Report(String api, String group, Map<String, String> params, List<String> keyFields) {
    }

    private static final List<Report> REPORTS = List.of(
            new Report("diagram_1", "reports_manager", Map.of("customer_id", ""), List.of("conn_id", "rp_id", "date")),
            new Report("diagram_3", "reports_manager", Map.of(), List.of("skill_id", "date_inbound_call", "ani")),
            new Report("agents_detail", "customer", Map.of(), List.of("conn_id", "agent_id", "date")),
            new Report("campaign_10", "reports_manager", Map.of("campaign_id", "all"), List.of("machinecode")),
            new Report("calls_last_10", "real_time", Map.of(), List.of("conn_id")));
    private static final List<String> DETAIL = List.of("diagram_1", "diagram_3", "agents_detail");
    private static final Duration LATENESS = Duration.ofMinutes(2);
    private static final List<String> DIAGRAM_3_KEY = List.of("skill_id", "date_inbound_call", "ani");

    @Test
    void everyRowTheApiShowedIsDeliveredOncePerContentAndA404MovesNoWatermark() throws Exception {
        // denser than the demo, so that siblings, changes and empty ids all occur within the range
        WolkvoxSimulator.Builder hard = WolkvoxSimulator.builder().hard()
                .spacing("diagram_1", Duration.ofSeconds(4)).spacing("agents_detail", Duration.ofSeconds(5))
                .spacing("diagram_3", Duration.ofSeconds(6)).spacing("calls_last_10", Duration.ofSeconds(3));
        try (TestEnvironment env = TestEnvironment.start(hard, Duration.ofHours(2), Map.of("wolkvox.poll-period", "1s"))) {
            Map<String, LocalDateTime> firstWatermarks = new HashMap<>();
            // a proxy's HTML 404 page and an API gateway's JSON 404: neither is Wolkvox's "no data"
            Map<String, Fault> notFoundFaults = Map.of("diagram_1", Fault.notFoundPage(), "agents_detail", Fault.gatewayNotFound());
            Map<String, WolkvoxSimulator.Call> notFound = new HashMap<>();
            try (RunningApp app = RunningApp.start()) {
                await().atMost(Duration.ofSeconds(60)).until(env::everyReportPolled);
                DETAIL.forEach(api -> firstWatermarks.put(api, env.watermark("wolkvox-" + api)));
                int callsBefore = env.simulator.calls().size();
                notFoundFaults.forEach(env.simulator::inject);
                for (String api : notFoundFaults.keySet()) {
                    await().atMost(Duration.ofSeconds(30)).until(() -> env.simulator.calls().stream().skip(callsBefore)
                            .anyMatch(call -> call.api().equals(api) && call.status() == 404));
                    notFound.put(api, env.simulator.calls().stream().skip(callsBefore)
                            .filter(call -> call.api().equals(api) && call.status() == 404).findFirst().orElseThrow());
                }

                // every row of the first range is visible once its lateness passed: wait for a delivered poll after that
                LocalDateTime allVisible = firstWatermarks.values().stream().max(LocalDateTime::compareTo).orElseThrow()
                        .plus(LATENESS).plusSeconds(5);
                await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(2)).until(() -> DETAIL.stream()
                        .allMatch(api -> env.simulator.calls().stream().anyMatch(call -> call.api().equals(api)
                                && call.status() == 200 && !call.at().isBefore(allVisible)
                                && !env.watermark("wolkvox-" + api).isBefore(call.to()))));
                // a smart-wait row seen before its status changed is delivered again once it did: which rows are seen
                // early is the simulator's lateness draw, so wait for one rather than count on the range above; the
                // sink's files are read while written, so a line cut mid-write is read again on the next try
                await("smart-wait rows delivered again when their status changed").atMost(Duration.ofMinutes(3))
                        .pollInterval(Duration.ofSeconds(2)).ignoreExceptions().until(() -> keysWithSeveralRows(env, "diagram_3", DIAGRAM_3_KEY) > 0);
            }

            notFound.forEach((api, call) -> {
                WolkvoxSimulator.Call after = env.simulator.calls().stream()
                        .filter(next -> next.api().equals(api) && next.at().isAfter(call.at())).findFirst().orElseThrow();
                assertEquals(call.params().get("date_ini"), after.params().get("date_ini"), api + ": the poll after a 404 "
                        + "that is not Wolkvox's asks for the same range again: the 404 moved no watermark");
            });

            List<Map<String, Object>> deadLetters = env.deadLetters();
            for (Report report : REPORTS) {
                if (report.api().equals("campaign_10")) {
                    checkAggregate(env, report);
                } else {
                    checkReport(env, report, deadLetters);
                }
            }
            for (String api : DETAIL) {
                Report report = REPORTS.stream().filter(r -> r.api().equals(api)).findFirst().orElseThrow();
                List<Map<String, String>> finalRows = env.simulator.records(report.group(), api, env.initialFrom,
                        firstWatermarks.get(api), report.params());
                Set<Map<String, String>> delivered = delivered(env, api);
                List<Map<String, String>> missing = finalRows.stream().filter(row -> !emptyKey(row, report))
                        .filter(row -> !delivered.contains(row)).toList();
                assertEquals(List.of(), missing.subList(0, Math.min(3, missing.size())), api + ": " + missing.size()
                        + " rows of the first range, in their final content, are not in the sink");
            }
            assertTrue(keysWithSeveralRows(env, "diagram_1", List.of("conn_id")) > 0, "IVR calls with a second step");
            assertTrue(keysWithSeveralRows(env, "agents_detail", List.of("conn_id")) > 0, "transferred calls");
        }
    }

    /**
     * The sink holds each distinct row the report's answers showed exactly once (rows of the last answer may still have
     * been on their way when the application stopped), nothing else, and each row with an empty key part is a dead
     * letter instead.
     */
    private static void checkReport(TestEnvironment env, Report report, List<Map<String, Object>> deadLetters) {
        List<WolkvoxSimulator.Call> answered = env.simulator.calls().stream()
                .filter(call -> call.api().equals(report.api()) && call.status() == 200).toList();
        Set<Map<String, String>> served = new HashSet<>();
        answered.forEach(call -> served.addAll(env.simulator.servedRecords(call)));
        Set<Map<String, String>> servedBeforeLast = new HashSet<>();
        answered.subList(0, answered.size() - 1).forEach(call -> servedBeforeLast.addAll(env.simulator.servedRecords(call)));

        List<Map<String, String>> records = fileRecords(env, report.api());
        Map<Map<String, String>, Long> copies = records.stream().collect(Collectors.groupingBy(r -> r, Collectors.counting()));
        copies.forEach((record, count) -> {
            if (count > 1) {
                fail(report.api() + ": delivered " + count + " times: " + record);
            }
            if (!served.contains(record)) {
                fail(report.api() + ": delivered a record Wolkvox never answered: " + record);
            }
        });
        Set<Map<String, String>> expected = servedBeforeLast.stream().filter(row -> !emptyKey(row, report))
                .collect(Collectors.toSet());
        expected.removeAll(copies.keySet());
        assertEquals(Set.of(), expected.stream().limit(3).collect(Collectors.toSet()),
                report.api() + ": " + expected.size() + " rows Wolkvox answered are not in the sink");

        Set<Map<String, String>> emptyKeys = servedBeforeLast.stream().filter(row -> emptyKey(row, report))
                .collect(Collectors.toSet());
        Set<Object> lettered = deadLetters.stream().filter(letter -> report.api().equals(letter.get("report")))
                .map(letter -> letter.get("record")).collect(Collectors.toSet());
        for (Map<String, String> row : emptyKeys) {
            assertTrue(lettered.contains(row), report.api() + ": a row with an empty key is a dead letter: " + row);
        }
        if (report.keyFields().contains("conn_id") && !report.api().equals("calls_last_10")) {
            assertFalse(emptyKeys.isEmpty(), report.api() + ": the range held rows with an empty call id");
        }
    }

    /**
     * Counts per machine code and hour: equal rows of different hours are different records, so the sink holds exactly
     * the rows of one answer per hour, none twice.
     */
    private static void checkAggregate(TestEnvironment env, Report report) {
        Map<LocalDateTime, WolkvoxSimulator.Call> perBucket = new LinkedHashMap<>();
        env.simulator.calls().stream().filter(call -> call.api().equals(report.api()) && call.status() == 200)
                .forEach(call -> perBucket.put(call.from(), call));
        List<Map<String, String>> served = new ArrayList<>();
        perBucket.values().forEach(call -> {
            assertEquals(Duration.ofHours(1).minusSeconds(1), Duration.between(call.from(), call.to()), "whole hours");
            served.addAll(env.simulator.servedRecords(call));
        });
        assertEquals(counted(served), counted(fileRecords(env, report.api())), report.api());
        assertFalse(served.isEmpty());
    }

    private static Map<Map<String, String>, Long> counted(List<Map<String, String>> rows) {
        return rows.stream().collect(Collectors.groupingBy(r -> r, Collectors.counting()));
    }

    private static boolean emptyKey(Map<String, String> row, Report report) {
        return report.keyFields().stream().anyMatch(field -> row.get(field) == null || row.get(field).isEmpty());
    }

    private static long keysWithSeveralRows(TestEnvironment env, String api, List<String> keyFields) {
        return fileRecords(env, api).stream().collect(Collectors.groupingBy(
                r -> keyFields.stream().map(r::get).collect(Collectors.joining("|")), Collectors.counting()))
                .values().stream().filter(count -> count > 1).count();
    }

    private static Set<Map<String, String>> delivered(TestEnvironment env, String api) {
        return new HashSet<>(fileRecords(env, api));
    }

    /** The sink's records as Wolkvox sent them: every value a string, without the test's day marker. */
    private static List<Map<String, String>> fileRecords(TestEnvironment env, String sink) {
        List<Map<String, String>> records = new ArrayList<>();
        for (Map<String, Object> record : env.fileRecords(sink)) {
            Map<String, String> fields = new LinkedHashMap<>();
            record.forEach((name, value) -> {
                if (!name.equals("@file")) {
                    fields.put(name, (String) value);
                }
            });
            records.add(fields);
        }
        return records;
    }
}
