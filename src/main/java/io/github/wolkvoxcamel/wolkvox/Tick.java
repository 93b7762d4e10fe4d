package io.github.wolkvoxcamel.wolkvox;

import io.github.wolkvoxcamel.time.Window;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * What a report route's tick carries from step to step (see {@link ReportPoller}): the report, its windows, and the
 * window at hand with its request, answer and passes over its records. Set and read by one tick at a time.
 */
final class Tick {

    ReportSpec spec;
    WindowQueue windows;
    String stateKey;
    /** Whose state the watermark is ({@code StateScope}): the server and the token. */
    String stateScope;
    boolean repull;

    Window window;
    /** The window attempt, {@code <route id>#<n>}: what owns its Kafka transaction in exactly-once mode. */
    String windowOwner;
    String tokenAlias;
    Map<String, String> requestParams;
    Long startedNanos;
    /** When the call left, by the host's clock: what Wolkvox's {@code Date} header is compared with. */
    Instant requestedAt;
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
}
