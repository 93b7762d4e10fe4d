package io.github.wolkvoxcamel.wolkvox;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The windows of one tick, consumed in order by the route's window split. A window whose answer came back full is
 * replaced at the front by its two halves, so the split fetches those next and the watermark still moves forward
 * without a gap.
 */
public final class WindowQueue implements Iterator<Window> {

    private final Deque<Window> pending;
    private final Map<Window, Integer> failures = new HashMap<>();
    private int total;

    public WindowQueue(Collection<Window> windows) {
        this.pending = new ArrayDeque<>(windows);
        this.total = windows.size();
    }

    @Override
    public synchronized boolean hasNext() {
        return !pending.isEmpty();
    }

    @Override
    public synchronized Window next() {
        if (pending.isEmpty()) {
            throw new NoSuchElementException();
        }
        return pending.pollFirst();
    }

    /** Puts the halves of {@code window} next in line. */
    public synchronized void splitNext(Window window) {
        Window[] halves = window.halves();
        pending.addFirst(halves[1]);
        pending.addFirst(halves[0]);
        total += 2;
    }

    /** Counts a failure of {@code window} and returns how many it has had in this tick. */
    public synchronized int failed(Window window) {
        return failures.merge(window, 1, Integer::sum);
    }

    /** Puts {@code window} first in line again, to be tried once more. */
    public synchronized void retryNext(Window window) {
        pending.addFirst(window);
    }

    /** Ends the tick: the remaining windows wait for the next one. */
    public synchronized void clear() {
        pending.clear();
    }

    /** Windows this tick has had so far, split halves included. */
    public synchronized int total() {
        return total;
    }

    public synchronized int remaining() {
        return pending.size();
    }
}
