package io.github.wolkvoxcamel;

import io.github.wolkvoxcamel.simulator.Fault;
import io.github.wolkvoxcamel.simulator.WolkvoxSimulator;
import io.github.wolkvoxcamel.time.WolkvoxTime;
import io.github.wolkvoxcamel.wolkvox.CallReserve;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * An outage never spends the day: retries stop once the spare calls the quota plan leaves are used, and when the calls
 * left are the real-time report's until midnight, only it polls.
 */
class OutageBudgetTest {

    private static final String TOKEN = "token=\"default\"";

    @Test
    void retriesStopAtThePlansSpareCallsAndTheRealTimeReportKeepsItsCalls() throws Exception {
        LocalDateTime bogota = LocalDateTime.now(WolkvoxTime.BOGOTA);
        // the counts it writes are today's: a run across Bogota midnight would find them gone
        assumeTrue(Duration.between(bogota, bogota.toLocalDate().plusDays(1).atStartOfDay()).toMinutes() > 15,
                "needs 15 minutes of the Bogota day left");
        try (TestEnvironment env = TestEnvironment.start(WolkvoxSimulator.builder().hard(), Map.of(
                "wolkvox.daily-call-limit", "1000", "wolkvox.daily-call-headroom", "50"))) {
            Path count = env.scopeDir().resolve("calls.count");
            int allowed;
            try (RunningApp app = RunningApp.start()) {
                await().atMost(Duration.ofSeconds(60)).until(env::everyReportPolled);
                allowed = (int) ObservabilityTest.value(ObservabilityTest.get(env, "/observe/metrics"),
                        "wolkvox_quota_retries_allowed", TOKEN);
            }
            assertTrue(allowed > 0 && allowed < 950, "the plan leaves some calls spare: " + allowed);
            LocalDate today = LocalDateTime.now(WolkvoxTime.BOGOTA).toLocalDate();

            // an outage: Wolkvox answers its maintenance page to every call, with two retries left today
            Files.writeString(count, today + " 10 " + (allowed - 2) + "\n");
            for (int i = 0; i < 200; i++) {
                env.simulator.inject(null, Fault.maintenancePage());
            }
            int before = env.simulator.calls().size();
            try (CapturedLog log = CapturedLog.attach(); RunningApp app = RunningApp.start()) {
                await().atMost(Duration.ofSeconds(60)).until(() -> !log.linesContaining(
                        "is not tried again before the next poll: the " + allowed + " retries the quota plan leaves for "
                                + "today are used").isEmpty());
                await().atMost(Duration.ofSeconds(30)).until(() -> ObservabilityTest.value(ObservabilityTest.get(env,
                        "/observe/metrics"), "wolkvox_quota_retries", TOKEN) == allowed);
                assertTrue(log.linesContaining(" retry=").size() <= 2, "two retries, then none: " + log.linesContaining(" retry="));
            }
            int outageCalls = env.simulator.calls().size() - before;
            assertEquals(10 + outageCalls, callsCounted(count), "every call Wolkvox saw is counted");

            // one call fewer than the real-time report needs until midnight is left: the other reports wait
            int reserve = new CallReserve(950, 0, List.of(Duration.ofMinutes(5))).reserve(
                    Duration.between(LocalDateTime.now(WolkvoxTime.BOGOTA), today.plusDays(1).atStartOfDay()));
            Files.writeString(count, today + " " + (950 - reserve + 1) + " 0\n");
            env.simulator.clearFaults();
            int reserved = env.simulator.calls().size();
            try (CapturedLog log = CapturedLog.attach(); RunningApp app = RunningApp.start()) {
                await().atMost(Duration.ofSeconds(60)).until(() -> env.simulator.calls().stream().skip(reserved)
                        .anyMatch(call -> call.api().equals("calls_last_10") && call.status() == 200));
                await().atMost(Duration.ofSeconds(30)).until(() -> log.linesContaining("real-time reports need").size() >= 4);
            }
            List<String> called = env.simulator.calls().stream().skip(reserved).map(WolkvoxSimulator.Call::api).distinct().toList();
            assertEquals(List.of("calls_last_10"), called, "only the real-time report called Wolkvox");
        }
    }

    private static int callsCounted(Path count) throws Exception {
        return Integer.parseInt(Files.readString(count).trim().split(" ")[1]);
    }
}
