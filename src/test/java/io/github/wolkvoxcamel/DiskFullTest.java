package io.github.wolkvoxcamel;

import io.github.wolkvoxcamel.simulator.WolkvoxSimulator;
import io.github.wolkvoxcamel.time.WolkvoxTime;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A day file on a full disk: nothing counts as delivered while its lines cannot be forced to disk, the watermark
 * stays, and once there is room again every record is in the file once, with no torn line.
 */
class DiskFullTest {

    private static final Path FULL_DISK = Path.of("/dev/full");

    @Test
    void recordsWrittenWhileTheDiskIsFullAreAllThereOnceItHasRoom() throws Exception {
        assumeTrue(Files.isWritable(FULL_DISK), "needs Linux's /dev/full");
        try (CapturedLog log = CapturedLog.attach();
             TestEnvironment env = TestEnvironment.start(WolkvoxSimulator.builder(), Duration.ofMinutes(40),
                     Map.of("wolkvox.poll-period", "1s"))) {
            LocalDate today = LocalDateTime.now(WolkvoxTime.BOGOTA).toLocalDate();
            List<Path> dayFiles = List.of(dayFile(env, today.minusDays(1)), dayFile(env, today));
            for (Path dayFile : dayFiles) {
                Files.createDirectories(dayFile.getParent());
                Files.createSymbolicLink(dayFile, FULL_DISK);
            }
            try (RunningApp app = RunningApp.start()) {
                await().atMost(Duration.ofSeconds(60)).until(() -> log.linesContaining("report=diagram_1").stream()
                        .filter(line -> line.contains("class=DELIVERY_FAILED")).count() >= 2);
                assertNull(env.watermark("wolkvox-diagram_1"), "no window of diagram_1 counts as delivered");

                for (Path dayFile : dayFiles) {
                    Files.delete(dayFile);
                }
                await().atMost(Duration.ofSeconds(60)).until(() -> env.watermark("wolkvox-diagram_1") != null);
            }
            LocalDateTime end = env.watermark("wolkvox-diagram_1");
            List<String> expected = env.simulator.records("reports_manager", "diagram_1", env.initialFrom, end,
                    Map.of("customer_id", "")).stream().map(r -> r.get("conn_id")).toList();
            // every line parses as a record: a torn line would not
            List<Object> delivered = env.fileRecords("diagram_1").stream().map(r -> r.get("conn_id"))
                    .filter(expected::contains).toList();
            RecordAssertions.assertExactlyOnce("diagram_1 after a full disk", expected, delivered);
            assertTrue(log.linesContaining("No space left on device").size() > 0, "the log names the cause");
        }
    }

    private static Path dayFile(TestEnvironment env, LocalDate day) {
        return env.sinkDir.resolve("diagram_1").resolve(day + ".jsonl");
    }
}
