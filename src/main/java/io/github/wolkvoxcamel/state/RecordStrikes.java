package io.github.wolkvoxcamel.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Records that keep failing at their endpoints while others get through, per report route: each such failure is a
 * strike, and a record with {@code giveUpAfter} strikes is given up (refused, so it becomes a dead letter) and its
 * window moves on. Kept in the route's scope directory ({@code <route>.strikes}), so a restart does not start over.
 * <p>
 * A failure counts as a strike when the pass that saw it also delivered a record (the endpoints work, this record is
 * the trouble), or when the endpoint refused this record itself (a webhook's 422, a constraint; see
 * {@link Failure#refused}) and it was struck before: on later passes and polls its window-mates are duplicates and it
 * is sent alone, and it still reaches the limit in a bounded number of passes. A failure that may be an outage (a
 * 5xx, a timeout, a broken connection) in a pass that delivered nothing strikes nothing: an endpoint that went down
 * half-way through a window holds the watermark, it does not turn the rest of the window into dead letters.
 */
public final class RecordStrikes {

    /** A strike not repeated for this long is forgotten: its record got through, or changed. */
    static final Duration FORGOTTEN_AFTER = Duration.ofDays(1);

    private record Strike(int count, Instant last, String errorClass) {
    }

    /**
     * A record that failed in a pass.
     *
     * @param refused the endpoint refused the record itself, rather than being away
     */
    public record Failure(Fingerprint fingerprint, boolean refused) {
    }

    private final Path directory;
    private final int giveUpAfter;
    // guarded by this: strikes per route, read from their files when a route first asks
    private final Map<String, Map<Fingerprint, Strike>> routes = new HashMap<>();

    /** @param directory the state directory; @param giveUpAfter strikes after which a record is given up */
    public RecordStrikes(Path directory, int giveUpAfter) {
        if (giveUpAfter < 1) {
            throw new IllegalArgumentException("a record is given up after at least one strike, got " + giveUpAfter);
        }
        this.directory = directory;
        this.giveUpAfter = giveUpAfter;
    }

    /** The route's records to give up, with the reason their dead letters give. */
    public synchronized Map<Fingerprint, String> givenUp(String scope, String route, Instant now) {
        Map<Fingerprint, String> givenUp = new HashMap<>();
        strikes(scope, route, now).forEach((fingerprint, strike) -> {
            if (strike.count() >= giveUpAfter) {
                givenUp.put(fingerprint, "failed " + strike.count() + " times at its endpoints while the rest of its "
                        + "window was delivered (" + strike.errorClass() + ")");
            }
        });
        return givenUp;
    }

    /**
     * A pass over a window's records ended.
     *
     * @param delivered records the pass delivered; @param failed those that failed, each once
     * @param errorClass the simple class name of the first failure's error (no record content)
     */
    public synchronized void passEnded(String scope, String route, int delivered, Collection<Failure> failed,
                                       String errorClass, Instant now) {
        Map<Fingerprint, Strike> strikes = strikes(scope, route, now);
        boolean struck = false;
        for (Failure failure : failed) {
            Strike before = strikes.get(failure.fingerprint());
            if (delivered > 0 || failure.refused() && before != null) {
                strikes.put(failure.fingerprint(), new Strike(before == null ? 1 : before.count() + 1, now, errorClass));
                struck = true;
            }
        }
        if (struck) {
            write(scope, route, strikes);
        }
    }

    /** The route's strikes, without those forgotten. */
    private Map<Fingerprint, Strike> strikes(String scope, String route, Instant now) {
        Map<Fingerprint, Strike> strikes = routes.computeIfAbsent(scope + "/" + route, r -> read(file(scope, route)));
        strikes.values().removeIf(strike -> strike.last().plus(FORGOTTEN_AFTER).isBefore(now));
        return strikes;
    }

    private static Map<Fingerprint, Strike> read(Path file) {
        Map<Fingerprint, Strike> strikes = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return strikes;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] field = line.split(" ");
                strikes.put(new Fingerprint(Long.parseUnsignedLong(field[0], 16), Long.parseUnsignedLong(field[1], 16),
                                Long.parseUnsignedLong(field[2], 16), Long.parseLong(field[3])),
                        new Strike(Integer.parseInt(field[4]), Instant.ofEpochSecond(Long.parseLong(field[5])), field[6]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (RuntimeException e) {
            throw new IllegalStateException("strikes file " + file + " is damaged; delete it to count strikes anew", e);
        }
        return strikes;
    }

    private void write(String scope, String route, Map<Fingerprint, Strike> strikes) {
        StringBuilder text = new StringBuilder();
        strikes.forEach((fingerprint, strike) -> text.append(Long.toHexString(fingerprint.high())).append(' ')
                .append(Long.toHexString(fingerprint.low())).append(' ').append(Long.toHexString(fingerprint.keyHash()))
                .append(' ').append(fingerprint.hour()).append(' ').append(strike.count()).append(' ')
                .append(strike.last().getEpochSecond()).append(' ').append(strike.errorClass()).append('\n'));
        Path file = file(scope, route);
        try {
            DurableFiles.replace(file, text.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private Path file(String scope, String route) {
        return directory.resolve(StateScope.directory(scope)).resolve(route + ".strikes");
    }
}
