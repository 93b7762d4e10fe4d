package io.github.wolkvoxcamel.state;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecordStrikesTest {

    private static final String SCOPE = StateScope.of("wv0004.wolkvox.com", "default");
    private static final String ROUTE = "wolkvox-campaign_10";
    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

    @TempDir
    Path dir;

    private static RecordStrikes.Failure refused(Fingerprint record) {
        return new RecordStrikes.Failure(record, true);
    }

    private static RecordStrikes.Failure failed(Fingerprint record) {
        return new RecordStrikes.Failure(record, false);
    }

    private static Fingerprint record(String key) {
        return Fingerprint.of(ROUTE, key, ("{\"k\":\"" + key + "\"}").getBytes(StandardCharsets.UTF_8), 0);
    }

    @Test
    void aRecordFailingAloneAfterItsMatesGotThroughReachesTheLimit() {
        RecordStrikes strikes = new RecordStrikes(dir, 3);
        Fingerprint poison = record("a");
        strikes.passEnded(SCOPE, ROUTE, 5, List.of(refused(poison)), "HttpOperationFailedException", NOW);
        // later passes send it alone: its mates are duplicates
        strikes.passEnded(SCOPE, ROUTE, 0, List.of(refused(poison)), "HttpOperationFailedException", NOW);
        assertTrue(strikes.givenUp(SCOPE, ROUTE, NOW).isEmpty());
        strikes.passEnded(SCOPE, ROUTE, 0, List.of(refused(poison)), "HttpOperationFailedException", NOW);
        assertEquals(Set.of(poison), strikes.givenUp(SCOPE, ROUTE, NOW).keySet());
        assertTrue(strikes.givenUp(SCOPE, ROUTE, NOW).get(poison).contains("failed 3 times"));
    }

    @Test
    void anEndpointDownForEveryRecordStrikesNothing() {
        RecordStrikes strikes = new RecordStrikes(dir, 1);
        strikes.passEnded(SCOPE, ROUTE, 0, List.of(failed(record("a")), failed(record("b"))), "ConnectException", NOW);
        assertTrue(strikes.givenUp(SCOPE, ROUTE, NOW).isEmpty());
        // a refusal never struck before, in a pass that delivered nothing (the window's only record): no evidence yet
        strikes.passEnded(SCOPE, ROUTE, 0, List.of(refused(record("c"))), "HttpOperationFailedException", NOW);
        assertTrue(strikes.givenUp(SCOPE, ROUTE, NOW).isEmpty());
    }

    @Test
    void anEndpointThatGoesDownHalfWayThroughAWindowMakesNoDeadLetters() {
        RecordStrikes strikes = new RecordStrikes(dir, 8);
        List<RecordStrikes.Failure> rest = List.of(failed(record("a")), failed(record("b")), failed(record("c")));
        strikes.passEnded(SCOPE, ROUTE, 100, rest, "ConnectException", NOW);
        // the endpoint stays down: two polls of four passes send the rest of the window alone
        for (int pass = 0; pass < 7; pass++) {
            strikes.passEnded(SCOPE, ROUTE, 0, rest, "HttpOperationFailedException", NOW);
        }
        assertTrue(strikes.givenUp(SCOPE, ROUTE, NOW).isEmpty(), "an outage holds the window, it is not given up");
    }

    @Test
    void strikesSurviveARestartAndAreForgottenADayAfterTheLast() {
        Fingerprint poison = record("a");
        RecordStrikes first = new RecordStrikes(dir, 2);
        first.passEnded(SCOPE, ROUTE, 3, List.of(refused(poison)), "HttpOperationFailedException", NOW);
        RecordStrikes restarted = new RecordStrikes(dir, 2);
        restarted.passEnded(SCOPE, ROUTE, 0, List.of(refused(poison)), "HttpOperationFailedException", NOW.plusSeconds(60));
        assertEquals(Set.of(poison), restarted.givenUp(SCOPE, ROUTE, NOW.plusSeconds(60)).keySet());
        assertTrue(new RecordStrikes(dir, 2).givenUp(SCOPE, ROUTE, NOW.plus(Duration.ofDays(2))).isEmpty());
        assertTrue(new RecordStrikes(dir, 2).givenUp(StateScope.of("wv0005.wolkvox.com", "default"), ROUTE, NOW).isEmpty(),
                "another server's route has strikes of its own");
    }
}
