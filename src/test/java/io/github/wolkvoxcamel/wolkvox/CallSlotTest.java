package io.github.wolkvoxcamel.wolkvox;

import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The per-token call slot step: calls of one token, each its own exchange, enriching the window that asked for it. */
class CallSlotTest {

    /** Longer than the 10 s after which Camel 4.18.0's concurrent-requests throttle forgets a held permit. */
    private static final long LONG_CALL_MS = 12_000;

    private final TokenPermits permits = new TokenPermits(1);
    private final DefaultCamelContext context = new DefaultCamelContext();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostInFlight = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        context.getRegistry().bind(CallSlotComponent.PERMITS_BEAN, permits);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:call").routeId("call")
                        .to("wolkvox-slot:default")
                        .process(exchange -> {
                            String call = exchange.getMessage().getBody(String.class);
                            mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                            events.add("start " + call);
                            try {
                                if (call.equals("long")) {
                                    Thread.sleep(LONG_CALL_MS);
                                } else if (call.equals("broken")) {
                                    throw new IllegalStateException("connection reset");
                                }
                            } finally {
                                inFlight.decrementAndGet();
                                events.add("end " + call);
                            }
                        });
                from("direct:window").routeId("window")
                        .enrich("direct:call")
                        // the window goes on (delivering its records) with the slot already free
                        .process(exchange -> events.add("window slots in use " + permits.inFlight("default")));
            }
        });
        context.start();
    }

    @AfterEach
    void stop() {
        context.stop();
    }

    @Test
    void aCallLongerThanTenSecondsKeepsTheTokensNextCallOutUntilItEnds() throws Exception {
        ProducerTemplate template = context.createProducerTemplate();
        CompletableFuture<Object> longCall = template.asyncRequestBody("direct:window", "long");
        await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("start long"));
        CompletableFuture<Object> nextCall = template.asyncRequestBody("direct:window", "next");

        nextCall.get(LONG_CALL_MS + 30_000, TimeUnit.MILLISECONDS);
        longCall.get(1, TimeUnit.SECONDS);
        assertEquals(1, mostInFlight.get(), "never two calls of the token at once: " + events);
        assertEquals(List.of("start long", "end long", "start next", "end next"),
                events.stream().filter(event -> !event.startsWith("window")).toList(),
                "the next call starts only once the long one ended");
    }

    @Test
    void aFailedCallFreesItsSlotAndAWindowGoesOnWithItsSlotFree() {
        ProducerTemplate template = context.createProducerTemplate();
        CamelExecutionException failed = assertThrows(CamelExecutionException.class,
                () -> template.requestBody("direct:window", "broken"));
        assertEquals("connection reset", failed.getCause().getMessage());
        assertEquals(0, permits.inFlight("default"));
        template.requestBody("direct:window", "next");
        assertEquals(List.of("start broken", "end broken", "start next", "end next", "window slots in use 0"), events.stream().toList());
    }
}
