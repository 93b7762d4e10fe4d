package io.github.wolkvoxcamel.wolkvox;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * Caps the Wolkvox calls in flight per token. Camel's ConcurrentRequests throttle lets extra exchanges in when one
 * lasts over 10 s (CAMEL-24926) and holds its permit until the whole exchange completes; this holds a permit exactly
 * around the HTTP call, however long it takes. Fair, so reports sharing a token take turns.
 */
public final class TokenPermits {

    /** Wolkvox's newer documentation allows two calls per token at once; the older says one. */
    public static final int API_MAX_PER_TOKEN = 2;

    private final int permitsPerToken;
    private final Map<String, Semaphore> permits = new ConcurrentHashMap<>();

    public TokenPermits(int permitsPerToken) {
        if (permitsPerToken < 1 || permitsPerToken > API_MAX_PER_TOKEN) {
            throw new IllegalArgumentException("calls in flight per token must be 1 or 2, got " + permitsPerToken);
        }
        this.permitsPerToken = permitsPerToken;
    }

    /** Blocks until the token (named by its alias) has a free slot. */
    public void acquire(String tokenAlias) throws InterruptedException {
        semaphore(tokenAlias).acquire();
    }

    public void release(String tokenAlias) {
        semaphore(tokenAlias).release();
    }

    public int inFlight(String tokenAlias) {
        return permitsPerToken - semaphore(tokenAlias).availablePermits();
    }

    public int permitsPerToken() {
        return permitsPerToken;
    }

    private Semaphore semaphore(String tokenAlias) {
        return permits.computeIfAbsent(tokenAlias, alias -> new Semaphore(permitsPerToken, true));
    }
}
