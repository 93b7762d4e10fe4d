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
 * new watermark, never a torn file. With a {@link StateMirror} (the compacted Kafka topic {@link WindowCommit} writes
 * it to, keyed {@code <scope>/<key>}) a read takes the later of the file and the mirror, so a replica that becomes
 * leader (or runs on a fresh disk) resumes where the last leader's delivered windows ended.
 */
public final class WatermarkStore {

    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9._-]+");

    private final Path directory;
    private final StateMirror mirror;
    private volatile Map<String, String> mirrored;
    private final Map<String, LocalDateTime> cache = new ConcurrentHashMap<>();

    public WatermarkStore(Path directory) {
        this(directory, null);
    }

    /** @param mirror where watermarks are also kept, or null; read here and on {@link #reload()} */
    public WatermarkStore(Path directory, StateMirror mirror) {
        this.directory = directory;
        this.mirror = mirror;
        this.mirrored = mirror == null ? Map.of() : mirror.readAll();
    }

    /**
     * Forgets what it read and reads the mirror again: another replica may have moved watermarks while this one was
     * not the leader.
     */
    public synchronized void reload() {
        if (mirror != null) {
            mirrored = mirror.readAll();
        }
        cache.clear();
    }

    /**
     * @param scope whose watermark ({@link StateScope}); names its key in the mirror
     * @param key the state key, also the file name (the route id, or a backfill's key)
     * @return the watermark, or null when the report never delivered a window
     */
    public LocalDateTime get(String scope, String key) {
        LocalDateTime cached = cache.get(scope + "/" + key);
        if (cached != null) {
            return cached;
        }
        LocalDateTime fromFile = readFile(key);
        String fromMirror = mirrored.get(scope + "/" + key);
        LocalDateTime mirrorMark = fromMirror == null ? null : WolkvoxTime.parseRequest(fromMirror);
        LocalDateTime watermark = fromFile == null || mirrorMark != null && mirrorMark.isAfter(fromFile) ? mirrorMark : fromFile;
        if (watermark != null) {
            cache.put(scope + "/" + key, watermark);
        }
        return watermark;
    }

    private LocalDateTime readFile(String key) {
        Path file = file(key);
        if (!Files.exists(file)) {
            return null;
        }
        try {
            return WolkvoxTime.parseRequest(Files.readString(file, StandardCharsets.UTF_8).trim());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read watermark " + file, e);
        } catch (RuntimeException e) {
            throw new IllegalStateException("watermark file " + file + " is damaged; fix or delete it to re-read from the"
                    + " initial start", e);
        }
    }

    /** Whether {@code end} is later than the watermark (a re-pull reaches behind it and leaves it where it is). */
    public boolean moves(String scope, String key, LocalDateTime end) {
        LocalDateTime current = get(scope, key);
        return current == null || end.isAfter(current);
    }

    /** Writes the watermark to its file; the state topic gets it from {@link WindowCommit} first. */
    public synchronized void put(String scope, String key, LocalDateTime watermark) {
        Path file = file(key);
        try {
            DurableFiles.replace(file, WolkvoxTime.formatRequest(watermark) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write watermark " + file, e);
        }
        cache.put(scope + "/" + key, watermark);
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
