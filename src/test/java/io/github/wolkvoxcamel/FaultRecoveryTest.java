package io.github.wolkvoxcamel;

import io.github.wolkvoxcamel.simulator.Fault;
import io.github.wolkvoxcamel.simulator.WolkvoxSimulator;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A cut-off answer, an HTML page and a server error each fail their window as a whole: nothing of it reaches a sink,
 * the watermark stays, the failure is logged with its class, and the next poll delivers the window exactly once.
 */
@CamelMainTest
class FaultRecoveryTest {

    private static TestEnvironment env;
    private static CapturedLog log;

    @BeforeAll
    static void start() {
        log = CapturedLog.attach();
        env = TestEnvironment.start(WolkvoxSimulator.builder(), Map.of("wolkvox.poll-period", "2s"));
        env.simulator.inject("diagram_1", Fault.truncatedJson());
        env.simulator.inject("diagram_3", Fault.htmlOk());
        env.simulator.inject("agents_detail", Fault.serverError());
        env.simulator.inject("campaign_10", Fault.maintenancePage());
    }

    @AfterAll
    static void stop() {
        env.close();
        log.close();
    }

    @Test
    void aFailedWindowDeliversNothingAndIsFetchedAgainWhole() {
        await().atMost(Duration.ofSeconds(60)).until(env::windowedReportsDelivered);

        assertFailureLogged("diagram_1", "MALFORMED_ANSWER");
        assertFailureLogged("diagram_3", "MALFORMED_ANSWER");
        assertFailureLogged("agents_detail", "SERVER_ERROR");
        assertFailureLogged("campaign_10", "MAINTENANCE");
        assertExactlyOnce("diagram_1", "reports_manager", Map.of("customer_id", ""), "conn_id");
        assertExactlyOnce("agents_detail", "customer", Map.of(), "conn_id");
        LocalDateTime end = env.watermark("wolkvox-diagram_3");
        RecordAssertions.assertExactlyOnce("diagram_3",
                env.simulator.records("reports_manager", "diagram_3", env.initialFrom, end, Map.of()).stream()
                        .map(r -> r.get("ani")).toList(),
                env.fileRecords("diagram_3").stream().map(r -> r.get("ani")).toList());
    }

    private static void assertFailureLogged(String api, String errorClass) {
        List<String> failures = log.linesContaining("poll report=" + api + " ");
        failures = failures.stream().filter(line -> line.contains("outcome=failed")).toList();
        assertEquals(1, failures.size(), String.join("\n", failures));
        String line = failures.get(0);
        assertFalse(line.contains("window=-"), line);
        assertEquals(true, line.contains("class=" + errorClass), line);
    }

    private static void assertExactlyOnce(String api, String group, Map<String, String> params, String key) {
        LocalDateTime end = env.watermark("wolkvox-" + api);
        RecordAssertions.assertExactlyOnce(api,
                env.simulator.records(group, api, env.initialFrom, end, params).stream().map(r -> r.get(key)).toList(),
                env.fileRecords(api).stream().map(r -> r.get(key)).toList());
    }
}
