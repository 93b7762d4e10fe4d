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

/** Editing routes/sinks.yaml while the application runs: a new rule applies at once, a broken edit changes nothing. */
class LiveReloadTest {

    private static final String NEW_RULE = """

            - route:
                id: rule-smart-wait-failed
                from:
                  uri: wolkvox-records:diagram_3
                  parameters:
                    when: "${body[status]} == 'FAIL'"
                  steps:
                    - to: wolkvox-sink:smart-wait-failed
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

            Files.writeString(sinks, original + NEW_RULE);
            await().atMost(Duration.ofSeconds(60)).until(() -> env.fileRecords("smart-wait-failed").size() > 5);
            assertTrue(env.fileRecords("smart-wait-failed").stream().allMatch(r -> "FAIL".equals(r.get("status"))),
                    "the new rule copies only failed smart-wait records");

            int linesBefore = log.lines().size();
            Files.writeString(sinks, original.replace("      steps:", "      steps: [ broken"));
            await().atMost(Duration.ofSeconds(60)).until(() -> log.lines().stream().skip(linesBefore)
                    .anyMatch(line -> line.contains("Error reloading routes from file") && line.contains("sinks.yaml")
                            && line.contains("pre-parsing")));
            int afterBrokenEdit = env.fileRecords("smart-wait-failed").size();
            await().atMost(Duration.ofSeconds(60)).until(() -> env.fileRecords("smart-wait-failed").size() > afterBrokenEdit + 5);
        }
    }
}
