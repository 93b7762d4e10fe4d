package io.github.wolkvoxcamel.sink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Appends lines to {@code <directory>/<sink>/<yyyy-MM-dd>.jsonl}. Keeps one open append-only channel per sink and
 * writes each line with one call, so lines from parallel senders never interleave, and a line is in the operating
 * system's hands (safe from a process crash) when {@link #append} returns.
 */
public final class JsonLinesWriter implements AutoCloseable {

    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Pattern DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    /** Files kept open at once; a window spanning days or many sinks stays well under this. */
    static final int MAX_OPEN_FILES = 64;

    private final Path directory;
    private final LinkedHashMap<Path, OpenFile> open = new LinkedHashMap<>(16, 0.75f, true);

    private static final class OpenFile {
        private final Path path;
        private final FileChannel channel;

        private OpenFile(Path path, FileChannel channel) {
            this.path = path;
            this.channel = channel;
        }
    }

    public JsonLinesWriter(Path directory) {
        this.directory = directory;
    }

    /**
     * @param sink the sink name, a directory under the root
     * @param day the file's day, {@code yyyy-MM-dd}
     * @param json one JSON document without line breaks
     */
    public void append(String sink, String day, byte[] json) {
        if (!SAFE_NAME.matcher(sink).matches()) {
            throw new IllegalArgumentException("file sink name '" + sink + "' may hold only letters, digits, '.', '_' and '-'");
        }
        if (!DAY.matcher(day).matches()) {
            throw new IllegalArgumentException("file sink day '" + day + "' is not yyyy-MM-dd");
        }
        for (byte b : json) {
            if (b == '\n' || b == '\r') {
                throw new IllegalArgumentException("a JSON Lines record must not contain a line break");
            }
        }
        ByteBuffer line = ByteBuffer.allocate(json.length + 1).put(json).put((byte) '\n').flip();
        Path path = directory.resolve(sink).resolve(day + ".jsonl");
        while (true) {
            OpenFile file = fileFor(path);
            synchronized (file) {
                if (!file.channel.isOpen()) {
                    continue; // evicted between lookup and lock: open it again
                }
                try {
                    while (line.hasRemaining()) {
                        file.channel.write(line);
                    }
                    return;
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot append to " + file.path, e);
                }
            }
        }
    }

    private synchronized OpenFile fileFor(Path path) {
        OpenFile current = open.get(path);
        if (current != null) {
            return current;
        }
        try {
            Files.createDirectories(path.getParent());
            OpenFile opened = new OpenFile(path, FileChannel.open(path, StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, StandardOpenOption.APPEND));
            open.put(path, opened);
            if (open.size() > MAX_OPEN_FILES) {
                Map.Entry<Path, OpenFile> eldest = open.entrySet().iterator().next();
                open.remove(eldest.getKey());
                closeFile(eldest.getValue());
            }
            return opened;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + path, e);
        }
    }

    private static void closeFile(OpenFile file) {
        synchronized (file) {
            try {
                file.channel.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close " + file.path, e);
            }
        }
    }

    /** Forces every open file to disk. */
    public synchronized void sync() {
        for (OpenFile file : open.values()) {
            synchronized (file) {
                try {
                    file.channel.force(false);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot sync " + file.path, e);
                }
            }
        }
    }

    @Override
    public synchronized void close() {
        open.values().forEach(JsonLinesWriter::closeFile);
        open.clear();
    }
}
