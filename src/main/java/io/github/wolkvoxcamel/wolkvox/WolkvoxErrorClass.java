package io.github.wolkvoxcamel.wolkvox;

/** What went wrong with a Wolkvox call, and so what the poller does about it. */
public enum WolkvoxErrorClass {
    /** 400: unknown api, missing parameter, range over 31 days. Retrying the same request cannot help. */
    CONFIGURATION(false),
    /** 401, or 403 PLEASE VALIDATE TOKEN: the token is missing, wrong or expired. */
    TOKEN_INVALID(false),
    /** 403 EXCEEDS THE LIMIT OF SIMULTANEOUS REQUESTS PER TOKEN: back off and try again. */
    CONCURRENCY_LIMIT(true),
    /** 403 TOKEN LIMIT EXCEEDED: the token's daily calls are used up until local midnight. */
    QUOTA_EXHAUSTED(false),
    /** 403 with a non-JSON body: the server is in maintenance. */
    MAINTENANCE(true),
    /**
     * 404 without Wolkvox's JSON envelope: a web server's or proxy's page, an API gateway's own JSON. The path is no
     * Wolkvox API (a wrong base URL or group) or something is in the way; never read as "no data". Tried again on the
     * next poll only.
     */
    NOT_FOUND_PAGE(false),
    /**
     * The host clock runs ahead of Wolkvox's (the answer's {@code Date} header): the window reaches past Wolkvox's now
     * and is not delivered; windows are planned on Wolkvox's time from then on, and health asks for the clock's fix.
     */
    CLOCK_AHEAD(false),
    /** 5xx or an unexpected status. */
    SERVER_ERROR(true),
    /** 200 whose body is not a complete Wolkvox envelope: HTML, cut-off JSON, a non-success code. */
    MALFORMED_ANSWER(true),
    /**
     * An answer longer than Wolkvox ever sends (1.1 x {@code wolkvox.answer-size-limit}), cut off there: like a
     * timeout, its window is halved at once; one that cannot be halved is given up like a broken answer.
     */
    ANSWER_TOO_LARGE(true),
    /** No answer within the client timeout. */
    TIMEOUT(true),
    /** Could not connect, or the connection broke. */
    CONNECTION(true),
    /**
     * Exactly-once: the window's Kafka transaction stayed open past {@code WOLKVOX_KAFKA_TRANSACTION_TIMEOUT} and was
     * aborted; like a timeout, a detail window is fetched again in halves, which each take less time to deliver.
     */
    TRANSACTION_TIMEOUT(true),
    /** Not Wolkvox's doing: a sink failed; tried again from the answer already fetched, not by calling Wolkvox again. */
    DELIVERY_FAILED(false);

    private final boolean retryable;

    WolkvoxErrorClass(boolean retryable) {
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}
