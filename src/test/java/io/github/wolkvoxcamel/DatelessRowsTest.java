package io.github.wolkvoxcamel;

import io.github.wolkvoxcamel.simulator.WolkvoxSimulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * chat_2's rows have no date of their own. A re-pull two days deep starts on another day than the windows that first
 * delivered the recent rows; it delivers the older rows and none of the recent ones again: a dateless row is found by
 * its key, not under its window's day.
 */
class DatelessRowsTest {

    private static final String CHAT_2 = """

            - templatedRoute:
                routeTemplateRef: wolkvox-report
                routeId: wolkvox-chat_2
                parameters:
                  - { name: api, value: chat_2 }
                  - { name: group, value: reports_manager }
                  - { name: keyFields, value: conn_id }
                  - { name: repull, value: 48h }
            """;

    @TempDir
    Path routes;

    @Test
    void aRepullStartingOnAnotherDayDeliversNoDatelessRowAgain() throws Exception {
        TestEnvironment.copyRoutes(routes);
        Files.writeString(routes.resolve("reports.yaml"), CHAT_2, StandardOpenOption.APPEND);
        try (TestEnvironment env = TestEnvironment.start(WolkvoxSimulator.builder(), Duration.ofHours(2), Map.of(
                "wolkvox.poll-period", "1s", "wolkvox.repull-every", "3s",
                "camel.main.routes-include-pattern", "file:" + routes + "/*.yaml"))) {
            LocalDateTime farBack = env.initialFrom.minusHours(40);
            try (RunningApp app = RunningApp.start()) {
                // a re-pull answered and a later poll came: the re-pull's window was done with (a route polls in turn)
                await().atMost(Duration.ofSeconds(90)).until(() -> {
                    List<WolkvoxSimulator.Call> calls = calls(env);
                    int repull = indexOfRepull(calls, farBack);
                    return repull >= 0 && calls.size() > repull + 1;
                });
            }
            List<Object> keys = env.fileRecords("chat_2").stream().map(record -> record.get("conn_id")).toList();
            int recent = env.simulator.records("reports_manager", "chat_2", env.initialFrom,
                    env.watermark("wolkvox-chat_2"), Map.of()).size();
            assertTrue(recent > 20, "chat_2 has rows: " + recent);
            assertTrue(keys.stream().distinct().count() > recent, "the re-pull delivered rows of the days before");
            assertEquals(keys.size(), keys.stream().distinct().count(), "no chat_2 row delivered twice");
        }
    }

    private static List<WolkvoxSimulator.Call> calls(TestEnvironment env) {
        return env.simulator.calls().stream().filter(call -> call.api().equals("chat_2")).toList();
    }

    /** The first call that reached back to {@code before}, answered; -1 while there is none. */
    private static int indexOfRepull(List<WolkvoxSimulator.Call> calls, LocalDateTime before) {
        for (int i = 0; i < calls.size(); i++) {
            if (calls.get(i).status() == 200 && calls.get(i).from() != null && calls.get(i).from().isBefore(before)) {
                return i;
            }
        }
        return -1;
    }
}
