package io.github.wolkvoxcamel.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Wolkvox calls per token alias per (Bogota) day, kept in the state directory (in the directory of the token's
 * {@link StateScope}: another server's calls never count against this one's) so a restart does not forget them, and
 * stopped before the daily limit with some headroom left for people using the same token by hand. With a
 * {@link StateMirror}, every count is written there too (key {@code <scope>/calls}) and a read takes the higher count
 * of the day, so a replica that becomes leader goes on counting where the last leader stopped.
 */
public final class CallBudget {

    /** A day's calls, and how many of them were retries of failed calls. */
    private record Day(LocalDate date, int calls, int retries) {
    }

    private final Path directory;
    private final int limit;
    private final int headroom;
    private final StateMirror mirror;
    private final Function<String, String> scopeOf;
    private final Map<String, Day> days = new ConcurrentHashMap<>();
    private Map<String, String> mirrored = Map.of();

    /**
     * @param limit calls a token may make a day (licenses x 1000); @param headroom calls left unused for manual use
     * @param mirror where counts are also kept, or null; @param scopeOf the {@link StateScope} of a token alias
     */
    public CallBudget(Path directory, int limit, int headroom, StateMirror mirror, Function<String, String> scopeOf) {
        if (limit < 1 || headroom < 0 || headroom >= limit) {
            throw new IllegalArgumentException("WOLKVOX_DAILY_CALL_LIMIT must be at least 1 and above the headroom ("
                    + headroom + "), got " + limit);
        }
        this.directory = directory;
        this.limit = limit;
        this.headroom = headroom;
        this.mirror = mirror;
        this.scopeOf = scopeOf;
        reload();
    }

    /** Forgets the counts it read and reads the mirror again (this replica just became the leader). */
    public void reload() {
        // read outside the lock: calls of other tokens go on meanwhile
        Map<String, String> read = mirror == null ? Map.of() : mirror.readAll();
        synchronized (this) {
            mirrored = read;
            days.clear();
        }
    }

    /** Counts a call if the budget allows it. @return false when today's budget is used */
    public synchronized boolean tryUse(String alias, LocalDate today) {
        Day day = day(alias, today);
        if (day.calls() >= budget()) {
            return false;
        }
        keep(alias, new Day(today, day.calls() + 1, day.retries()));
        return true;
    }

    /** Counts a retry of a failed call (the call itself is counted by {@link #tryUse}). */
    public synchronized void retried(String alias, LocalDate today) {
        Day day = day(alias, today);
        keep(alias, new Day(today, day.calls(), day.retries() + 1));
    }

    public synchronized int retries(String alias, LocalDate today) {
        return day(alias, today).retries();
    }

    private void keep(String alias, Day day) {
        days.put(alias, day);
        write(alias, day);
        if (mirror != null) {
            mirror.writeSoon(mirrorKey(alias), text(day));
        }
    }

    public synchronized int used(String alias, LocalDate today) {
        return day(alias, today).calls();
    }

    /** Calls a token may make a day by this budget: the limit less the headroom. */
    public int budget() {
        return limit - headroom;
    }

    public int limit() {
        return limit;
    }

    public int headroom() {
        return headroom;
    }

    private Day day(String alias, LocalDate today) {
        Day day = days.computeIfAbsent(alias, this::read);
        return day.date().equals(today) ? day : new Day(today, 0, 0);
    }

    /** The later day of the file and the mirror, or the higher count of the same day. */
    private Day read(String alias) {
        Path file = file(alias);
        Day fromFile = new Day(LocalDate.MIN, 0, 0);
        try {
            // kept per alias alone before: the upgrade goes on counting (at worst a count of another server's calls)
            DurableFiles.adopt(directory.resolve("calls-" + alias.replaceAll("[^A-Za-z0-9._-]", "_") + ".count"), file);
            if (Files.exists(file)) {
                fromFile = parse(Files.readString(file, StandardCharsets.UTF_8));
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("call count file " + file + " is damaged; delete it to start counting anew", e);
        }
        String fromMirror = mirrored.get(mirrorKey(alias));
        if (fromMirror == null) {
            return fromFile;
        }
        Day mirrorDay = parse(fromMirror);
        int order = mirrorDay.date().compareTo(fromFile.date());
        return order > 0 || order == 0 && mirrorDay.calls() > fromFile.calls() ? mirrorDay : fromFile;
    }

    /** {@code <day> <calls> <retries>}; counts written before retries were counted have none. */
    private static Day parse(String text) {
        String[] parts = text.trim().split(" ");
        return new Day(LocalDate.parse(parts[0]), Integer.parseInt(parts[1]), parts.length > 2 ? Integer.parseInt(parts[2]) : 0);
    }

    private static String text(Day day) {
        return day.date() + " " + day.calls() + " " + day.retries();
    }

    private String mirrorKey(String alias) {
        return scopeOf.apply(alias) + "/calls";
    }

    private void write(String alias, Day day) {
        Path file = file(alias);
        try {
            DurableFiles.replace(file, text(day) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write call count " + file, e);
        }
    }

    /** {@code <directory>/<scope's directory>/calls.count}: the count of one server's token. */
    private Path file(String alias) {
        return directory.resolve(StateScope.directory(scopeOf.apply(alias))).resolve("calls.count");
    }
}
