package io.github.wolkvoxcamel.state;

import io.github.wolkvoxcamel.wolkvox.WolkvoxTime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The end of the last fully delivered window per report instance, one small file each under the state directory.
 * Written to a temporary file, forced to disk and renamed over the old one, so a crash leaves either the old or the
 * new watermark, never a torn file. An optional mirror (a compacted Kafka topic) gets every write too and answers
 * for keys that have no file, so another instance can resume.
 */
public final class WatermarkStore {

    /** A second home for watermarks. */
    public interface Mirror {
        Map<String, String> readAll();

        void write(String key, String value);
    }

    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9._-]+");

    private final Path directory;
    private final Mirror mirror;
    private final Map<String, String> mirrored;
    private final Map<String, LocalDateTime> cache = new ConcurrentHashMap<>();

    public WatermarkStore(Path directory) {
        this(directory, null);
    }

    /** @param mirror where watermarks are also kept, or null; read once, here */
    public WatermarkStore(Path directory, Mirror mirror) {
        this.directory = directory;
        this.mirror = mirror;
        this.mirrored = mirror == null ? Map.of() : mirror.readAll();
    }

    /** @return the watermark, or null when the report never delivered a window */
    public LocalDateTime get(String key) {
        LocalDateTime cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        Path file = file(key);
        if (!Files.exists(file)) {
            String fromMirror = mirrored.get(key);
            if (fromMirror == null) {
                return null;
            }
            LocalDateTime watermark = WolkvoxTime.parseRequest(fromMirror);
            cache.put(key, watermark);
            return watermark;
        }
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).trim();
            LocalDateTime watermark = WolkvoxTime.parseRequest(text);
            cache.put(key, watermark);
            return watermark;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read watermark " + file, e);
        } catch (RuntimeException e) {
            throw new IllegalStateException("watermark file " + file + " is damaged; fix or delete it to re-read from the"
                    + " initial start", e);
        }
    }

    /** Moves the watermark to {@code end} unless it is already there or later (a re-pull reaches behind it). */
    public synchronized void advance(String key, LocalDateTime end) {
        LocalDateTime current = get(key);
        if (current == null || end.isAfter(current)) {
            put(key, end);
        }
    }

    public synchronized void put(String key, LocalDateTime watermark) {
        Path file = file(key);
        try {
            DurableFiles.replace(file, WolkvoxTime.formatRequest(watermark) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write watermark " + file, e);
        }
        if (mirror != null) {
            mirror.write(key, WolkvoxTime.formatRequest(watermark));
        }
        cache.put(key, watermark);
    }

    public Path directory() {
        return directory;
    }

    private Path file(String key) {
        if (!SAFE_NAME.matcher(key).matches()) {
            throw new IllegalArgumentException("state key '" + key + "' may hold only letters, digits, '.', '_' and '-'");
        }
        return directory.resolve(key + ".watermark");
    }
}
