package io.github.wolkvoxcamel.time;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Objects;

/**
 * A report window, both ends inclusive to the second in Wolkvox wall-clock time, as {@code date_ini}/{@code date_end}
 * mean it. The next window starts one second after {@link #end()}, so consecutive windows neither skip nor repeat a
 * second.
 */
public record Window(LocalDateTime start, LocalDateTime end) {

    public Window {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("window end " + end + " is before its start " + start);
        }
        if (start.getNano() != 0 || end.getNano() != 0) {
            throw new IllegalArgumentException("window ends must be whole seconds: " + start + " .. " + end);
        }
    }

    public String dateIni() {
        return WolkvoxTime.formatRequest(start);
    }

    public String dateEnd() {
        return WolkvoxTime.formatRequest(end);
    }

    /** Number of whole seconds the window covers (a one-second window has span 1 s). */
    public Duration span() {
        return Duration.between(start, end).plusSeconds(1);
    }

    /** The first and second half of the window, meeting without a gap; the window must span at least 2 seconds. */
    public Window[] halves() {
        return splitAt(start.plusSeconds(span().getSeconds() / 2));
    }

    /** The window cut in two where {@code secondStart} begins the second part; both parts must hold a second. */
    public Window[] splitAt(LocalDateTime secondStart) {
        if (!secondStart.isAfter(start) || secondStart.isAfter(end)) {
            throw new IllegalStateException("cannot split " + this + " at " + secondStart);
        }
        return new Window[] {new Window(start, secondStart.minusSeconds(1)), new Window(secondStart, end)};
    }

    public LocalDateTime nextStart() {
        return end.plusSeconds(1);
    }

    @Override
    public String toString() {
        return dateIni() + ".." + dateEnd();
    }
}
