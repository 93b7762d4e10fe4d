package io.github.wolkvoxcamel.wolkvox;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which tokens may be used: one Wolkvox refused is set aside until the application restarts with a new one; one whose
 * daily quota ran out is paused until local midnight. By alias; the tokens themselves are not here.
 */
public final class TokenStates {

    /** ok, invalid (refused by Wolkvox) or paused (quota). */
    public enum State { OK, INVALID, PAUSED }

    private record Entry(State state, Instant until, String reason) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    public void invalid(String alias, String reason) {
        entries.put(alias, new Entry(State.INVALID, Instant.MAX, reason));
    }

    public void pauseUntil(String alias, Instant until, String reason) {
        entries.put(alias, new Entry(State.PAUSED, until, reason));
    }

    public State state(String alias, Instant now) {
        Entry entry = entries.get(alias);
        if (entry == null || entry.state() == State.PAUSED && !now.isBefore(entry.until())) {
            return State.OK;
        }
        return entry.state();
    }

    /** Why the token is not usable, for the log; null when it is. */
    public String reason(String alias, Instant now) {
        Entry entry = entries.get(alias);
        return state(alias, now) == State.OK ? null
                : entry.reason() + (entry.state() == State.PAUSED ? " (paused until " + entry.until() + ")" : "");
    }
}
