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

/** A re-pull fetches the recent past again for late rows without delivering a record twice or moving the watermark back. */
class RepullTest {

    @Test
    void aRepullReachesBehindTheWatermarkAndDeliversNothingTwice() throws Exception {
        try (TestEnvironment env = TestEnvironment.start(WolkvoxSimulator.builder(), Map.of("wolkvox.poll-period", "1s",
                "wolkvox.lookback", "5m", "wolkvox.repull", "30m", "wolkvox.repull-every", "1h"))) {
            LocalDateTime markBefore;
            try (RunningApp app = RunningApp.start()) {
                await().atMost(Duration.ofSeconds(60)).until(() -> calls(env).size() >= 3);
            }
            List<WolkvoxSimulator.Call> calls = calls(env);
            markBefore = calls.get(0).to();
            assertEquals(markBefore.plusSeconds(1).minusMinutes(30), calls.get(1).from(), "the second poll reaches back 30 minutes");
            assertEquals(calls.get(1).to().plusSeconds(1).minusMinutes(5), calls.get(2).from(),
                    "and the third goes on from where it ended, its lookback read again");
            assertFalse(env.watermark("wolkvox-diagram_1").isBefore(markBefore));
            List<Object> keys = env.fileRecords("diagram_1").stream().map(r -> r.get("conn_id")).toList();
            assertEquals(keys.size(), keys.stream().distinct().count(), "re-pulled records are not delivered again");
        }
    }

    private static List<WolkvoxSimulator.Call> calls(TestEnvironment env) {
        return env.simulator.calls().stream().filter(call -> call.api().equals("diagram_1")).toList();
    }
}
