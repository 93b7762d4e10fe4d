package io.github.wolkvoxcamel.wolkvox;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Why the per-token call slot is ours ({@code wolkvox-slot}, {@link TokenPermits}) and not Camel's throttle: in Camel
 * 4.18.0 a {@code throttle} in ConcurrentRequests mode drops a key's state 10 s after any release, even while another
 * exchange holds a permit, and then lets a second call of the same token in (CAMEL-24926). When an upgrade fixes it,
 * this test fails: replace wolkvox-slot with the throttle then (docs/how-it-works.md, step 2).
 */
class CamelThrottleDefectTest {

    @Test
    void camelsConcurrentRequestsThrottleLetsASecondCallInWhileOneHoldsItsPermit() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger mostInFlight = new AtomicInteger();
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:call").routeId("throttled")
                            // one call in flight per token; a call finding none free is refused at once
                            .throttle(1).concurrentRequestsMode().correlationExpression(header("token")).rejectExecution(true)
                            .process(exchange -> {
                                mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                                try {
                                    if ("hold".equals(exchange.getMessage().getBody(String.class))) {
                                        release.await();
                                    }
                                } finally {
                                    inFlight.decrementAndGet();
                                }
                            });
                }
            });
            context.start();
            ProducerTemplate calls = context.createProducerTemplate();
            // a short call releases its permit, which schedules the key's state to be dropped 10 s later
            calls.sendBodyAndHeader("direct:call", "short", "token", "t");
            CompletableFuture<Exchange> holding = calls.asyncSend("direct:call", exchange -> {
                exchange.getMessage().setBody("hold");
                exchange.getMessage().setHeader("token", "t");
            });
            await().atMost(Duration.ofSeconds(5)).until(() -> inFlight.get() == 1);
            // while the long call holds the token's only permit, another call of the token is refused... until the
            // state is dropped and one gets in
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250)).until(() -> calls.send("direct:call",
                    exchange -> exchange.getMessage().setHeader("token", "t")).getException() == null);
            assertEquals(2, mostInFlight.get(), "two calls of one token were in flight at once");
            release.countDown();
            holding.get();
        }
    }
}
