package io.github.wolkvoxcamel;

import io.github.wolkvoxcamel.simulator.WolkvoxSimulator;
import org.junit.jupiter.api.Test;

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

    private static List<WolkvoxSimulator.Call> calls(TestEnvironment env) {
        return env.simulator.calls().stream().filter(call -> call.api().equals("diagram_1")).toList();
    }
}
