package io.github.wolkvoxcamel;

import io.github.wolkvoxcamel.simulator.WolkvoxSimulator;
import io.github.wolkvoxcamel.time.WolkvoxTime;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A source that answers without end, whatever the window (a proxy gone wrong), over HTTP: each answer is kept only up
 * to 1.1 x the answer-size limit and its connection dropped, the window is halved down to the smallest span, and the
 * smallest windows are dead-lettered; a bounded number of calls, and the backfill ends.
 */
class EndlessAnswerTest {

    private static final long LIMIT = 1024 * 1024;
    private static final long CAP = (long) (LIMIT * 1.1);

    @Test
    void anAnswerWithoutEndCostsABoundedNumberOfCallsThenItsWindowIsDeadLettered() throws Exception {
        LocalDateTime from = LocalDateTime.now(WolkvoxTime.BOGOTA).minusDays(1).withHour(10).withMinute(0).withSecond(0).withNano(0);
        LocalDateTime to = from.plusMinutes(4).minusSeconds(1);
        try (TestEnvironment env = TestEnvironment.start(WolkvoxSimulator.builder().endless("agents_detail"),
                Map.of("wolkvox.answer-size-limit", Long.toString(LIMIT), "wolkvox.min-split-span", "1m"))) {
            try (RunningApp app = RunningApp.start("backfill", "--from", WolkvoxTime.formatRequest(from), "--to",
                    WolkvoxTime.formatRequest(to), "--reports", "agents_detail")) {
                app.awaitExit(Duration.ofMinutes(2));
            }
            // 4 minutes halved to 2, then to 1, the smallest span: 1 + 2 + 4 calls
            List<WolkvoxSimulator.Call> calls = env.simulator.calls().stream()
                    .filter(call -> call.api().equals("agents_detail")).toList();
            assertEquals(7, calls.size(), "calls: " + calls);
            // the client hung up soon after the cap instead of reading the answer to its (bounded) end
            List<Long> sent = env.simulator.endlessAnswers();
            assertEquals(7, sent.size());
            assertTrue(sent.stream().allMatch(bytes -> bytes < 64L * 1024 * 1024), "bytes sent per answer: " + sent);

            List<Map<String, Object>> letters = env.deadLetters();
            assertEquals(4, letters.size(), "the four smallest windows are given up: " + letters);
            for (Map<String, Object> letter : letters) {
                assertEquals("ANSWER_TOO_LARGE", letter.get("errorClass"));
                // the spool held the answer up to the cap, never more
                assertTrue(String.valueOf(letter.get("error")).contains("the answer went on past " + CAP + " bytes"),
                        String.valueOf(letter.get("error")));
            }
            assertEquals(List.of(), env.fileRecords("agents_detail"), "nothing of a cut answer is delivered");
        }
    }
}
