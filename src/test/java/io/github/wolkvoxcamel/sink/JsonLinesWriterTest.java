package io.github.wolkvoxcamel.sink;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class JsonLinesWriterTest {

    @TempDir
    Path dir;

    @Test
    void linesFromParallelWritersStayWholeAcrossDayFiles() throws Exception {
        int threads = 8;
        int perThread = 2_000;
        try (JsonLinesWriter writer = new JsonLinesWriter(dir)) {
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                Thread worker = new Thread(() -> {
                    for (int i = 0; i < perThread; i++) {
                        String day = i % 2 == 0 ? "2026-01-01" : "2026-01-02";
                        String padding = "x".repeat(i % 300);
                        writer.append("calls", day, ("{\"id\":\"" + id + "-" + i + "\",\"pad\":\"" + padding + "\"}")
                                .getBytes(StandardCharsets.UTF_8));
                    }
                });
                worker.start();
                workers.add(worker);
            }
            for (Thread worker : workers) {
                worker.join();
            }
        }
        Set<String> ids = new HashSet<>();
        for (String day : List.of("2026-01-01", "2026-01-02")) {
            for (String line : Files.readAllLines(dir.resolve("calls").resolve(day + ".jsonl"))) {
                assertEquals('{', line.charAt(0), line);
                assertEquals('}', line.charAt(line.length() - 1), line);
                ids.add(line.substring(7, line.indexOf('"', 7)));
            }
        }
        assertEquals(threads * perThread, ids.size());
    }

    @Test
    void refusesLineBreaksAndUnsafeNames() {
        try (JsonLinesWriter writer = new JsonLinesWriter(dir)) {
            assertThrows(IllegalArgumentException.class,
                    () -> writer.append("calls", "2026-01-01", "{\"a\":\n1}".getBytes(StandardCharsets.UTF_8)));
            assertThrows(IllegalArgumentException.class,
                    () -> writer.append("../etc", "2026-01-01", "{}".getBytes(StandardCharsets.UTF_8)));
            assertThrows(IllegalArgumentException.class,
                    () -> writer.append("calls", "01/01/2026", "{}".getBytes(StandardCharsets.UTF_8)));
        }
    }
}
