package io.github.wolkvoxcamel.wolkvox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The time windows are planned on: the host's clock, held back to Wolkvox's when the {@code Date} header of its
 * answers shows the host running ahead (a restored VM, a bad NTP source). A window planned up to a host's future time
 * would move the watermark past rows Wolkvox has not dated yet, and they would never be asked for again.
 */
public final class WolkvoxClock extends Clock {

    /** Ahead by less than this is the answer's way over the network and the header's whole seconds. */
    static final Duration TOLERANCE = Duration.ofSeconds(5);

    private final Clock host;
    private volatile Duration ahead = Duration.ZERO;

    public WolkvoxClock(Clock host) {
        this.host = host;
    }

    /**
     * Reads an answer's {@code Date} header (RFC 1123), set by Wolkvox after its request left at {@code requestedAt}
     * by the host's clock ({@link #host()}): the difference is a lower bound of how far the host runs ahead, whatever
     * time Wolkvox took to answer and the answer to arrive.
     *
     * @return how far the host clock runs ahead of Wolkvox's beyond the tolerance, zero when it does not, or null
     *         when the header is missing or unreadable (nothing is learnt)
     */
    public Duration answered(String dateHeader, Instant requestedAt) {
        if (dateHeader == null) {
            return null;
        }
        Instant wolkvox;
        try {
            wolkvox = ZonedDateTime.parse(dateHeader.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException unreadable) {
            return null;
        }
        Duration skew = Duration.between(wolkvox, requestedAt);
        ahead = skew.compareTo(TOLERANCE) > 0 ? skew : Duration.ZERO;
        return ahead;
    }

    /** How far this clock is held back behind the host's: zero unless the host ran ahead of Wolkvox. */
    public Duration ahead() {
        return ahead;
    }

    /** The host's own time, for {@link #answered}. */
    public Instant host() {
        return host.instant();
    }

    /** Wolkvox's wall-clock time in {@code zone}, to the second: what windows are planned on. */
    public LocalDateTime now(ZoneId zone) {
        return LocalDateTime.now(withZone(zone)).withNano(0);
    }

    /** How long is left of the day in {@code zone}: what a token's calls have to last for. */
    public Duration untilMidnight(ZoneId zone) {
        LocalDateTime now = now(zone);
        return Duration.between(now, now.toLocalDate().plusDays(1).atStartOfDay());
    }

    @Override
    public Instant instant() {
        return host.instant().minus(ahead);
    }

    @Override
    public ZoneId getZone() {
        return host.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        WolkvoxClock zoned = new WolkvoxClock(host.withZone(zone));
        zoned.ahead = ahead;
        return zoned;
    }
}
