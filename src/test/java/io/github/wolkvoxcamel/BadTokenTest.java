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

/** A token Wolkvox refuses is reported as such, stops the polls that use it, moves no watermark, and is never logged. */
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
        // the first refusal sets the token aside: the other reports skip their polls instead of calling again
        await().atMost(Duration.ofSeconds(30)).until(() -> log.linesContaining("outcome=failed").size()
                + log.linesContaining("outcome=skipped").size() >= 5);

        assertTrue(log.linesContaining("outcome=failed").size() >= 1);
        for (String line : log.linesContaining("outcome=failed")) {
            assertTrue(line.contains("class=TOKEN_INVALID") && line.contains("PLEASE VALIDATE TOKEN"), line);
        }
        for (String line : log.linesContaining("outcome=skipped")) {
            assertTrue(line.contains("token default: TOKEN_INVALID (HTTP 403): PLEASE VALIDATE TOKEN"), line);
        }
        assertTrue(log.linesContaining("refused by Wolkvox").get(0).contains("until the application restarts with a valid"));
        assertEquals(List.of(), log.linesContaining(WRONG_TOKEN));
        assertNull(env.watermark("wolkvox-diagram_1"));
        assertEquals(List.of(), env.fileRecords("diagram_1"));
    }
}
