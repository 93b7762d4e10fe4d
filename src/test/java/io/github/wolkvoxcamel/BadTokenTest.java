package io.github.wolkvoxcamel;

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
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A token Wolkvox refuses is reported as such, moves no watermark, and never appears in the log. */
@CamelMainTest
class BadTokenTest {

    private static final String WRONG_TOKEN = "wrong-token-91c7e4";
    private static TestEnvironment env;
    private static CapturedLog log;

    @BeforeAll
    static void start() {
        log = CapturedLog.attach();
        env = TestEnvironment.start(WolkvoxSimulator.builder(), Map.of("wolkvox.token", WRONG_TOKEN));
    }

    @AfterAll
    static void stop() {
        env.close();
        log.close();
    }

    @Test
    void refusedTokenIsLoggedAsTokenErrorWithoutTheToken() {
        await().atMost(Duration.ofSeconds(30)).until(() -> log.linesContaining("outcome=failed").size() >= 5);

        for (String line : log.linesContaining("outcome=failed")) {
            assertTrue(line.contains("class=TOKEN_INVALID") && line.contains("PLEASE VALIDATE TOKEN"), line);
        }
        assertEquals(List.of(), log.linesContaining(WRONG_TOKEN));
        assertNull(env.watermark("wolkvox-diagram_1"));
        assertEquals(List.of(), env.fileRecords("diagram_1"));
    }
}
