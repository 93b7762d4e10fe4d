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
    private final String dateField;
    private volatile long startedNanos;
    private volatile long answeredNanos;
    private volatile Instant requestedAt;
    private volatile Envelope envelope;
    private volatile WolkvoxAnswerException unusable;

    /** @param dateField the records' date field, noted while the answer is checked; null for none */
    WindowCall(Window window, String tokenAlias, Map<String, String> requestParams, Map<String, Object> request,
               String dateField) {
        this.window = window;
        this.tokenAlias = tokenAlias;
        this.requestParams = requestParams;
        this.request = Map.copyOf(request);
        this.dateField = dateField;
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

    String dateField() {
        return dateField;
    }

    /** The answer checked whole where the call was made ({@link AnswerClassifier}), or why it yields no records. */
    void checked(Envelope checked, WolkvoxAnswerException failure) {
        envelope = checked;
        unusable = failure;
    }

    /** The answer's envelope, once checked; null when it was not, or yields no records ({@link #unusable}). */
    Envelope envelope() {
        return envelope;
    }

    WolkvoxAnswerException unusable() {
        return unusable;
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
