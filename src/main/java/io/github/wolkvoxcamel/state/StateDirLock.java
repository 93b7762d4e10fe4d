package io.github.wolkvoxcamel.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One process per state directory: two would both poll, race on the call counts and rewrite each other's delivered
 * records. An operating-system lock on {@code <STATE_DIR>/wolkvox-camel.lock}, held while the application runs and
 * released by the system however the process ends (a kill -9 included); the file names the holder's pid.
 */
public final class StateDirLock implements AutoCloseable {

    static final String FILE_NAME = "wolkvox-camel.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private StateDirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** @throws IllegalStateException naming the directory and the holder's pid when another process holds it */
    public static StateDirLock acquire(Path stateDir) {
        Path file = stateDir.resolve(FILE_NAME);
        FileChannel channel = null;
        try {
            channel = DurableFiles.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                String holder = holder(channel);
                channel.close();
                throw new IllegalStateException("STATE_DIR " + stateDir.toAbsolutePath() + " is in use by another "
                        + "wolkvox-camel process" + holder + ": run one process per STATE_DIR (a backfill included: stop "
                        + "the application, or give the backfill a STATE_DIR of its own), or run replicas with a cluster "
                        + "service and a STATE_DIR each (docs/replicas.md, \"Running several replicas\")");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(false);
            return new StateDirLock(channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot lock the state directory " + file, e);
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            // held by this very JVM (another Camel context on the same directory)
            return null;
        }
    }

    private static String holder(FileChannel channel) throws IOException {
        ByteBuffer text = ByteBuffer.allocate(32);
        channel.read(text, 0);
        String pid = new String(text.array(), 0, text.position(), StandardCharsets.UTF_8).trim();
        return pid.isEmpty() ? "" : " (pid " + pid + ")";
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            // already failing: the first error is the one to report
        }
    }

    @Override
    public void close() throws IOException {
        lock.release();
        channel.close();
    }
}
