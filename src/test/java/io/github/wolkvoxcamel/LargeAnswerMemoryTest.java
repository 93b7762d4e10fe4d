package io.github.wolkvoxcamel;

import io.github.wolkvoxcamel.simulator.WolkvoxSimulator;
import io.github.wolkvoxcamel.time.WolkvoxTime;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One Wolkvox answer of more than 256 MB (about 59,000 records of 4.4 KB) through the whole pipeline in a JVM with a
 * 256 MB heap: the answer is spooled to disk and streamed record by record, so every record arrives.
 */
class LargeAnswerMemoryTest {

    @Test
    void aQuarterGigabyteAnswerFitsIntoA256MegabyteHeap() throws Exception {
        LocalDateTime from = LocalDateTime.now(WolkvoxTime.BOGOTA).minusDays(1).withHour(10).withMinute(0).withSecond(0).withNano(0);
        LocalDateTime to = from.plusHours(1).minusSeconds(1);
        try (TestEnvironment env = TestEnvironment.start(WolkvoxSimulator.builder()
                .spacing("agents_detail", Duration.ofMillis(61)).padding("agents_detail", 4_300), Map.of())) {
            int expected = env.simulator.records("customer", "agents_detail", from, to, Map.of()).size();
            assertTrue(expected > 55_000 && expected < 60_000, "one answer below the cap: " + expected);

            Process app = ChildApp.launch(env, List.of("-Xmx256m",
                    // an answer this size would be split as possibly cut by Wolkvox's 256 MB limit: this test is about memory
                    "-Dwolkvox.answer-size-limit=1073741824"), new String[] {"backfill", "--from",
                    WolkvoxTime.formatRequest(from), "--to", WolkvoxTime.formatRequest(to), "--reports", "agents_detail"}, "large-answer", Map.of());
            assertTrue(app.waitFor(5, TimeUnit.MINUTES), "the backfill finishes");
            String log = Files.readString(ChildApp.log("large-answer"));
            assertFalse(log.contains("OutOfMemoryError"), "no OutOfMemoryError");
            assertEquals(0, app.exitValue(), "exit code; see target/child-large-answer.log");

            Set<String> keys = new HashSet<>();
            long bytes = 0;
            try (Stream<Path> days = Files.list(env.sinkDir.resolve("agents_detail"))) {
                for (Path day : days.toList()) {
                    bytes += Files.size(day);
                    try (BufferedReader lines = Files.newBufferedReader(day)) {
                        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                            keys.add(line.substring(line.indexOf("\"conn_id\":\"") + 11, line.indexOf("\",\"type_call\"")));
                        }
                    }
                }
            }
            assertEquals(expected, keys.size(), "every record of the answer arrived once");
            assertTrue(bytes > 256L * 1024 * 1024, "the answer held more than 256 MB: " + bytes);
            assertEquals(1, env.simulator.calls().stream().filter(c -> c.api().equals("agents_detail")).count(), "in one call");
        }
    }
}
