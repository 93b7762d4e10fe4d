package io.github.wolkvoxcamel.wolkvox;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BackoffTest {

    @Test
    void delaysDoubleUpToTheCapWithJitterBelowEachStep() {
        Backoff backoff = new Backoff(6, Duration.ofSeconds(2), Duration.ofSeconds(30), new SplittableRandom(7));
        long[] steps = {2_000, 4_000, 8_000, 16_000, 30_000, 30_000};
        for (int attempt = 1; attempt <= steps.length; attempt++) {
            for (int sample = 0; sample < 100; sample++) {
                long delay = backoff.delay(attempt).toMillis();
                assertTrue(delay >= steps[attempt - 1] / 2 && delay <= steps[attempt - 1],
                        "attempt " + attempt + " waited " + delay + " ms");
            }
        }
    }

    @Test
    void attemptsAreCounted() {
        Backoff backoff = new Backoff(3, Duration.ZERO, Duration.ZERO, new SplittableRandom(1));
        assertTrue(backoff.mayRetry(1));
        assertTrue(backoff.mayRetry(2));
        assertFalse(backoff.mayRetry(3));
        assertEquals(Duration.ZERO, backoff.delay(2));
    }

    @Test
    void aPausedTokenComesBackAtItsTimeAndARefusedOneDoesNot() {
        TokenStates states = new TokenStates();
        Instant midnight = Instant.parse("2026-11-22T05:00:00Z");
        states.pauseUntil("default", midnight, "TOKEN LIMIT EXCEEDED");
        assertEquals(TokenStates.State.PAUSED, states.state("default", midnight.minusSeconds(1)));
        assertTrue(states.reason("default", midnight.minusSeconds(1)).contains("paused until 2026-11-22T05:00:00Z"));
        assertEquals(TokenStates.State.OK, states.state("default", midnight));
        assertNull(states.reason("default", midnight));
        states.invalid("backup", "PLEASE VALIDATE TOKEN");
        assertEquals(TokenStates.State.INVALID, states.state("backup", Instant.MAX.minusSeconds(1)));
    }
}
