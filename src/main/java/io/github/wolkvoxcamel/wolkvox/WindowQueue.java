package io.github.wolkvoxcamel.wolkvox;

import io.github.wolkvoxcamel.time.Window;

import java.time.Duration;
import java.time.LocalDateTime;
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

    /** The next window, left in line. */
    public synchronized Window peek() {
        if (pending.isEmpty()) {
            throw new NoSuchElementException();
        }
        return pending.peekFirst();
    }

    /** Puts the halves of {@code window} next in line. */
    public synchronized void splitNext(Window window) {
        putNext(window.halves());
    }

    /** Puts {@code window} cut at {@code secondStart} next in line. */
    public synchronized void splitNext(Window window, LocalDateTime secondStart) {
        putNext(window.splitAt(secondStart));
    }

    private void putNext(Window[] parts) {
        pending.addFirst(parts[1]);
        pending.addFirst(parts[0]);
        total += 2;
    }

    /**
     * Cuts the windows still to come again into chunks of {@code span}, when they run on without a gap: once the
     * records per second are known, each call can be sized to fill most of an answer.
     */
    public synchronized void rechunk(Duration span) {
        if (pending.isEmpty()) {
            return;
        }
        Window previous = null;
        for (Window window : pending) {
            if (previous != null && !window.start().equals(previous.nextStart())) {
                return;
            }
            previous = window;
        }
        LocalDateTime from = pending.peekFirst().start();
        LocalDateTime until = pending.peekLast().end();
        int before = pending.size();
        pending.clear();
        while (!from.isAfter(until)) {
            LocalDateTime end = from.plus(span).minusSeconds(1);
            Window chunk = new Window(from, end.isAfter(until) ? until : end);
            pending.addLast(chunk);
            from = chunk.nextStart();
        }
        total += pending.size() - before;
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
