package io.github.wolkvoxcamel;

import io.github.wolkvoxcamel.simulator.WolkvoxSimulator;
import io.github.wolkvoxcamel.time.WolkvoxTime;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A backfill in its own JVM is killed (SIGKILL, no shutdown of any kind) half-way and started again: every record of
 * the range is delivered, and the only repeats are records of the chunk that was in flight at the kill, unchanged.
 */
class BackfillCrashTest {

    @Test
    void aKilledBackfillResumesFromTheLastDeliveredChunk() throws Exception {
        LocalDate firstDay = LocalDate.now(WolkvoxTime.BOGOTA).minusDays(12);
        LocalDate lastDay = firstDay.plusDays(9);
        String[] command = {"backfill", "--from", firstDay.toString(), "--to", lastDay.toString(), "--reports", "diagram_1",
                "--chunk", "1d"};
        // each chunk's answer takes a moment, so the kill lands in the middle of the range
        try (TestEnvironment env = TestEnvironment.start(WolkvoxSimulator.builder().responseDelay(Duration.ofMillis(400)), Map.of())) {
            String stateKey = "wolkvox-diagram_1.backfill-" + WolkvoxTime.formatRequest(firstDay.atStartOfDay()) + "-"
                    + WolkvoxTime.formatRequest(lastDay.plusDays(1).atStartOfDay().minusSeconds(1));

            Process first = ChildApp.launch(env, List.of(), command, "backfill-crash-first", Map.of());
            await().atMost(Duration.ofSeconds(90)).until(() -> {
                LocalDateTime mark = env.watermark(stateKey);
                return mark != null && mark.isAfter(firstDay.plusDays(2).atStartOfDay());
            });
            first.destroyForcibly();
            first.waitFor(30, TimeUnit.SECONDS);
            LocalDateTime markAtKill = env.watermark(stateKey);
            assertTrue(markAtKill.isBefore(lastDay.atStartOfDay()), "killed before the end: " + markAtKill);

            Process second = ChildApp.launch(env, List.of(), command, "backfill-crash-second", Map.of());
            assertTrue(second.waitFor(120, TimeUnit.SECONDS), "the resumed backfill finishes");
            assertEquals(0, second.exitValue());

            List<Map<String, String>> expected = env.simulator.records("reports_manager", "diagram_1", firstDay.atStartOfDay(),
                    lastDay.plusDays(1).atStartOfDay().minusSeconds(1), Map.of("customer_id", ""));
            List<Map<String, Object>> delivered = new ArrayList<>(env.fileRecords("diagram_1"));
            delivered.forEach(record -> record.remove("@file"));
            assertEquals(expected.stream().map(r -> r.get("conn_id")).collect(Collectors.toSet()),
                    delivered.stream().map(r -> r.get("conn_id")).collect(Collectors.toSet()), "every record, nothing else");

            Map<Object, List<Map<String, Object>>> byKey = delivered.stream().collect(Collectors.groupingBy(r -> r.get("conn_id")));
            LocalDateTime inFlightFrom = markAtKill.plusSeconds(1);
            LocalDateTime inFlightTo = markAtKill.plusDays(1);
            for (List<Map<String, Object>> copies : byKey.values()) {
                if (copies.size() > 1) {
                    assertEquals(2, copies.size(), "at most one repeat: " + copies.get(0));
                    assertEquals(copies.get(0), copies.get(1), "a repeat has the same content");
                    LocalDateTime at = LocalDateTime.parse((String) copies.get(0).get("date"), WolkvoxTime.RECORD_FORMAT);
                    assertFalse(at.isBefore(inFlightFrom) || at.isAfter(inFlightTo),
                            "repeat " + copies.get(0).get("conn_id") + " at " + at + " is in the chunk in flight at the kill");
                }
            }
            Map<String, Map<String, String>> original = expected.stream()
                    .collect(Collectors.toMap(r -> r.get("conn_id"), Function.identity()));
            delivered.forEach(record -> assertEquals(original.get((String) record.get("conn_id")), record));
        }
    }
}
