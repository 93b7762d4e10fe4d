package io.github.wolkvoxcamel.sink;

import io.github.wolkvoxcamel.state.DurableFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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

    @Test
    void aNewSinkDirectoryAndDayFileAreForcedIntoTheirDirectoriesOnceNotPerLine() throws Exception {
        Path root = dir.resolve("out");
        Path calls = root.resolve("calls");
        try (JsonLinesWriter writer = new JsonLinesWriter(root)) {
            appendTold(writer, "calls", 1).get(10, TimeUnit.SECONDS);
            // the root, the sink directory and the day file are new: each is forced into its parent before it is told
            assertEquals(1, DurableFiles.directorySyncs(dir), "root made in its parent");
            assertEquals(1, DurableFiles.directorySyncs(root), "sink directory made in the root");
            assertEquals(1, DurableFiles.directorySyncs(calls), "day file made in the sink directory");
            for (int id = 2; id <= 50; id++) {
                appendTold(writer, "calls", id).get(10, TimeUnit.SECONDS);
            }
            assertEquals(1, DurableFiles.directorySyncs(calls), "lines of a file already made force no directory");
            CompletableFuture<Void> nextDay = new CompletableFuture<>();
            writer.append("calls", "2026-01-02", line(51), error -> nextDay.complete(null));
            nextDay.get(10, TimeUnit.SECONDS);
            assertEquals(2, DurableFiles.directorySyncs(calls), "the next day's file");
            assertEquals(1, DurableFiles.directorySyncs(root));
        }
    }

    @Test
    void filesAndDirectoriesArePrivateUnlessAGroupIsAskedFor() throws Exception {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX modes");
        try (JsonLinesWriter writer = new JsonLinesWriter(dir.resolve("out"))) {
            appendTold(writer, "calls", 1).get(10, TimeUnit.SECONDS);
            assertEquals("rwx------", mode(dir.resolve("out")));
            assertEquals("rwx------", mode(dir.resolve("out/calls")));
            assertEquals("rw-------", mode(dir.resolve("out/calls/2026-01-01.jsonl")));
            DurableFiles.access(DurableFiles.Access.GROUP);
            try {
                appendTold(writer, "shared", 1).get(10, TimeUnit.SECONDS);
            } finally {
                DurableFiles.access(DurableFiles.Access.PRIVATE);
            }
            assertEquals("rwxr-x---", mode(dir.resolve("out/shared")));
            assertEquals("rw-r-----", mode(dir.resolve("out/shared/2026-01-01.jsonl")));
        }
        assertEquals(DurableFiles.Access.GROUP, DurableFiles.Access.of(" Group "));
        assertThrows(IllegalArgumentException.class, () -> DurableFiles.Access.of("0644"));
    }

    static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    private static byte[] line(int id) {
        return ("{\"id\":" + id + "}").getBytes(StandardCharsets.UTF_8);
    }
}
