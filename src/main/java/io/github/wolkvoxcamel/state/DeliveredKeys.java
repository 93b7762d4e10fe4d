package io.github.wolkvoxcamel.state;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Keys of delivered records: a bounded set in memory (the newest
 * {@code capacity} keys) backed by an append-only file in the state directory, so that a window fetched again
 * after a restart (overlap, re-pull, a crash) does not deliver its records twice.
 * <p>
 * Keys have the form {@code <scope>|<record key>}, the scope being the report route. A key reaches the file only when
 * {@link #flush(String)} is called for its scope, which the poller does once the key's window is done: a crash
 * can lose the keys of the window in flight (its records may then be delivered twice), never mark an undelivered
 * record as delivered.
 */
public final class DeliveredKeys {

    static final String FILE_NAME = "delivered-keys.log";

    private final Path file;
    private final int capacity;
    private final LinkedHashSet<String> keys = new LinkedHashSet<>();
    private final Map<String, List<String>> unflushed = new HashMap<>();
    private long linesInFile;

    /** Reads the keys already on disk. */
    public DeliveredKeys(Path stateDirectory, int capacity) {
        if (capacity < 1000) {
            throw new IllegalArgumentException("wolkvox.dedup-capacity must be at least 1000, got " + capacity);
        }
        this.file = stateDirectory.resolve(FILE_NAME);
        this.capacity = capacity;
        if (Files.exists(file)) {
            try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
                lines.forEach(line -> {
                    linesInFile++;
                    if (!line.isEmpty()) {
                        remember(line);
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read delivered keys from " + file, e);
            }
        }
    }

    /** Remembers a delivered record's key; false if it was known. */
    public synchronized boolean add(String key) {
        if (keys.contains(key)) {
            return false;
        }
        remember(key);
        unflushed.computeIfAbsent(scope(key), s -> new ArrayList<>()).add(key);
        return true;
    }

    public synchronized boolean contains(String key) {
        return keys.contains(key);
    }

    /** Writes the keys of {@code scope} added since its last flush to disk; call after their window is delivered. */
    public synchronized void flush(String scope) {
        List<String> pending = unflushed.remove(scope);
        if (pending == null || pending.isEmpty()) {
            return;
        }
        try {
            Files.createDirectories(file.getParent());
            try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND)) {
                for (String key : pending) {
                    out.write(key);
                    out.write('\n');
                }
            }
            linesInFile += pending.size();
            if (linesInFile > 2L * capacity) {
                compact();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write delivered keys to " + file, e);
        }
    }

    public synchronized int size() {
        return keys.size();
    }

    private void remember(String key) {
        keys.remove(key);
        keys.add(key);
        if (keys.size() > capacity) {
            var eldest = keys.iterator();
            eldest.next();
            eldest.remove();
        }
    }

    /** Rewrites the file with only the keys still remembered, so it does not grow without bound. */
    private void compact() throws IOException {
        Path temporary = file.resolveSibling(FILE_NAME + ".tmp");
        List<String> flushed = new ArrayList<>(keys);
        unflushed.values().forEach(flushed::removeAll);
        try (BufferedWriter out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
            for (String key : flushed) {
                out.write(key);
                out.write('\n');
            }
        }
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        linesInFile = flushed.size();
    }

    private static String scope(String key) {
        int separator = key.indexOf('|');
        return separator < 0 ? "" : key.substring(0, separator);
    }
}
