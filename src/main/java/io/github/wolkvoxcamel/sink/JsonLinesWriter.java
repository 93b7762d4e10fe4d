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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Appends lines to {@code <directory>/<sink>/<yyyy-MM-dd>.jsonl}. Keeps one open append-only channel per file with a
 * buffer of whole lines: a line reaches the operating system when the buffer fills or on {@link #flush()}, which the
 * poller calls before a window counts as delivered. A buffer is written with one call, so lines never interleave and
 * a crash leaves whole lines (at worst a cut last line when the disk fills).
 */
public final class JsonLinesWriter implements AutoCloseable {

    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Pattern DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final int BUFFER_BYTES = 64 * 1024;

    /** Files kept open at once; a window spanning days or many sinks stays well under this. */
    static final int MAX_OPEN_FILES = 64;

    private final Path directory;
    // names and days already checked: a regular expression per line cost more than writing it
    private final Set<String> checkedNames = ConcurrentHashMap.newKeySet();
    private final Set<String> checkedDays = ConcurrentHashMap.newKeySet();
    private final LinkedHashMap<String, OpenFile> open = new LinkedHashMap<>(16, 0.75f, true);

    private static final class OpenFile {
        private final Path path;
        private final FileChannel channel;
        private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES);

        private OpenFile(Path path, FileChannel channel) {
            this.path = path;
            this.channel = channel;
        }

        /** Caller holds this file's lock. */
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

        /** Caller holds this file's lock. */
        private void writeBuffer() throws IOException {
            buffer.flip();
            writeFully(buffer);
            buffer.clear();
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
     * @param sink the sink name, a directory under the root
     * @param day the file's day, {@code yyyy-MM-dd}
     * @param json one JSON document without line breaks
     */
    public void append(String sink, String day, byte[] json) {
        if (!checkedNames.contains(sink)) {
            if (!SAFE_NAME.matcher(sink).matches()) {
                throw new IllegalArgumentException("file sink name '" + sink + "' may hold only letters, digits, '.', '_' and '-'");
            }
            checkedNames.add(sink);
        }
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
        String name = sink + '/' + day;
        while (true) {
            OpenFile file = fileFor(name, sink, day);
            synchronized (file) {
                if (!file.channel.isOpen()) {
                    continue; // evicted between lookup and lock: open it again
                }
                try {
                    file.append(json);
                    return;
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot append to " + file.path, e);
                }
            }
        }
    }

    private synchronized OpenFile fileFor(String name, String sink, String day) {
        OpenFile current = open.get(name);
        if (current != null) {
            return current;
        }
        Path path = directory.resolve(sink).resolve(day + ".jsonl");
        try {
            Files.createDirectories(path.getParent());
            OpenFile opened = new OpenFile(path, FileChannel.open(path, StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, StandardOpenOption.APPEND));
            open.put(name, opened);
            if (open.size() > MAX_OPEN_FILES) {
                Map.Entry<String, OpenFile> eldest = open.entrySet().iterator().next();
                open.remove(eldest.getKey());
                closeFile(eldest.getValue());
            }
            return opened;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + path, e);
        }
    }

    /** Hands every buffered line to the operating system. */
    public synchronized void flush() {
        for (OpenFile file : open.values()) {
            synchronized (file) {
                try {
                    file.writeBuffer();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot append to " + file.path, e);
                }
            }
        }
    }

    private static void closeFile(OpenFile file) {
        synchronized (file) {
            try (FileChannel channel = file.channel) {
                file.writeBuffer();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file.path, e);
            }
        }
    }

    @Override
    public synchronized void close() {
        open.values().forEach(JsonLinesWriter::closeFile);
        open.clear();
    }
}
