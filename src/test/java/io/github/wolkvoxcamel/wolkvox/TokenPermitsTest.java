package io.github.wolkvoxcamel.wolkvox;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenPermitsTest {

    @Test
    void aCallerPastTheLimitWaitsUntilASlotIsFreedWhileOtherTokensGoOn() throws Exception {
        TokenPermits permits = new TokenPermits(2);
        permits.acquire("a");
        permits.acquire("a");
        CountDownLatch third = new CountDownLatch(1);
        Thread waiting = new Thread(() -> {
            try {
                permits.acquire("a");
                third.countDown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        waiting.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> waiting.getState() == Thread.State.WAITING);
        assertEquals(1, third.getCount(), "the third call on token a waits");
        permits.acquire("b");
        assertEquals(1, permits.inFlight("b"), "token b is not held up by token a");
        permits.release("a");
        assertTrue(third.await(10, java.util.concurrent.TimeUnit.SECONDS), "a freed slot lets the waiting call in");
        assertEquals(2, permits.inFlight("a"));
    }

    @Test
    void neverMoreThanTheLimitUnderContention() throws Exception {
        TokenPermits permits = new TokenPermits(2);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Thread thread = new Thread(() -> {
                try {
                    for (int round = 0; round < 500; round++) {
                        permits.acquire("a");
                        try {
                            most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                            Thread.yield();
                            inside.decrementAndGet();
                        } finally {
                            permits.release("a");
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertTrue(most.get() <= 2, "at most 2 inside at once, saw " + most.get());
        assertEquals(0, permits.inFlight("a"));
    }

    @Test
    void onlyOneOrTwoCallsPerTokenAreAllowed() {
        assertThrows(IllegalArgumentException.class, () -> new TokenPermits(0));
        assertThrows(IllegalArgumentException.class, () -> new TokenPermits(3));
    }
}
