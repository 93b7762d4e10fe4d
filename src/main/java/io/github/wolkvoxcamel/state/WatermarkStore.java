package io.github.wolkvoxcamel.state;

import io.github.wolkvoxcamel.time.WolkvoxTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * The end of the last fully delivered window per report instance, and when its last re-pull got through, one small
 * file each in its scope's directory of the state directory ({@code <STATE_DIR>/<StateScope.directory>/<key>.watermark}),
 * so a state directory used for one Wolkvox server or token never moves the start of another's. Written to a temporary
 * file, forced to disk and renamed over the old one, so a crash leaves either the old or the new watermark, never a
 * torn file. With a {@link StateMirror} (the compacted Kafka topic {@link WindowCommit} writes
 * it to, keyed {@code <scope>/<key>}) a read takes the later of the file and the mirror, so a replica that becomes
 * leader (or runs on a fresh disk) resumes where the last leader's delivered windows ended.
 */
public final class WatermarkStore {

    private static final Logger LOG = LoggerFactory.getLogger(WatermarkStore.class);
    /**
     * The kinds of mark, as the suffixes of their mirror keys and files ({@code <key>.repull}); a watermark's mirror key
     * is the state key alone, its file {@code <key>.watermark}.
     */
    private static final String WATERMARK = "";
    private static final String REPULL = ".repull";
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
        return read(scope, key, WATERMARK);
    }

    /** When the report's last re-pull got through, or null before its first (kept like its watermark). */
    public LocalDateTime lastRepull(String scope, String key) {
        return read(scope, key, REPULL);
    }

    /** Remembers a re-pull that got through, in its file and the mirror: a restart or a new leader does not forget it. */
    public synchronized void repulled(String scope, String key, LocalDateTime at) {
        write(scope, key, REPULL, at);
        if (mirror != null) {
            mirror.writeSoon(scope + "/" + key + REPULL, WolkvoxTime.formatRequest(at));
        }
    }

    /** The later of the file and the mirror. */
    private LocalDateTime read(String scope, String key, String suffix) {
        String name = scope + "/" + key + suffix;
        LocalDateTime cached = cache.get(name);
        if (cached != null) {
            return cached;
        }
        LocalDateTime fromFile = readFile(file(scope, key, suffix), suffix.equals(WATERMARK) ? key : null);
        String fromMirror = mirrored.get(name);
        LocalDateTime mirrorMark = fromMirror == null ? null : WolkvoxTime.parseRequest(fromMirror);
        LocalDateTime mark = fromFile == null || mirrorMark != null && mirrorMark.isAfter(fromFile) ? mirrorMark : fromFile;
        if (mark != null) {
            cache.put(name, mark);
        }
        return mark;
    }

    /** @param unscopedKey a watermark's key, whose file of before state was kept per scope is adopted; else null */
    private static LocalDateTime readFile(Path file, String unscopedKey) {
        if (!Files.exists(file) && (unscopedKey == null || !adoptUnscoped(unscopedKey, file))) {
            return null;
        }
        try {
            return WolkvoxTime.parseRequest(Files.readString(file, StandardCharsets.UTF_8).trim());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (RuntimeException e) {
            throw new IllegalStateException("state file " + file + " is damaged; fix or delete it to re-read from the"
                    + " initial start", e);
        }
    }

    /** Whether {@code end} is later than the watermark (a re-pull reaches behind it and leaves it where it is). */
    public boolean moves(String scope, String key, LocalDateTime end) {
        LocalDateTime current = get(scope, key);
        return current == null || end.isAfter(current);
    }

    /**
     * A watermark file of a version that kept one per route whatever the server is adopted by the first scope asking
     * for it (an upgrade goes on where it stood), and said so: a state directory that served another server before
     * the upgrade must have it deleted.
     */
    private static boolean adoptUnscoped(String key, Path file) {
        Path unscoped = file.getParent().getParent().resolve(key + ".watermark");
        try {
            if (!DurableFiles.adopt(unscoped, file)) {
                return false;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move watermark " + unscoped + " to " + file, e);
        }
        LOG.warn("Watermark {} was kept before state was kept per Wolkvox server and token: it is now {}; if this state "
                + "directory served another server or token before, stop, delete it and start again", unscoped, file);
        return true;
    }

    /** Writes the watermark to its file; the state topic gets it from {@link WindowCommit} first. */
    public synchronized void put(String scope, String key, LocalDateTime watermark) {
        write(scope, key, WATERMARK, watermark);
    }

    private void write(String scope, String key, String suffix, LocalDateTime mark) {
        Path file = file(scope, key, suffix);
        try {
            DurableFiles.replace(file, WolkvoxTime.formatRequest(mark) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        cache.put(scope + "/" + key + suffix, mark);
    }

    public Path directory() {
        return directory;
    }

    /** The file of a watermark: {@code <directory>/<scope's directory>/<key>.watermark}. */
    public Path file(String scope, String key) {
        return file(scope, key, WATERMARK);
    }

    private Path file(String scope, String key, String suffix) {
        if (!SAFE_NAME.matcher(key).matches()) {
            throw new IllegalArgumentException("state key '" + key + "' may hold only letters, digits, '.', '_' and '-'");
        }
        return directory.resolve(StateScope.directory(scope)).resolve(key + (suffix.equals(WATERMARK) ? ".watermark" : suffix));
    }
}
