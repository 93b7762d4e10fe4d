package io.github.wolkvoxcamel.wolkvox;

import io.github.wolkvoxcamel.backfill.Backfill;
import io.github.wolkvoxcamel.time.Window;

import java.time.Duration;

/**
 * A report's poll in progress, which its consumer hands to each step of {@link ReportPoller}: the report, its windows,
 * and the window at hand with its request, answer and passes over its records. Set and read by one poll at a time.
 */
public final class Tick {

    final String routeId;
    ReportSpec spec;
    RecordKeys keys;
    /** The backfill this poll is part of, or null for a live poll. */
    Backfill backfill;
    WindowQueue windows;
    String stateKey;
    /** Whose state the watermark is ({@code StateScope}): the server and the token. */
    String stateScope;
    boolean repull;

    Window window;
    /** The window attempt, {@code <route id>#<n>}: what owns its Kafka transaction in exactly-once mode. */
    String windowOwner;
    /** The window's call: its request and when it left (what Wolkvox's {@code Date} header is compared with). */
    WindowCall call;
    long startedNanos;
    AnswerSpool spool;
    Envelope envelope;
    TolerantReader tolerant;
    String outcome;
    /** A lookup's answer digest, remembered once its window is delivered; null for other reports. */
    String listDigest;

    /** The window's current pass over its records, how many passes it made, and whether to make another. */
    WindowRecords records;
    int passes;
    boolean passAgain;
    /** How long to wait before going on: a back-off after a failure that is tried again. */
    Duration pause = Duration.ZERO;

    Tick(String routeId) {
        this.routeId = routeId;
    }

    /** Takes the next window, owned by {@code owner}; nothing of the previous one's call stays. */
    void begin(Window next, String owner) {
        discardAnswer();
        call = null;
        window = next;
        windowOwner = owner;
        startedNanos = System.nanoTime();
        envelope = null;
        listDigest = null;
        tolerant = null;
        records = null;
        passes = 0;
        passAgain = false;
    }

    /** How long the window at hand has taken so far; zero before the first. */
    long elapsedNanos() {
        return window == null ? 0 : System.nanoTime() - startedNanos;
    }

    /**
     * Closes the window's pass over its answer and deletes the answer: a long backfill keeps two on disk at most, this
     * window's and the next one's, called ahead.
     */
    void discardAnswer() {
        // a pass a failure ended before it was closed still reads from it
        if (records != null) {
            records.close();
        }
        AnswerSpool answer = spool;
        spool = null;
        if (answer != null) {
            answer.close();
        }
    }
}
