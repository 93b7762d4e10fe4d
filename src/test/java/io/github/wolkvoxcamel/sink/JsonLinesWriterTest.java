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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class JsonLinesWriterTest {

    private static final Consumer<Throwable> IGNORE = error -> { };
    private static final Path FULL_DISK = Path.of("/dev/full");

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
                                .getBytes(StandardCharsets.UTF_8), error -> { });
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
                    () -> writer.append("calls", "2026-01-01", "{\"a\":\n1}".getBytes(StandardCharsets.UTF_8), IGNORE));
            assertThrows(IllegalArgumentException.class,
                    () -> writer.append("../etc", "2026-01-01", "{}".getBytes(StandardCharsets.UTF_8), IGNORE));
            assertThrows(IllegalArgumentException.class,
                    () -> writer.append("..", "2026-01-01", "{}".getBytes(StandardCharsets.UTF_8), IGNORE));
            assertThrows(IllegalArgumentException.class,
                    () -> writer.append(".hidden", "2026-01-01", "{}".getBytes(StandardCharsets.UTF_8), IGNORE));
            assertThrows(IllegalArgumentException.class,
                    () -> writer.append("calls", "01/01/2026", "{}".getBytes(StandardCharsets.UTF_8), IGNORE));
        }
    }

    @Test
    void eachLineIsToldOnTheCommitThreadOnceOnDiskAndAFailedCommitCutsTheFileBack() throws Exception {
        Path calls = dir.resolve("calls/2026-01-01.jsonl");
        try (JsonLinesWriter writer = new JsonLinesWriter(dir)) {
            for (int id = 1; id <= 3; id++) {
                CompletableFuture<String> told = appendTold(writer, "calls", id);
                assertEquals("wolkvox-file-commit", told.get(10, TimeUnit.SECONDS), "told by the commit thread");
                assertEquals(id, Files.readAllLines(calls).size(), "on disk once told");
            }
            assumeTrue(Files.isWritable(FULL_DISK), "the failure half needs Linux's /dev/full");
            Path full = dir.resolve("full/2026-01-01.jsonl");
            Files.createDirectories(full.getParent());
            Files.createSymbolicLink(full, FULL_DISK);
            CompletableFuture<String> lost = appendTold(writer, "full", 4);
            ExecutionException failure = assertThrows(ExecutionException.class, () -> lost.get(10, TimeUnit.SECONDS));
            assertTrue(failure.getCause().getMessage().contains("No space"), failure.getCause().getMessage());
        }
        assertEquals(List.of("{\"id\":1}", "{\"id\":2}", "{\"id\":3}"), Files.readAllLines(calls));
    }

    private static CompletableFuture<String> appendTold(JsonLinesWriter writer, String sink, int id) {
        CompletableFuture<String> told = new CompletableFuture<>();
        writer.append(sink, "2026-01-01", line(id), error -> {
            if (error == null) {
                told.complete(Thread.currentThread().getName());
            } else {
                told.completeExceptionally(error);
            }
        });
        return told;
    }

    @Test
    void aFullDiskFailsTheLinesOfTheCommitAndTheRetryWritesThemWhole() throws Exception {
        assumeTrue(Files.isWritable(FULL_DISK), "needs Linux's /dev/full");
        Path day = dir.resolve("calls/2026-01-01.jsonl");
        Files.createDirectories(day.getParent());
        Files.writeString(day, "{\"id\":0}\n");
        Path whole = Files.move(day, dir.resolve("kept.jsonl"));
        Files.createSymbolicLink(day, FULL_DISK);
        try (JsonLinesWriter writer = new JsonLinesWriter(dir)) {
            List<CompletableFuture<String>> lost = List.of(appendTold(writer, "calls", 1), appendTold(writer, "calls", 2));
            for (CompletableFuture<String> line : lost) {
                ExecutionException failure = assertThrows(ExecutionException.class, () -> line.get(10, TimeUnit.SECONDS));
                assertTrue(failure.getCause().getMessage().contains("No space"), failure.getCause().getMessage());
            }

            // the disk has room again: the day file is back as it was before the failed write
            Files.delete(day);
            Files.move(whole, day);
            List<CompletableFuture<String>> retried = List.of(appendTold(writer, "calls", 1), appendTold(writer, "calls", 2));
            for (CompletableFuture<String> line : retried) {
                line.get(10, TimeUnit.SECONDS);
            }
        }
        assertEquals(List.of("{\"id\":0}", "{\"id\":1}", "{\"id\":2}"), Files.readAllLines(day));
    }

    @Test
    void aLineACrashCutOffIsRemovedWhenTheFileIsOpened() throws Exception {
        Path day = dir.resolve("calls/2026-01-01.jsonl");
        Files.createDirectories(day.getParent());
        Files.writeString(day, "{\"id\":0}\n{\"id\":1,\"na");
        try (JsonLinesWriter writer = new JsonLinesWriter(dir)) {
            writer.append("calls", "2026-01-01", line(1), IGNORE);
        }
        assertEquals(List.of("{\"id\":0}", "{\"id\":1}"), Files.readAllLines(day));
    }

    private static byte[] line(int id) {
        return ("{\"id\":" + id + "}").getBytes(StandardCharsets.UTF_8);
    }
}
