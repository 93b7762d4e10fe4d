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

    private static Fingerprint record(String key) {
        return Fingerprint.of(ROUTE, key, ("{\"k\":\"" + key + "\"}").getBytes(StandardCharsets.UTF_8), 0);
    }

    @Test
    void aRecordFailingAloneAfterItsMatesGotThroughReachesTheLimit() {
        RecordStrikes strikes = new RecordStrikes(dir, 3);
        Fingerprint poison = record("a");
        strikes.passEnded(SCOPE, ROUTE, 5, List.of(poison), "HttpOperationFailedException", NOW);
        // later passes send it alone: its mates are duplicates
        strikes.passEnded(SCOPE, ROUTE, 0, List.of(poison), "HttpOperationFailedException", NOW);
        assertTrue(strikes.givenUp(SCOPE, ROUTE, NOW).isEmpty());
        strikes.passEnded(SCOPE, ROUTE, 0, List.of(poison), "HttpOperationFailedException", NOW);
        assertEquals(Set.of(poison), strikes.givenUp(SCOPE, ROUTE, NOW).keySet());
        assertTrue(strikes.givenUp(SCOPE, ROUTE, NOW).get(poison).contains("failed 3 times"));
    }

    @Test
    void anEndpointDownForEveryRecordStrikesNothing() {
        RecordStrikes strikes = new RecordStrikes(dir, 1);
        strikes.passEnded(SCOPE, ROUTE, 0, List.of(record("a"), record("b")), "ConnectException", NOW);
        assertTrue(strikes.givenUp(SCOPE, ROUTE, NOW).isEmpty());
        // one struck, one new: the endpoint may be down for all
        RecordStrikes two = new RecordStrikes(dir.resolve("two"), 2);
        two.passEnded(SCOPE, ROUTE, 1, List.of(record("a")), "ConnectException", NOW);
        two.passEnded(SCOPE, ROUTE, 0, List.of(record("a"), record("b")), "ConnectException", NOW);
        assertTrue(two.givenUp(SCOPE, ROUTE, NOW).isEmpty());
    }

    @Test
    void strikesSurviveARestartAndAreForgottenADayAfterTheLast() {
        Fingerprint poison = record("a");
        RecordStrikes first = new RecordStrikes(dir, 2);
        first.passEnded(SCOPE, ROUTE, 3, List.of(poison), "HttpOperationFailedException", NOW);
        RecordStrikes restarted = new RecordStrikes(dir, 2);
        restarted.passEnded(SCOPE, ROUTE, 0, List.of(poison), "HttpOperationFailedException", NOW.plusSeconds(60));
        assertEquals(Set.of(poison), restarted.givenUp(SCOPE, ROUTE, NOW.plusSeconds(60)).keySet());
        assertTrue(new RecordStrikes(dir, 2).givenUp(SCOPE, ROUTE, NOW.plus(Duration.ofDays(2))).isEmpty());
        assertTrue(new RecordStrikes(dir, 2).givenUp(StateScope.of("wv0005.wolkvox.com", "default"), ROUTE, NOW).isEmpty(),
                "another server's route has strikes of its own");
    }
}
