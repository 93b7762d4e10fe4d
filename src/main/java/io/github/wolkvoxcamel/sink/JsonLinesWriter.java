package io.github.wolkvoxcamel.sink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import io.github.wolkvoxcamel.state.DurableFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends lines to {@code <directory>/<sink>/<yyyy-MM-dd>.jsonl}, durably: a line counts as written (its callback is
 * told) only once it was written and forced to disk. A commit thread of the writer's own does that as soon as it can,
 * taking every line appended until it starts (group commit), so appending threads go on while the disk works and a
 * line waits at most for the force under way and its own. A write or force that fails truncates the
 * file back to its last committed length, so no torn or uncommitted line stays behind, and fails every line waiting
 * in that file, so their window is delivered again; the file is opened anew for the next line (the disk may have been
 * freed, the file replaced). A file opened after a crash loses a cut last line. Lines of one file are written by one
 * writer at a time in whole buffers, so they never interleave.
 */
public final class JsonLinesWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JsonLinesWriter.class);

    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*");
    private static final Pattern DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final int BUFFER_BYTES = 64 * 1024;
    /**
     * Lines appended and not yet taken by a commit after which an append waits for the next commit: until a line is
     * committed, its callback (and what it holds, the record) stays in memory.
     */
    static final long COMMIT_BYTES = 8L * 1024 * 1024;

    /** Files kept open at once; a window spanning days or many sinks stays well under this. */
    static final int MAX_OPEN_FILES = 64;

    private final Path directory;
    private final ExecutorService committer = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "wolkvox-file-commit");
        thread.setDaemon(true);
        commitThread = thread;
        return thread;
    });
    private volatile Thread commitThread;
    // names and days already checked: a regular expression per line cost more than writing it
    private final Set<String> checkedNames = ConcurrentHashMap.newKeySet();
    private final Set<String> checkedDays = ConcurrentHashMap.newKeySet();
    // guarded by this
    private final LinkedHashMap<String, OpenFile> open = new LinkedHashMap<>(16, 0.75f, true);
    /** Length a file must be cut back to when it is next opened: a failed write could not truncate it then. */
    private final Map<Path, Repair> repairs = new HashMap<>();
    private long uncommittedBytes;
    // a commit is queued on the commit thread and has not taken its lines yet
    private boolean commitQueued;

    /** A file (by its identity, not its name: it may have been replaced since) to cut back to {@code length}. */
    private record Repair(Object fileKey, long length) {
    }

    private static final class OpenFile {
        private final Path path;
        private final FileChannel channel;
        private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES);
        private final List<Consumer<Throwable>> pending = new ArrayList<>();
        private long committed;
        // commits forcing this file now: it must stay open until they end
        private int forcing;

        private OpenFile(Path path, FileChannel channel, long committed) {
            this.path = path;
            this.channel = channel;
            this.committed = committed;
        }

        private void append(byte[] json) throws IOException {
            if (buffer.remaining() < json.length + 1) {
                writeBuffer();
            }
            if (buffer.remaining() < json.length + 1) {
                writeFully(ByteBuffer.allocate(json.length + 1).put(json).put((byte) '\n').flip());
            } else {
                buffer.put(json).put((byte) '\n');
            }
        }

        private void writeBuffer() throws IOException {
            buffer.flip();
            try {
                writeFully(buffer);
            } finally {
                buffer.clear();
            }
        }

        private void writeFully(ByteBuffer bytes) throws IOException {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        }
    }

    public JsonLinesWriter(Path directory) {
        this.directory = directory;
    }

    /**
     * Buffers one line; {@code written} hears, on the committing thread, null once the line is on disk or the failure
     * that lost it.
     *
     * @param sink the sink name, a directory under the root
     * @param day the file's day, {@code yyyy-MM-dd}
     * @param json one JSON document without line breaks
     * @throws IllegalArgumentException for a sink name, day or line this writer refuses (never retried)
     */
    public void append(String sink, String day, byte[] json, Consumer<Throwable> written) {
        checkName(sink);
        if (!checkedDays.contains(day)) {
            if (!DAY.matcher(day).matches()) {
                throw new IllegalArgumentException("file sink day '" + day + "' is not yyyy-MM-dd");
            }
            checkedDays.add(day);
        }
        for (byte b : json) {
            if (b == '\n' || b == '\r') {
                throw new IllegalArgumentException("a JSON Lines record must not contain a line break");
            }
        }
        List<Consumer<Throwable>> failed = List.of();
        IOException failure = null;
        boolean queueCommit = false;
        synchronized (this) {
            OpenFile file;
            try {
                file = fileFor(sink, day);
            } catch (IOException e) {
                failed = List.of(written);
                failure = e;
                file = null;
            }
            if (file != null) {
                file.pending.add(written);
                try {
                    file.append(json);
                    uncommittedBytes += json.length + 1;
                    queueCommit = !commitQueued;
                    commitQueued = true;
                } catch (IOException e) {
                    failed = abandon(sink + '/' + day, file);
                    failure = e;
                }
            }
        }
        tell(failed, failure);
        if (queueCommit) {
            queueCommit();
        }
        awaitRoom();
    }

    /**
     * While a disk slower than the appenders lets {@link #COMMIT_BYTES} of lines pile up, waits for the next commit;
     * never on the commit thread itself, where a callback's route may append again.
     */
    private synchronized void awaitRoom() {
        while (uncommittedBytes >= COMMIT_BYTES && commitQueued && Thread.currentThread() != commitThread) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Refuses a sink name that is no plain directory name ({@code .}, {@code ..}, slashes, spaces...). */
    void checkName(String sink) {
        if (!checkedNames.contains(sink)) {
            if (!SAFE_NAME.matcher(sink).matches()) {
                throw new IllegalArgumentException("file sink name '" + sink
                        + "' may hold only letters, digits, '.', '_' and '-', and must not start with '.'");
            }
            checkedNames.add(sink);
        }
    }

    /** Runs {@link #commit()} on the commit thread; each line's callback hears the outcome there. */
    private void queueCommit() {
        try {
            committer.execute(() -> {
                try {
                    commit();
                } catch (RuntimeException e) {
                    LOG.error("file commit in {} failed", directory, e);
                }
            });
        } catch (RejectedExecutionException closing) {
            commit();
        }
    }

    /**
     * Writes every buffered line and forces it to disk, then tells each line's callback: null, or for the lines of a
     * file that failed, the failure (that file is truncated to its last committed length and opened anew next time).
     * Appends go on while a file is forced; only writing the buffers holds them up.
     */
    public void commit() {
        List<Outcome> outcomes = new ArrayList<>();
        List<Batch> batches = new ArrayList<>();
        synchronized (this) {
            uncommittedBytes = 0;
            commitQueued = false;
            notifyAll();
            for (Map.Entry<String, OpenFile> entry : new ArrayList<>(open.entrySet())) {
                OpenFile file = entry.getValue();
                if (file.pending.isEmpty() && file.buffer.position() == 0) {
                    continue;
                }
                try {
                    file.writeBuffer();
                    batches.add(new Batch(entry.getKey(), file, file.channel.position(), new ArrayList<>(file.pending)));
                    file.pending.clear();
                    file.forcing++;
                } catch (IOException e) {
                    outcomes.add(new Outcome(abandon(entry.getKey(), file), e));
                }
            }
        }
        for (Batch batch : batches) {
            IOException failure = null;
            try {
                batch.file().channel.force(false);
            } catch (IOException e) {
                failure = e;
            }
            List<Consumer<Throwable>> callbacks = batch.callbacks();
            synchronized (this) {
                batch.file().forcing--;
                if (failure == null) {
                    batch.file().committed = Math.max(batch.file().committed, batch.length());
                } else if (open.get(batch.name()) == batch.file()) {
                    // the lines appended since are cut off with the batch's
                    callbacks.addAll(abandon(batch.name(), batch.file()));
                }
            }
            outcomes.add(new Outcome(callbacks, failure));
        }
        outcomes.forEach(outcome -> tell(outcome.callbacks(), outcome.failure()));
    }

    /** The lines of a file written by one commit, up to {@code length}, waiting for the force. */
    private record Batch(String name, OpenFile file, long length, List<Consumer<Throwable>> callbacks) {
    }

    /** What a commit tells a file's lines: null when they are on disk. */
    private record Outcome(List<Consumer<Throwable>> callbacks, IOException failure) {
    }

    private static void tell(List<Consumer<Throwable>> callbacks, IOException failure) {
        if (callbacks.isEmpty()) {
            return;
        }
        Throwable outcome = failure == null ? null : new UncheckedIOException(failure.getMessage(), failure);
        callbacks.forEach(callback -> callback.accept(outcome));
    }

    /** Cuts a file whose write failed back to its committed length, closes it, and returns the lines it lost. */
    private List<Consumer<Throwable>> abandon(String name, OpenFile file) {
        open.remove(name);
        List<Consumer<Throwable>> lost = new ArrayList<>(file.pending);
        file.pending.clear();
        try (FileChannel channel = file.channel) {
            channel.truncate(file.committed);
            channel.force(false);
        } catch (IOException e) {
            repairs.put(file.path, new Repair(fileKey(file.path), file.committed));
        }
        return lost;
    }

    /** Where the lines of {@code sink} for {@code day} go. */
    Path file(String sink, String day) {
        return directory.resolve(sink).resolve(day + ".jsonl");
    }

    private OpenFile fileFor(String sink, String day) throws IOException {
        String name = sink + '/' + day;
        OpenFile current = open.get(name);
        if (current != null) {
            return current;
        }
        Path path = file(sink, day);
        // not APPEND: a failed write is cut back by truncating, and the next line is written where the last whole one ends
        FileChannel channel = DurableFiles.open(path, StandardOpenOption.WRITE, StandardOpenOption.READ);
        OpenFile opened;
        try {
            Repair repair = repairs.remove(path);
            if (repair != null && Objects.equals(repair.fileKey(), fileKey(path)) && channel.size() > repair.length()) {
                channel.truncate(repair.length());
            }
            opened = new OpenFile(path, channel, lastWholeLine(channel));
            channel.position(opened.committed);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        open.put(name, opened);
        if (open.size() > MAX_OPEN_FILES) {
            Map.Entry<String, OpenFile> eldest = open.entrySet().iterator().next();
            OpenFile file = eldest.getValue();
            if (file.pending.isEmpty() && file.buffer.position() == 0 && file.forcing == 0) {
                open.remove(eldest.getKey());
                file.channel.close();
            }
        }
        return opened;
    }

    private static Object fileKey(Path path) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class).fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    /** The length of the file up to its last line break, cutting off what a crash left of a last line. */
    private static long lastWholeLine(FileChannel channel) throws IOException {
        long size = channel.size();
        if (size == 0) {
            return 0;
        }
        ByteBuffer tail = ByteBuffer.allocate(4096);
        long end = size;
        while (end > 0) {
            long start = Math.max(0, end - tail.capacity());
            tail.clear().limit((int) (end - start));
            channel.read(tail, start);
            for (int i = tail.position() - 1; i >= 0; i--) {
                if (tail.get(i) == '\n') {
                    long whole = start + i + 1;
                    if (whole < size) {
                        channel.truncate(whole);
                    }
                    return whole;
                }
            }
            end = start;
        }
        channel.truncate(0);
        return 0;
    }

    /** Ends the commits under way, commits what is buffered and closes every file. */
    @Override
    public void close() {
        committer.shutdown();
        try {
            if (!committer.awaitTermination(1, TimeUnit.MINUTES)) {
                LOG.warn("file commits in {} still forcing after a minute; closing the files", directory);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        commit();
        synchronized (this) {
            for (OpenFile file : open.values()) {
                try {
                    file.channel.close();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot close " + file.path, e);
                }
            }
            open.clear();
        }
    }
}
