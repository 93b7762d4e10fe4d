package io.github.wolkvoxcamel.wolkvox;

import io.github.wolkvoxcamel.catalog.ReportShape;
import io.github.wolkvoxcamel.time.Window;
import io.github.wolkvoxcamel.wolkvox.FailurePolicy.Action;
import io.github.wolkvoxcamel.wolkvox.FailurePolicy.Decision;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FailurePolicyTest {

    private static final ZoneId BOGOTA = ZoneId.of("America/Bogota");
    private static final LocalDateTime NOW = LocalDateTime.parse("2026-03-02T22:15:00");
    private static final Window HOUR = new Window(LocalDateTime.parse("2026-03-02T10:00:00"),
            LocalDateTime.parse("2026-03-02T10:59:59"));
    /** At the smallest span (one minute): cannot be halved. */
    private static final Window MINUTE = new Window(LocalDateTime.parse("2026-03-02T10:00:00"),
            LocalDateTime.parse("2026-03-02T10:00:59"));

    private final FailurePolicy policy = new FailurePolicy(new WindowFailures(3, Duration.ofMinutes(1)),
            new Backoff(3, Duration.ofSeconds(2), Duration.ofSeconds(30), new Random(7)));

    private Decision decide(WolkvoxErrorClass errorClass, ReportShape shape, Window window, WindowQueue queue) {
        return policy.decide("records-diagram_1", errorClass, shape, window, queue, NOW, BOGOTA);
    }

    private static WindowQueue queueOf(Window window) {
        return new WindowQueue(List.of(window));
    }

    @Test
    void aRequestWolkvoxCallsWrongStopsTheReportAndARefusedTokenIsSetAside() {
        assertEquals(Action.STOP_REPORT, decide(WolkvoxErrorClass.CONFIGURATION, ReportShape.DETAIL, HOUR,
                queueOf(HOUR)).action());
        assertEquals(Action.SET_TOKEN_ASIDE, decide(WolkvoxErrorClass.TOKEN_INVALID, ReportShape.DETAIL, HOUR,
                queueOf(HOUR)).action());
    }

    @Test
    void aSpentQuotaPausesTheTokenUntilMidnightBogotaTime() {
        Decision decision = decide(WolkvoxErrorClass.QUOTA_EXHAUSTED, ReportShape.DETAIL, HOUR, queueOf(HOUR));
        assertEquals(Action.PAUSE_TOKEN, decision.action());
        // midnight in Bogota (UTC-5) is 05:00 UTC
        assertEquals(Instant.parse("2026-03-03T05:00:00Z"), decision.until());
    }

    @Test
    void aWebServersPageUndeliveredRecordsAndAClockAheadEndTheTick() {
        for (WolkvoxErrorClass errorClass : List.of(WolkvoxErrorClass.NOT_FOUND_PAGE,
                WolkvoxErrorClass.DELIVERY_FAILED, WolkvoxErrorClass.CLOCK_AHEAD)) {
            assertEquals(Action.END_TICK, decide(errorClass, ReportShape.DETAIL, HOUR, queueOf(HOUR)).action(),
                    errorClass.name());
        }
    }

    @Test
    void aFailureBeforeAnyWindowEndsTheTick() {
        assertEquals(Action.END_TICK, decide(WolkvoxErrorClass.CONNECTION, ReportShape.DETAIL, null,
                new WindowQueue(List.of())).action());
    }

    @Test
    void aPassingFaultIsRetriedAfterABackOffUpToTheAttemptsAllowedThenLeftForTheNextPoll() {
        WindowQueue queue = queueOf(HOUR);
        Decision first = decide(WolkvoxErrorClass.CONNECTION, ReportShape.DETAIL, HOUR, queue);
        assertEquals(Action.RETRY, first.action());
        assertEquals(2, first.attempt());
        assertTrue(first.delay().compareTo(Duration.ofSeconds(1)) >= 0
                && first.delay().compareTo(Duration.ofSeconds(2)) <= 0, first.delay().toString());
        Decision second = decide(WolkvoxErrorClass.CONNECTION, ReportShape.DETAIL, HOUR, queue);
        assertEquals(Action.RETRY, second.action());
        assertEquals(3, second.attempt());
        assertEquals(Action.END_TICK, decide(WolkvoxErrorClass.CONNECTION, ReportShape.DETAIL, HOUR, queue).action());
    }

    @Test
    void aTimeoutHalvesADetailWindowAtOnceButIsRetriedForABucket() {
        assertEquals(Action.SPLIT, decide(WolkvoxErrorClass.TIMEOUT, ReportShape.DETAIL, HOUR, queueOf(HOUR)).action());
        Decision bucket = decide(WolkvoxErrorClass.TIMEOUT, ReportShape.AGGREGATE, HOUR, queueOf(HOUR));
        assertEquals(Action.RETRY, bucket.action());
        assertNull(bucket.until());
    }

    @Test
    void aBrokenAnswerIsRetriedThenHalvedAndAtTheSmallestSpanGivenUp() {
        WindowQueue queue = queueOf(HOUR);
        assertEquals(Action.RETRY, decide(WolkvoxErrorClass.MALFORMED_ANSWER, ReportShape.DETAIL, HOUR, queue).action());
        assertEquals(Action.RETRY, decide(WolkvoxErrorClass.MALFORMED_ANSWER, ReportShape.DETAIL, HOUR, queue).action());
        assertEquals(Action.SPLIT, decide(WolkvoxErrorClass.MALFORMED_ANSWER, ReportShape.DETAIL, HOUR, queue).action());
        // bisecting now: a broken minute is given up at once, so one bad row cannot hold the report
        assertEquals(Action.GIVE_UP, decide(WolkvoxErrorClass.MALFORMED_ANSWER, ReportShape.DETAIL, MINUTE,
                queueOf(MINUTE)).action());
    }
}
