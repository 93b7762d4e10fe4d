package io.github.wolkvoxcamel.wolkvox;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TokenPermitsTest {

    @Test
    void neverMoreThanTheLimitPerTokenWhileOtherTokensGoOn() throws Exception {
        TokenPermits permits = new TokenPermits(2);
        AtomicInteger inA = new AtomicInteger();
        AtomicInteger maxA = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                    for (int round = 0; round < 200; round++) {
                        permits.acquire("a");
                        try {
                            maxA.accumulateAndGet(inA.incrementAndGet(), Math::max);
                            Thread.onSpinWait();
                            inA.decrementAndGet();
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
        permits.acquire("b");
        permits.acquire("b");
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(2, maxA.get());
        assertEquals(2, permits.inFlight("b"));
        assertEquals(0, permits.inFlight("a"));
    }

    @Test
    void onlyOneOrTwoCallsPerTokenAreAllowed() {
        assertThrows(IllegalArgumentException.class, () -> new TokenPermits(0));
        assertThrows(IllegalArgumentException.class, () -> new TokenPermits(3));
    }
}
