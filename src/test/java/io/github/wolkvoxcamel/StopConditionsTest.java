package io.github.wolkvoxcamel;

import io.github.wolkvoxcamel.simulator.WolkvoxSimulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Failures only a person (or midnight) can fix stop the calls instead of repeating them every poll. */
class StopConditionsTest {

    @TempDir
    Path routes;

    @Test
    void aSpentDailyQuotaPausesTheTokenUntilMidnight() throws Exception {
        int quota = 4;
        try (CapturedLog log = CapturedLog.attach();
             TestEnvironment env = TestEnvironment.start(WolkvoxSimulator.builder().dailyQuota(quota), Map.of("wolkvox.poll-period", "1s"));
             RunningApp app = RunningApp.start()) {
            await().atMost(Duration.ofSeconds(60)).until(() -> log.linesContaining("outcome=skipped").size() >= 10);
            assertTrue(log.linesContaining("used up its daily calls").get(0).contains("pause until"), "the pause is logged");
            assertTrue(log.linesContaining("outcome=skipped").get(0).contains("token default: QUOTA_EXHAUSTED (HTTP 403): TOKEN LIMIT EXCEEDED (paused until"));
            // each report may have met the exhausted quota once before the pause; after it, no calls at all
            int reports = 5;
            assertTrue(env.simulator.calls().size() <= quota + reports, "calls stopped: " + env.simulator.calls().size());
        }
    }

    @Test
    void aRequestWolkvoxRefusesStopsItsReportWithAClearMessage() throws Exception {
        TestEnvironment.copyRoutes(routes);
        Files.writeString(routes.resolve("reports.yaml"), Files.readString(routes.resolve("reports.yaml")) + """

                - templatedRoute:
                    routeTemplateRef: wolkvox-report
                    routeId: wolkvox-campaign-without-id
                    parameters:
                      - { name: api, value: campaign_10 }
                      - { name: keyFields, value: "@campaign_id,machinecode" }
                      # a windowed api asked as a real-time one: the request has no dates, which Wolkvox refuses
                      - { name: shape, value: realtime }
                """);
        try (CapturedLog log = CapturedLog.attach();
             TestEnvironment env = TestEnvironment.start(WolkvoxSimulator.builder(), Map.of("wolkvox.poll-period", "1s",
                     "camel.main.routes-include-pattern", "file:" + routes + "/*.yaml", "camel.main.routes-reload-directory", routes.toString()));
             RunningApp app = RunningApp.start()) {
            await().atMost(Duration.ofSeconds(60)).until(() -> log.linesContaining(
                    "poll report=campaign_10 route=wolkvox-campaign-without-id outcome=skipped").size() >= 3);
            String stopped = log.linesContaining("route=wolkvox-campaign-without-id stopped").get(0);
            assertTrue(stopped.contains("SOME PARAMETERS ARE REQUIRED") && stopped.contains("Fix api, group or params")
                    && stopped.contains("campaign_id=all"), stopped);
            long calls = env.simulator.calls().stream()
                    .filter(c -> c.api().equals("campaign_10") && !c.params().containsKey("date_ini")).count();
            assertTrue(calls == 1, "one refused call, then no more: " + calls);
            await().atMost(Duration.ofSeconds(30)).until(() -> env.watermark("wolkvox-diagram_1") != null);
        }
    }
}
