package io.github.wolkvoxcamel;

import io.github.wolkvoxcamel.simulator.WolkvoxSimulator;
import io.github.wolkvoxcamel.state.StateScope;
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
import static org.junit.jupiter.api.Assertions.assertFalse;

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

    /**
     * The state of one Wolkvox server never moves another's start: pointed at another server (here a second simulator,
     * another host:port) on the same STATE_DIR, every report starts at WOLKVOX_INITIAL_FROM, and the first server's
     * calls do not count against the second's budget; pointed back, the first resumes from its own watermark.
     */
    @Test
    void anotherServerOnTheSameStateDirectoryStartsFromItsOwnStart() throws Exception {
        try (TestEnvironment env = TestEnvironment.start(WolkvoxSimulator.builder().hard(), Map.of());
             WolkvoxSimulator other = WolkvoxSimulator.builder().hard().token(TestEnvironment.TOKEN).build().start()) {
            try (RunningApp app = RunningApp.start()) {
                await().atMost(Duration.ofSeconds(60)).until(() -> env.watermark("wolkvox-diagram_1") != null);
            }
            LocalDateTime mark = env.watermark("wolkvox-diagram_1");
            LocalDateTime otherStart = env.initialFrom.minusHours(2);
            System.setProperty("wolkvox.base-url", other.baseUrl());
            System.setProperty("wolkvox.initial-from", otherStart.toString());
            String otherScope = StateScope.of(StateScope.server("", other.baseUrl()), "default");
            try (CapturedLog log = CapturedLog.attach(); RunningApp app = RunningApp.start()) {
                await().atMost(Duration.ofSeconds(60)).until(() -> !calls(other, "diagram_1").isEmpty());
                assertEquals(otherStart, calls(other, "diagram_1").get(0).from(),
                        "the other server's first window starts at its initial start, not at the first server's watermark");
                await().atMost(Duration.ofSeconds(10)).until(() -> !log.linesContaining(
                        "route=wolkvox-diagram_1 has no state of " + otherScope + " yet").isEmpty());
            } finally {
                System.setProperty("wolkvox.base-url", env.simulator.baseUrl());
                System.setProperty("wolkvox.initial-from", env.initialFrom.toString());
            }
            assertEquals(mark, env.watermark("wolkvox-diagram_1"), "the first server's watermark stayed where it was");
            assertEquals(other.calls().size(), callsCounted(env.scopeDir().resolveSibling(StateScope.directory(otherScope))),
                    "the other server's calls are counted on their own");
            assertEquals(env.simulator.calls().size(), callsCounted(env.scopeDir()), "the first server's count is its own");
            int before = calls(env.simulator, "diagram_1").size();
            try (CapturedLog log = CapturedLog.attach(); RunningApp app = RunningApp.start()) {
                await().atMost(Duration.ofSeconds(60)).until(() -> calls(env.simulator, "diagram_1").size() > before);
                assertFalse(log.linesContaining("route=wolkvox-diagram_1 resumes from its watermark " + mark).isEmpty());
            }
            assertEquals(mark.plusSeconds(1).minusMinutes(30), calls(env.simulator, "diagram_1").get(before).from(),
                    "back on the first server: its own watermark less the lookback");
        }
    }

    /** The day's count in a scope's {@code calls.count} ({@code <day> <calls>}). */
    private static int callsCounted(Path scopeDir) throws Exception {
        return Integer.parseInt(Files.readString(scopeDir.resolve("calls.count")).trim().split(" ")[1]);
    }

    private static List<WolkvoxSimulator.Call> calls(WolkvoxSimulator simulator, String api) {
        return simulator.calls().stream().filter(call -> call.api().equals(api)).toList();
    }

    private static List<WolkvoxSimulator.Call> diagram1Calls(TestEnvironment env) {
        return calls(env.simulator, "diagram_1");
    }
}
