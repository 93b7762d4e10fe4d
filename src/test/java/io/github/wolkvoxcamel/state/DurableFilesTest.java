package io.github.wolkvoxcamel.state;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class DurableFilesTest {

    @TempDir
    Path dir;

    @Test
    void aReplacedFileIsPrivateAndOnlyItsRenameIsForcedIntoItsDirectory() throws Exception {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX modes");
        Path state = dir.resolve("state");
        Path file = state.resolve("wolkvox-diagram_1.watermark");
        DurableFiles.replace(file, "20260101000000\n");
        assertEquals(1, DurableFiles.directorySyncs(dir), "the new state directory");
        assertEquals(1, DurableFiles.directorySyncs(state), "the rename; the temporary file's entry is not forced");
        DurableFiles.replace(file, "20260101010000\n");
        assertEquals(2, DurableFiles.directorySyncs(state));
        assertEquals("20260101010000\n", Files.readString(file));
        assertFalse(Files.exists(state.resolve("wolkvox-diagram_1.watermark.tmp")));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(state)));
    }

    @Test
    void aTemporaryFileAnOlderVersionLeftWorldReadableIsMadeAnew() throws Exception {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX modes");
        Path file = dir.resolve("calls-default.count");
        Path leftOver = dir.resolve("calls-default.count.tmp");
        Files.writeString(leftOver, "2026-01-01 12\n");
        Files.setPosixFilePermissions(leftOver, PosixFilePermissions.fromString("rw-r--r--"));
        DurableFiles.replace(file, "2026-01-01 13\n");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("2026-01-01 13\n", Files.readString(file));
    }
}
