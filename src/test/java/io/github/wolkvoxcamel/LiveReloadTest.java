package io.github.wolkvoxcamel;

import io.github.wolkvoxcamel.simulator.WolkvoxSimulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Editing routes/sinks.yaml while the application runs: a new filter applies at once, a broken edit changes nothing. */
class LiveReloadTest {

    private static final String ROUTE = "        - to: kamelet:wolkvox-sink?sink=diagram_3\n";
    private static final String NEW_RULE = ROUTE + """
                    - filter:
                        simple: "${body[status]} == 'FAIL'"
                        steps:
                          - to: kamelet:wolkvox-sink?sink=smart-wait-failed
            """;

    @TempDir
    Path routes;

    @Test
    void aNewRuleAppliesWithoutRestartAndABrokenEditIsRejected() throws Exception {
        TestEnvironment.copyRoutes(routes);
        Path sinks = routes.resolve("sinks.yaml");
        String original = Files.readString(sinks);
        try (CapturedLog log = CapturedLog.attach();
             TestEnvironment env = TestEnvironment.start(WolkvoxSimulator.builder().spacing("diagram_3", Duration.ofMillis(200)),
                     Map.of("wolkvox.poll-period", "1s", "camel.main.routes-include-pattern", "file:" + routes + "/*.yaml",
                             "camel.main.routes-reload-directory", routes.toString()));
             RunningApp app = RunningApp.start()) {
            await().atMost(Duration.ofSeconds(60)).until(() -> env.fileRecords("diagram_3").size() > 100);

            assertTrue(original.contains(ROUTE), "sinks.yaml routes diagram_3's records to its own sink");
            Files.writeString(sinks, original.replace(ROUTE, NEW_RULE));
            await().atMost(Duration.ofSeconds(60)).until(() -> env.fileRecords("smart-wait-failed").size() > 5);
            assertTrue(env.fileRecords("smart-wait-failed").stream().allMatch(r -> "FAIL".equals(r.get("status"))),
                    "the new rule copies only failed smart-wait records");

            int linesBefore = log.lines().size();
            Files.writeString(sinks, original.replace(ROUTE, NEW_RULE).replace("      steps:", "      steps: [ broken"));
            await().atMost(Duration.ofSeconds(60)).until(() -> log.lines().stream().skip(linesBefore)
                    .anyMatch(line -> line.contains("Error reloading routes from file") && line.contains("sinks.yaml")
                            && line.contains("pre-parsing")));
            int afterBrokenEdit = env.fileRecords("smart-wait-failed").size();
            await().atMost(Duration.ofSeconds(60)).until(() -> env.fileRecords("smart-wait-failed").size() > afterBrokenEdit + 5);
        }
    }
}
