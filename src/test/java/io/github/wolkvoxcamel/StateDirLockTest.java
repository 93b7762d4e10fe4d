package io.github.wolkvoxcamel;

import io.github.wolkvoxcamel.simulator.WolkvoxSimulator;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Without a cluster service, one process per STATE_DIR: a backfill started beside the running application on the
 * same state directory stops at once with an error that names the directory and the process holding it, and fetches
 * nothing.
 */
class StateDirLockTest {

    @Test
    void aBackfillBesideTheRunningApplicationOnItsStateDirIsRefused() throws Exception {
        try (TestEnvironment env = TestEnvironment.start(WolkvoxSimulator.builder(), Map.of());
             RunningApp app = RunningApp.start()) {
            await().atMost(Duration.ofSeconds(60)).until(env::windowedReportsDelivered);
            LocalDate day = LocalDate.now().minusDays(3);
            Process backfill = ChildApp.launch(env, List.of(), new String[] {"backfill", "--from", day.toString(), "--to",
                    day.toString(), "--reports", "diagram_1"}, "state-dir-lock", Map.of());
            assertTrue(backfill.waitFor(60, TimeUnit.SECONDS), "the backfill stops by itself");
            String log = Files.readString(ChildApp.log("state-dir-lock"));
            assertEquals(1, backfill.exitValue(), log);
            assertTrue(log.contains("wolkvox-camel cannot start: STATE_DIR " + env.stateDir.toAbsolutePath()
                    + " is in use by another wolkvox-camel process (pid " + ProcessHandle.current().pid() + ")"), log);
            String dayRequest = day.toString().replace("-", "");
            assertTrue(env.simulator.calls().stream().noneMatch(call -> call.api().equals("diagram_1")
                    && call.params().get("date_ini").startsWith(dayRequest)),
                    "the backfill called nothing");
        }
    }
}
