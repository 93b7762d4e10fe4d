package io.github.wolkvoxcamel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The main command without a server polls its embedded simulator at the period it is given (the quota plan fits the
 * simulator's calls, not a real license's), and keeps the simulator's state apart from any real server's.
 */
class EmbeddedDemoTest {

    @TempDir
    Path root;

    @Test
    void theDemoPollsAtThePeriodItIsGiven() throws Exception {
        Map<String, String> properties = Map.of("wolkvox.poll-period", "30s", "state.dir", root.resolve("state").toString(),
                "sink.file-dir", root.resolve("out").toString(), "dlq.dir", root.toString(),
                "camel.management.port", Integer.toString(TestEnvironment.freePort()));
        properties.forEach(System::setProperty);
        try (CapturedLog log = CapturedLog.attach(); RunningApp app = RunningApp.start()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> !log.linesContaining("quota plan token=default").isEmpty());
            String plan = log.linesContaining("quota plan token=default").get(0);
            assertTrue(plan.contains("budget=99950") && plan.contains("wolkvox-diagram_1 every 30s")
                    && plan.contains("wolkvox-agents_detail every 30s"), plan);
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(root.resolve("state")
                    .resolve("wolkvox-simulator-default").resolve("wolkvox-diagram_1.watermark")));
        } finally {
            properties.keySet().forEach(System::clearProperty);
        }
    }
}
