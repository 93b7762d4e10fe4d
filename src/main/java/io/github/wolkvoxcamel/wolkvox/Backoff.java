package io.github.wolkvoxcamel.wolkvox;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How long to wait before trying a failed window again: exponential from {@code base}, capped at {@code max}, with
 * jitter (a random half to whole of the step), so reports that failed together do not all retry together.
 */
public final class Backoff {

    private final int maxAttempts;
    private final Duration base;
    private final Duration max;
    private final RandomGenerator random;

    /** @param maxAttempts calls per window in one tick, the first included */
    public Backoff(int maxAttempts, Duration base, Duration max, RandomGenerator random) {
        if (maxAttempts < 1 || base.isNegative() || max.compareTo(base) < 0) {
            throw new IllegalArgumentException("retries need at least 1 attempt and 0 <= base delay <= max delay");
        }
        this.maxAttempts = maxAttempts;
        this.base = base;
        this.max = max;
        this.random = random;
    }

    /** Whether a window that has failed {@code attempts} times may be tried again in this tick. */
    public boolean mayRetry(int attempts) {
        return attempts < maxAttempts;
    }

    /** The wait before attempt {@code attempts + 1}, after {@code attempts} failures. */
    public Duration delay(int attempts) {
        long step = base.toMillis() << Math.min(attempts - 1, 20);
        long capped = Math.min(step, max.toMillis());
        return Duration.ofMillis(capped / 2 + (long) (random.nextDouble() * (capped / 2.0)));
    }

    public int maxAttempts() {
        return maxAttempts;
    }
}
