package io.github.wolkvoxcamel;

import io.github.wolkvoxcamel.simulator.WolkvoxSimulator;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A restart resumes each report from its watermark; without state it reads again from WOLKVOX_INITIAL_FROM. */
class ResumeTest {

    @Test
    void restartResumesFromTheWatermarkAndDeletedStateStartsOver() throws Exception {
        try (TestEnvironment env = TestEnvironment.start(WolkvoxSimulator.builder(), Map.of())) {
            try (RunningApp app = RunningApp.start()) {
                await().atMost(Duration.ofSeconds(60)).until(() -> env.watermark("wolkvox-diagram_1") != null);
            }
            LocalDateTime mark = env.watermark("wolkvox-diagram_1");
            int firstRunCalls = diagram1Calls(env).size();
            assertEquals(env.initialFrom, diagram1Calls(env).get(0).from());

            try (RunningApp app = RunningApp.start()) {
                await().atMost(Duration.ofSeconds(60)).until(() -> diagram1Calls(env).size() > firstRunCalls);
            }
            assertEquals(mark.plusSeconds(1).minusMinutes(30), diagram1Calls(env).get(firstRunCalls).from(),
                    "resumed from the watermark, its 30-minute lookback read again");
            List<Object> keys = env.fileRecords("diagram_1").stream().map(r -> r.get("conn_id")).toList();
            assertEquals(keys.size(), keys.stream().distinct().count(), "nothing delivered twice across the restart");

            try (Stream<Path> files = Files.walk(env.stateDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
            int secondRunCalls = diagram1Calls(env).size();
            try (RunningApp app = RunningApp.start()) {
                await().atMost(Duration.ofSeconds(60)).until(() -> diagram1Calls(env).size() > secondRunCalls);
            }
            assertEquals(env.initialFrom, diagram1Calls(env).get(secondRunCalls).from(), "without state, from the initial start");
        }
    }

    private static List<WolkvoxSimulator.Call> diagram1Calls(TestEnvironment env) {
        return env.simulator.calls().stream().filter(call -> call.api().equals("diagram_1")).toList();
    }
}
