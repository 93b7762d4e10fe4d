package io.github.wolkvoxcamel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.wolkvoxcamel.simulator.Drift;
import io.github.wolkvoxcamel.simulator.WolkvoxSimulator;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shipped routes poll a simulator whose agents_detail answers disagree with the catalog: each difference is
 * counted for the records checked (the first 20 of each window), logged once with the catalog line to change, and
 * shown in health; the other reports show none, and every record is delivered as it came.
 */
class SchemaDriftCheckTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Drift DRIFT = new Drift(Map.of("telephone", "phone"), Map.of("queue_id", "7"), Set.of("comment"),
            Map.of("date", "dd/MM/yyyy HH:mm:ss"));

    @Test
    void eachDifferenceIsCountedLoggedOnceAndShownWhileEveryRecordIsDelivered() throws Exception {
        try (CapturedLog log = CapturedLog.attach();
             TestEnvironment env = TestEnvironment.start(WolkvoxSimulator.builder().drift("agents_detail", DRIFT),
                     Map.of());
             RunningApp app = RunningApp.start()) {
            await().atMost(Duration.ofSeconds(60)).until(env::everyReportPolled);
            LocalDateTime end = env.watermark("wolkvox-agents_detail");
            int answered = env.simulator.records("customer", "agents_detail", env.initialFrom, end, Map.of()).size();
            List<Map<String, Object>> delivered = env.fileRecords("agents_detail");
            assertEquals(answered, delivered.size(), "every record delivered, drift or not");
            assertTrue(delivered.stream().allMatch(record -> "7".equals(record.get("queue_id"))
                    && record.containsKey("phone") && !record.containsKey("telephone")
                    && !record.containsKey("comment")), "as they came");

            int checked = env.simulator.calls().stream()
                    .filter(call -> call.api().equals("agents_detail") && call.status() == 200)
                    .mapToInt(call -> Math.min(20, call.records())).sum();
            assertTrue(checked > 0, "agents_detail answered");
            String driftSeries = "{field=\"phone\",kind=\"added\",report=\"agents_detail\"} " + (double) checked;
            await().atMost(Duration.ofSeconds(10)).until(() -> ObservabilityTest.get(env, "/observe/metrics")
                    .contains("wolkvox_schema_drift_total" + driftSeries));
            List<String> series = ObservabilityTest.get(env, "/observe/metrics").lines()
                    .filter(line -> line.startsWith("wolkvox_schema_drift_total")).sorted().toList();
            assertEquals(List.of(
                    "wolkvox_schema_drift_total{field=\"comment\",kind=\"missing\",report=\"agents_detail\"} " + (double) checked,
                    "wolkvox_schema_drift_total{field=\"date\",kind=\"date\",report=\"agents_detail\"} " + (double) checked,
                    "wolkvox_schema_drift_total" + driftSeries,
                    "wolkvox_schema_drift_total{field=\"queue_id\",kind=\"added\",report=\"agents_detail\"} " + (double) checked,
                    "wolkvox_schema_drift_total{field=\"telephone\",kind=\"missing\",report=\"agents_detail\"} " + (double) checked),
                    series, "each difference it introduced, for each record checked, and nothing else");

            List<String> logged = log.linesContaining("schema drift");
            String once = " (logged once per report, field and kind; records are delivered as they came; counted in "
                    + "wolkvox_schema_drift_total)";
            assertEquals(List.of(
                    "WARN wolkvox.drift - schema drift report=agents_detail group=customer field=date kind=date "
                            + "expected=\"date-time\" came=\"text like 99/99/9999 99:99:99\": such records are dated by "
                            + "their window's day: point dateField (wolkvox-catalog.yaml line 3088) at a field in "
                            + "yyyy-MM-dd HH:mm:ss, or set dateField in the report's route" + once,
                    "WARN wolkvox.drift - schema drift report=agents_detail group=customer field=telephone kind=missing "
                            + "expected=\"text\" came=\"absent\": remove the field, or correct its name to the one the "
                            + "answer uses (wolkvox-catalog.yaml line 3078)" + once,
                    "WARN wolkvox.drift - schema drift report=agents_detail group=customer field=comment kind=missing "
                            + "expected=\"text\" came=\"absent\": remove the field, or correct its name to the one the "
                            + "answer uses (wolkvox-catalog.yaml line 3080)" + once,
                    "WARN wolkvox.drift - schema drift report=agents_detail group=customer field=phone kind=added "
                            + "expected=\"absent\" came=\"text\": to keep it, add {name: phone, type: String} to the "
                            + "entry's fields (wolkvox-catalog.yaml line 3067)" + once,
                    "WARN wolkvox.drift - schema drift report=agents_detail group=customer field=queue_id kind=added "
                            + "expected=\"absent\" came=\"text\": to keep it, add {name: queue_id, type: String} to the "
                            + "entry's fields (wolkvox-catalog.yaml line 3067)" + once), logged);
            assertFalse(logged.stream().anyMatch(line -> line.matches(".*\\d{7}.*")), "no phone number, no value");

            JsonNode health = JSON.readTree(ObservabilityTest.get(env, "/observe/health/ready?data=true"));
            JsonNode reports = null;
            for (JsonNode check : health.get("checks")) {
                if (check.get("name").asText().equals("reports")) {
                    reports = check.get("data");
                }
            }
            assertEquals("date date, telephone missing, comment missing, phone added, queue_id added",
                    reports.path("wolkvox-agents_detail.schemaDrift").asText());
            assertTrue(reports.path("wolkvox-diagram_1.schemaDrift").isMissingNode(), "no drift elsewhere");
            assertEquals("UP", reports.path("wolkvox-agents_detail.status").asText(), "drift is no failure");
        }
    }
}
