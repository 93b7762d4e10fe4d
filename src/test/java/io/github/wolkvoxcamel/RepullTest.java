package io.github.wolkvoxcamel;

import io.github.wolkvoxcamel.simulator.WolkvoxSimulator;
import io.github.wolkvoxcamel.time.WolkvoxTime;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A re-pull fetches the recent past again for late rows without delivering a record twice or moving the watermark back. */
class RepullTest {

    @Test
    void aRepullReachesBehindTheWatermarkAndDeliversNothingTwice() throws Exception {
        try (TestEnvironment env = TestEnvironment.start(WolkvoxSimulator.builder(), Map.of("wolkvox.poll-period", "1s",
                "wolkvox.lookback", "5m", "wolkvox.repull", "30m", "wolkvox.repull-every", "3s"))) {
            try (RunningApp app = RunningApp.start()) {
                await().atMost(Duration.ofSeconds(60)).until(() -> calls(env).size() >= 8);
            }
            List<WolkvoxSimulator.Call> calls = calls(env);
            int repulls = 0;
            for (int i = 1; i < calls.size(); i++) {
                LocalDateTime watermark = calls.get(i - 1).to();
                LocalDateTime from = calls.get(i).from();
                if (from.equals(watermark.plusSeconds(1).minusMinutes(30))) {
                    repulls++;
                } else {
                    assertEquals(watermark.plusSeconds(1).minusMinutes(5), from, "call " + i + " reads its lookback again");
                }
            }
            assertTrue(repulls > 0 && repulls < calls.size() - 1, "some polls, not all, reach back 30 minutes: " + repulls);
            assertFalse(env.watermark("wolkvox-diagram_1").isBefore(calls.get(calls.size() - 2).to()));
            List<Object> keys = env.fileRecords("diagram_1").stream().map(r -> r.get("conn_id")).toList();
            assertEquals(keys.size(), keys.stream().distinct().count(), "re-read records are not delivered again");
        }
    }

    /**
     * When the last re-pull got through is kept with the watermark: a process restarted more often than every
     * repull-every (6 h) still re-pulls once that much time passed since the last one, and not at every start.
     */
    @Test
    void theLastRepullIsKeptAcrossRestarts() throws Exception {
        try (TestEnvironment env = TestEnvironment.start(WolkvoxSimulator.builder().hard(), Map.of(
                "wolkvox.lookback", "5m", "wolkvox.repull", "30m"))) {
            Path repullFile = env.scopeDir().resolve("wolkvox-diagram_1.repull");
            try (RunningApp app = RunningApp.start()) {
                await().atMost(Duration.ofSeconds(60)).until(() -> env.watermark("wolkvox-diagram_1") != null);
            }
            assertTrue(Files.exists(repullFile), "a report's first poll starts the re-pull clock");
            // as if the last re-pull got through seven hours ago, and the process restarted every hour since
            Files.writeString(repullFile, WolkvoxTime.formatRequest(LocalDateTime.now(WolkvoxTime.BOGOTA).minusHours(7)));
            LocalDateTime watermark = env.watermark("wolkvox-diagram_1");
            int before = calls(env).size();
            LocalDateTime secondStart = LocalDateTime.now(WolkvoxTime.BOGOTA).withNano(0);
            try (RunningApp app = RunningApp.start()) {
                await().atMost(Duration.ofSeconds(60)).until(() -> env.watermark("wolkvox-diagram_1").isAfter(watermark));
                await().atMost(Duration.ofSeconds(30)).until(() -> !WolkvoxTime.parseRequest(Files.readString(repullFile).trim())
                        .isBefore(secondStart));
                String metrics = ObservabilityTest.get(env, "/observe/metrics");
                assertTrue(metrics.lines().anyMatch(line -> line.startsWith("wolkvox_repull_age_seconds{")
                        && line.contains("route=\"wolkvox-diagram_1\"")), "the re-pull's age is exported");
            }
            assertEquals(watermark.plusSeconds(1).minusMinutes(30), calls(env).get(before).from(),
                    "the first poll after the restart re-pulls: six hours passed since the last re-pull");
            LocalDateTime afterRepull = env.watermark("wolkvox-diagram_1");
            int third = calls(env).size();
            try (RunningApp app = RunningApp.start()) {
                await().atMost(Duration.ofSeconds(60)).until(() -> calls(env).size() > third);
            }
            assertEquals(afterRepull.plusSeconds(1).minusMinutes(5), calls(env).get(third).from(),
                    "a restart right after a re-pull reads its lookback only");
        }
    }

    private static List<WolkvoxSimulator.Call> calls(TestEnvironment env) {
        return env.simulator.calls().stream().filter(call -> call.api().equals("diagram_1")).toList();
    }
}
