package io.github.wolkvoxcamel.wolkvox;

import io.github.wolkvoxcamel.time.Window;
import io.github.wolkvoxcamel.wolkvox.WindowFailures.Decision;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDateTime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class WindowFailuresTest {

    private static final LocalDateTime T = LocalDateTime.of(2026, 3, 10, 8, 0);
    private final WindowFailures failures = new WindowFailures(4, Duration.ofMinutes(1));

    @Test
    void aTimeoutHalvesTheWindowAtOnce() {
        Window window = new Window(T, T.plusMinutes(40).minusSeconds(1));
        assertEquals(Decision.SPLIT, failures.failed("r", window, WolkvoxErrorClass.TIMEOUT, true));
        assertEquals(Duration.ofMinutes(20), failures.limit("r"));
    }

    @Test
    void aBrokenAnswerIsTriedAgainThenBisectedDownToTheSmallestSpanThenGivenUp() {
        Window window = new Window(T, T.plusMinutes(4).minusSeconds(1));
        for (int i = 1; i < 4; i++) {
            assertEquals(Decision.RETRY, failures.failed("r", window, WolkvoxErrorClass.MALFORMED_ANSWER, true), "failure " + i);
        }
        assertEquals(Decision.SPLIT, failures.failed("r", window, WolkvoxErrorClass.MALFORMED_ANSWER, true));
        Window half = window.halves()[0];
        assertEquals(Decision.SPLIT, failures.failed("r", half, WolkvoxErrorClass.MALFORMED_ANSWER, true),
                "bisecting: each failure halves again");
        Window smallest = new Window(T, T.plusMinutes(1).minusSeconds(1));
        assertEquals(Decision.GIVE_UP, failures.failed("r", smallest, WolkvoxErrorClass.MALFORMED_ANSWER, true));
    }

    @Test
    void anAnswerTooLargeHalvesAtOnceAndIsGivenUpAtTheSmallestSpan() {
        Window window = new Window(T, T.plusMinutes(4).minusSeconds(1));
        assertEquals(Decision.SPLIT, failures.failed("r", window, WolkvoxErrorClass.ANSWER_TOO_LARGE, true));
        assertEquals(Decision.SPLIT, failures.failed("r", window.halves()[0], WolkvoxErrorClass.ANSWER_TOO_LARGE, true));
        Window smallest = new Window(T, T.plusMinutes(1).minusSeconds(1));
        assertEquals(Decision.GIVE_UP, failures.failed("r", smallest, WolkvoxErrorClass.ANSWER_TOO_LARGE, true));
        Window bucket = new Window(T, T.plusHours(1).minusSeconds(1));
        assertEquals(Decision.RETRY, failures.failed("b", bucket, WolkvoxErrorClass.ANSWER_TOO_LARGE, false),
                "a bucket is tried again like a broken answer before it is given up");
    }

    @Test
    void aBucketIsNeverSplitAndGivenUpOnceItKeepsComingBackBroken() {
        Window bucket = new Window(T, T.plusHours(1).minusSeconds(1));
        assertEquals(Decision.RETRY, failures.failed("r", bucket, WolkvoxErrorClass.TIMEOUT, false));
        for (int i = 2; i < 4; i++) {
            assertEquals(Decision.RETRY, failures.failed("r", bucket, WolkvoxErrorClass.MALFORMED_ANSWER, false));
        }
        assertEquals(Decision.GIVE_UP, failures.failed("r", bucket, WolkvoxErrorClass.MALFORMED_ANSWER, false));
    }

    @Test
    void passingFaultsNeverGiveUpAWindow() {
        Window smallest = new Window(T, T.plusMinutes(1).minusSeconds(1));
        for (int i = 0; i < 20; i++) {
            assertEquals(Decision.RETRY, failures.failed("r", smallest, WolkvoxErrorClass.CONNECTION, true));
        }
    }

    @Test
    void pastTheFailedRangeWindowsGrowBack() {
        Window window = new Window(T, T.plusMinutes(40).minusSeconds(1));
        failures.failed("r", window, WolkvoxErrorClass.TIMEOUT, true);
        failures.done("r", window.halves()[0]);
        assertEquals(Duration.ofMinutes(20), failures.limit("r"), "still inside the range that timed out");
        failures.done("r", window.halves()[1]);
        assertNull(failures.limit("r"));
    }
}
