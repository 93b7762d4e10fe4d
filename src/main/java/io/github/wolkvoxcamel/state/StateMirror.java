package io.github.wolkvoxcamel.state;

import java.util.Map;

/**
 * A second home for small state values (watermarks, the day's call count) that every replica can read: the state a
 * new leader resumes from. Keys carry their {@link StateScope}, so deployments sharing the home never mix.
 */
public interface StateMirror {

    /** The latest value of every key. */
    Map<String, String> readAll();

    /**
     * Writes without waiting: for values the next leader reads (a call count) that must not hold up this process
     * while the mirror is unreachable; a failure is logged, and the next write of the key supersedes it.
     */
    void writeSoon(String key, String value);
}
