package io.github.wolkvoxcamel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.wolkvoxcamel.simulator.Fault;
import io.github.wolkvoxcamel.simulator.WolkvoxSimulator;
import io.github.wolkvoxcamel.time.WolkvoxTime;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** /observe/metrics and /observe/health, scraped over HTTP while the application polls the simulator. */
class ObservabilityTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void metricsCountWhatHappenedAndHealthFollowsAnInducedError() throws Exception {
        try (TestEnvironment env = TestEnvironment.start(WolkvoxSimulator.builder(), Map.of("wolkvox.poll-period", "1s",
                "wolkvox.health.periods", "3"));
             RunningApp app = RunningApp.start()) {
            await().atMost(Duration.ofSeconds(60)).until(() -> env.watermark("wolkvox-diagram_1") != null
                    && env.watermark("wolkvox-diagram_3") != null);

            // the simulator's count before and after a scrape brackets the count the scrape shows
            long servedBefore = answered(env, "diagram_1");
            String metrics = get(env, "/observe/metrics");
            long servedAfter = answered(env, "diagram_1");
            double okCalls = value(metrics, "wolkvox_api_calls_total", "outcome=\"ok\",report=\"diagram_1\",token=\"default\"")
                    + (metrics.contains("outcome=\"empty\",report=\"diagram_1\"")
                    ? value(metrics, "wolkvox_api_calls_total", "outcome=\"empty\",report=\"diagram_1\",token=\"default\"") : 0);
            assertTrue(okCalls >= servedBefore - 1 && okCalls <= servedAfter, okCalls + " calls, simulator answered " + servedBefore);
            long recordsBefore = env.simulator.calls().stream().filter(c -> c.api().equals("diagram_1")).mapToLong(c -> c.records()).sum();
            double fetched = value(metrics, "wolkvox_records_fetched_total", "report=\"diagram_1\"");
            assertTrue(fetched > 100 && fetched <= recordsBefore + 10, fetched + " records fetched of " + recordsBefore);
            double delivered = value(metrics, "wolkvox_records_delivered_total", "report=\"diagram_1\"");
            assertTrue(delivered > 100 && delivered <= fetched, delivered + " records delivered of " + fetched + " fetched");
            double lag = value(metrics, "wolkvox_freshness_lag_seconds", "report=\"diagram_1\",route=\"wolkvox-diagram_1\"");
            // the window ends the 30-second settle lag behind now
            assertTrue(lag >= 30 && lag < 60, "freshness lag " + lag);
            assertTrue(metrics.contains("wolkvox_api_call_duration_seconds_bucket{report=\"diagram_1\",le=\"1.0\"}"));
            assertFalse(metrics.contains(TestEnvironment.TOKEN), "no token in metrics");
            // Camel's route gauges stay, though their notifier no longer sees each record's exchange
            assertTrue(metrics.lines().anyMatch(line -> line.startsWith("camel_routes_running")), "camel_routes_running");
            assertFalse(app.context().getCamelContextExtension().isEventNotificationApplicable(),
                    "no event notifier is asked about each record's exchange");
            // every report current within its health periods (3 s here; a loaded machine can miss one for a moment)
            await().atMost(Duration.ofSeconds(30)).until(() -> "UP".equals(health(env).get("status").asText()));

            for (int i = 0; i < 10; i++) {
                env.simulator.inject("diagram_3", Fault.maintenancePage());
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> "DOWN".equals(detail(env, "wolkvox-diagram_3.status")));
            JsonNode down = health(env);
            assertEquals("DOWN", down.get("status").asText(), "a DOWN report makes the application not ready");
            JsonNode reports = reportsCheck(down);
            assertEquals("MAINTENANCE", reports.path("wolkvox-diagram_3.lastErrorClass").asText(), reports.toString());
            assertTrue(reports.path("wolkvox-diagram_3.lastError").asText().contains("403 Forbidden"), reports.toString());
            assertTrue(value(get(env, "/observe/metrics"), "wolkvox_api_calls_total",
                    "outcome=\"MAINTENANCE\",report=\"diagram_3\",token=\"default\"") >= 1);

            await().atMost(Duration.ofSeconds(60)).until(() -> "UP".equals(detail(env, "wolkvox-diagram_3.status")));
            assertFalse(get(env, "/observe/health?data=true").contains(TestEnvironment.TOKEN), "no token in health");
        }
    }

    /**
     * An aggregate report has nothing to fetch between its buckets: its polls find nothing due and it stays ready,
     * however many poll periods pass before the next bucket settles.
     */
    @Test
    void aReportWithNothingDueIsNotLate() throws Exception {
        try (TestEnvironment env = TestEnvironment.start(WolkvoxSimulator.builder().hard(), Map.of("wolkvox.poll-period", "1s",
                "wolkvox.health.periods", "2"));
             RunningApp app = RunningApp.start()) {
            await().atMost(Duration.ofSeconds(60)).until(env::everyReportPolled);
            // its first poll fetched every bucket settled by now (an hour's bucket settles its 30 m lookback after it)
            await().atMost(Duration.ofSeconds(30)).until(() -> !env.watermark("wolkvox-campaign_10").plusSeconds(1)
                    .isBefore(LocalDateTime.now(WolkvoxTime.BOGOTA).minusMinutes(30).truncatedTo(ChronoUnit.HOURS)));
            long bucketCalls = env.simulator.calls().stream().filter(c -> c.api().equals("campaign_10")).count();
            // ten poll periods, five times the health limit, with no bucket due (one settles at most every hour)
            await().during(Duration.ofSeconds(10)).atMost(Duration.ofSeconds(15))
                    .until(() -> "UP".equals(detail(env, "wolkvox-campaign_10.status")));
            assertTrue(env.simulator.calls().stream().filter(c -> c.api().equals("campaign_10")).count() <= bucketCalls + 1,
                    "no call for buckets that have not settled");
            assertEquals("UP", health(env).get("status").asText());
        }
    }

    private static long answered(TestEnvironment env, String api) {
        return env.simulator.calls().stream().filter(c -> c.api().equals(api) && (c.status() == 200 || c.status() == 404)).count();
    }

    private static JsonNode health(TestEnvironment env) throws Exception {
        return JSON.readTree(get(env, "/observe/health/ready?data=true"));
    }

    private static String detail(TestEnvironment env, String name) throws Exception {
        JsonNode value = reportsCheck(health(env)).get(name);
        return value == null ? null : value.asText();
    }

    private static JsonNode reportsCheck(JsonNode health) {
        for (JsonNode check : health.get("checks")) {
            if (check.get("name").asText().equals("reports")) {
                return check.get("data");
            }
        }
        throw new AssertionError("no reports check in " + health);
    }

    static String get(TestEnvironment env, String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + env.managementPort + path)).build(), HttpResponse.BodyHandlers.ofString());
        return response.body();
    }

    static double value(String metrics, String name, String labels) {
        Matcher line = Pattern.compile("^" + Pattern.quote(name + "{" + labels + "}") + " (\\S+)$", Pattern.MULTILINE).matcher(metrics);
        if (!line.find()) {
            List<String> similar = metrics.lines().filter(l -> l.startsWith(name)).limit(10).toList();
            throw new AssertionError("no " + name + "{" + labels + "} in metrics; lines: " + similar);
        }
        return Double.parseDouble(line.group(1));
    }
}
