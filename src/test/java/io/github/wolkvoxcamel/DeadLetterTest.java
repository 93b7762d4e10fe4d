package io.github.wolkvoxcamel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.wolkvoxcamel.simulator.WolkvoxSimulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A record a sink refuses becomes a dead letter with its error; the rest of the window is delivered and it moves on. */
class DeadLetterTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path routes;

    @Test
    void aRefusedRecordIsKeptAsADeadLetterAndTheWindowGoesOn() throws Exception {
        refuseFailedSmartWaits();
        try (TestEnvironment env = TestEnvironment.start(WolkvoxSimulator.builder(), Map.of(
                "camel.main.routes-include-pattern", "file:" + routes + "/*.yaml", "camel.main.routes-reload-directory", routes.toString(),
                "dlq.dir", routes.resolve("dead").toString()));
             CapturedLog log = CapturedLog.attach();
             RunningApp app = RunningApp.start()) {
            await().atMost(Duration.ofSeconds(60)).until(() -> env.watermark("wolkvox-diagram_3") != null);
            LocalDateTime end = env.watermark("wolkvox-diagram_3");
            List<Map<String, String>> failed = env.simulator.records("reports_manager", "diagram_3", env.initialFrom, end, Map.of())
                    .stream().filter(r -> r.get("status").equals("FAIL")).toList();
            assertFalse(failed.isEmpty());

            List<JsonNode> letters = letters(routes.resolve("dead").resolve("dlq"));
            RecordAssertions.assertExactlyOnce("dead letters", failed.stream().map(r -> r.get("ani")).toList(),
                    letters.stream().map(letter -> letter.get("record").get("ani").asText()).toList());
            JsonNode letter = letters.get(0);
            assertTrue(letter.get("sink").asText().endsWith("smart-wait-FAIL/failed"), letter.toString());
            assertEquals("diagram_3", letter.get("report").asText());
            assertEquals("org.apache.camel.ResolveEndpointFailedException", letter.get("errorClass").asText());
            assertTrue(letter.get("error").asText().contains("file sink name 'smart-wait-FAIL/failed'"), letter.toString());
            assertEquals("FAIL", letter.get("record").get("status").asText());
            assertEquals(letter.get("recordKey").asText(), letter.get("headers").get("WolkvoxRecordKey").asText());
            // diagram_3's key holds the caller's number: log lines name a dead letter by its reference only
            for (JsonNode refused : letters) {
                String ani = refused.get("record").get("ani").asText();
                List<String> leaks = log.lines().stream().filter(line -> line.contains(ani)
                        || line.contains(refused.get("recordKey").asText())).toList();
                assertEquals(List.of(), leaks, "log lines holding a refused record's number or key");
                assertEquals(1, log.linesContaining("record=" + refused.get("recordRef").asText()).size(),
                        "one dead-letter line names the record by reference");
            }
            // nobody but the application's user reads records, dead letters and state
            assertPrivate(env.sinkDir);
            assertPrivate(routes.resolve("dead"));
            assertPrivate(env.stateDir);
            // the refused copy did not hold the window back: every record reached its report's own sink
            assertEquals(env.simulator.records("reports_manager", "diagram_3", env.initialFrom, end, Map.of()).size(),
                    env.fileRecords("diagram_3").size());
        }
    }

    /**
     * A record an endpoint refuses is a dead letter once: the lookback of every later poll and the re-pulls read it
     * again, and it is neither sent to its sinks nor lettered again (until its content changes).
     */
    @Test
    void aRefusedRecordIsADeadLetterOnceWhateverReadsItAgain() throws Exception {
        refuseFailedSmartWaits();
        try (TestEnvironment env = TestEnvironment.start(WolkvoxSimulator.builder().hard(), Map.of(
                "camel.main.routes-include-pattern", "file:" + routes + "/*.yaml", "camel.main.routes-reload-directory", routes.toString(),
                "dlq.dir", routes.resolve("dead").toString(), "wolkvox.poll-period", "1s", "wolkvox.lookback", "6h",
                "wolkvox.repull", "8h", "wolkvox.repull-every", "2s"))) {
            try (RunningApp app = RunningApp.start()) {
                await().atMost(Duration.ofSeconds(90)).until(() -> env.simulator.calls().stream()
                        .filter(call -> call.api().equals("diagram_3") && call.status() == 200).count() >= 6);
            }
            LocalDateTime end = env.watermark("wolkvox-diagram_3");
            List<Map<String, String>> failed = env.simulator.records("reports_manager", "diagram_3", env.initialFrom, end, Map.of())
                    .stream().filter(r -> r.get("status").equals("FAIL")).toList();
            assertFalse(failed.isEmpty());
            List<String> lettered = letters(routes.resolve("dead").resolve("dlq")).stream()
                    .map(letter -> letter.get("record").toString()).toList();
            assertEquals(lettered.size(), lettered.stream().distinct().count(), "each refused record and content lettered once");
            for (Map<String, String> record : failed) {
                assertTrue(lettered.contains(JSON.valueToTree(record).toString()), "every refused record is lettered");
            }
        }
    }

    /** The sink name comes from the record, as a rule routing by a field would do it; one value is no valid name. */
    private void refuseFailedSmartWaits() {
        String route = "        - to: kamelet:wolkvox-sink?sink=diagram_3\n";
        TestEnvironment.copyRoutes(routes, route, route + """
                        - filter:
                            simple: "${body[status]} == 'FAIL'"
                            steps:
                              - toD: "jsonl:smart-wait-${body[status]}/failed"
                """);
    }

    private static List<JsonNode> letters(Path directory) throws Exception {
        List<JsonNode> letters = new ArrayList<>();
        try (Stream<Path> days = Files.list(directory)) {
            for (Path day : days.sorted().toList()) {
                for (String line : Files.readAllLines(day)) {
                    letters.add(JSON.readTree(line));
                }
            }
        }
        return letters;
    }

    /** The files and directories under {@code root} (the root made by the test itself aside): 0600 and 0700. */
    private static void assertPrivate(Path root) throws Exception {
        List<Path> made;
        try (Stream<Path> tree = Files.walk(root)) {
            made = tree.filter(path -> !path.equals(root)).toList();
        }
        assertFalse(made.isEmpty(), "the application wrote under " + root);
        for (Path path : made) {
            String expected = Files.isDirectory(path) ? "rwx------" : "rw-------";
            String mode;
            try {
                mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
            } catch (NoSuchFileException renamed) {
                // the application runs on: a state file's temporary copy was renamed over it meanwhile
                continue;
            }
            assertEquals(expected, mode, path.toString());
        }
    }
}
