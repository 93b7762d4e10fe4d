package io.github.wolkvoxcamel;

import io.github.wolkvoxcamel.simulator.Fault;
import io.github.wolkvoxcamel.simulator.WolkvoxSimulator;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Five reports share one token. Two of them answer after 12 s, past the 10 s where Camel's ConcurrentRequests
 * throttle leaks (CAMEL-24926); through the component's per-token call slot, the simulator still never sees more
 * than one call in flight for the token.
 */
@CamelMainTest
class PerTokenLimitTest {

    private static TestEnvironment env;

    @BeforeAll
    static void start() {
        env = TestEnvironment.start(WolkvoxSimulator.builder(), Map.of());
        env.simulator.inject("diagram_1", Fault.delay(Duration.ofSeconds(12)));
        env.simulator.inject("diagram_3", Fault.delay(Duration.ofSeconds(12)));
    }

    @AfterAll
    static void stop() {
        env.close();
    }

    @Test
    void neverMoreThanOneCallInFlightPerToken() {
        await().atMost(Duration.ofSeconds(90)).until(env::everyReportPolled);

        assertEquals(1, env.simulator.maxInFlightSeen(TestEnvironment.TOKEN));
        // one list: campaign_10 may go on fetching its settled hours meanwhile
        List<WolkvoxSimulator.Call> calls = env.simulator.calls();
        assertEquals(List.of(), calls.stream().filter(call -> call.status() == 403).toList());
        // one call per report, campaign_10 one per settled hour
        assertEquals(4, calls.stream().filter(call -> !call.api().equals("campaign_10")).count());
        List<WolkvoxSimulator.Call> buckets = calls.stream().filter(call -> call.api().equals("campaign_10")).toList();
        assertEquals(buckets.stream().map(WolkvoxSimulator.Call::from).distinct().count(), buckets.size());
    }
}
