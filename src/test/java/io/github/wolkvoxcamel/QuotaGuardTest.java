package io.github.wolkvoxcamel;

import io.github.wolkvoxcamel.simulator.WolkvoxSimulator;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The application stops calling before Wolkvox's daily limit, keeping headroom, and says so at start and when it stops. */
class QuotaGuardTest {

    @Test
    void callsStopAtTheBudgetBeforeWolkvoxRefusesThem() throws Exception {
        try (CapturedLog log = CapturedLog.attach();
             TestEnvironment env = TestEnvironment.start(WolkvoxSimulator.builder(), Map.of("wolkvox.poll-period", "1s",
                     "wolkvox.daily-call-limit", "8", "wolkvox.daily-call-headroom", "2"));
             RunningApp app = RunningApp.start()) {
            await().atMost(Duration.ofSeconds(60)).until(() -> log.linesContaining("outcome=skipped").size() >= 10);
            assertEquals(6, env.simulator.callsToday(TestEnvironment.TOKEN), "the budget is the limit less the headroom");
            assertTrue(env.simulator.calls().stream().noneMatch(call -> call.status() == 403), "Wolkvox never had to refuse a call");
            assertTrue(log.linesContaining("today's budget of 6 calls is used (WOLKVOX_DAILY_CALL_LIMIT 8 less 2 kept for manual use)")
                    .size() >= 1);
            assertTrue(log.linesContaining("quota plan token=default budget=6").size() == 1);
            assertEquals(1, log.linesContaining("polling pauses each day once the budget is used").size());
            String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + env.managementPort + "/observe/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(metrics.contains("wolkvox_quota_used{token=\"default\"} 6.0"), "quota used metric");
            assertTrue(metrics.contains("wolkvox_quota_remaining{token=\"default\"} 0.0"), "quota remaining metric");
        }
    }
}
