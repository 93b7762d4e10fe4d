package io.github.wolkvoxcamel.wolkvox;

import io.github.wolkvoxcamel.time.Window;

import java.time.Instant;
import java.util.Map;

/**
 * One window's call to Wolkvox: its GET (method, address and query as Camel HTTP headers), the token it goes with, the
 * request's parameters (which also key the window's records) and when it left. A call is made when its window begins,
 * or ahead of it, while the window before sends its records ({@link ReportPoller#callAhead}); either way its answer is
 * read when its window's turn comes.
 */
public final class WindowCall {

    private final Window window;
    private final String tokenAlias;
    private final Map<String, String> requestParams;
    private final Map<String, Object> request;
    private volatile long startedNanos;
    private volatile long answeredNanos;
    private volatile Instant requestedAt;

    WindowCall(Window window, String tokenAlias, Map<String, String> requestParams, Map<String, Object> request) {
        this.window = window;
        this.tokenAlias = tokenAlias;
        this.requestParams = requestParams;
        this.request = Map.copyOf(request);
    }

    public Window window() {
        return window;
    }

    /** The canonical alias of the token the call is made with. */
    String tokenAlias() {
        return tokenAlias;
    }

    /** The request's parameters, and the key parts derived from them ({@code @polled_at}, {@code @list_version}). */
    Map<String, String> requestParams() {
        return requestParams;
    }

    /** The GET's Camel HTTP headers: method, address and query; the token is put on last, by {@link ReportPoller#authorize}. */
    public Map<String, Object> request() {
        return request;
    }

    void started() {
        startedNanos = System.nanoTime();
    }

    void left(Instant at) {
        requestedAt = at;
    }

    void answered() {
        answeredNanos = System.nanoTime();
    }

    /** When the call left, by the host's clock; null before. */
    Instant requestedAt() {
        return requestedAt;
    }

    /** How long the call took, its wait for the token's slot and the answer's reading included. */
    long durationNanos() {
        long end = answeredNanos == 0 ? System.nanoTime() : answeredNanos;
        return startedNanos == 0 ? 0 : end - startedNanos;
    }
}
