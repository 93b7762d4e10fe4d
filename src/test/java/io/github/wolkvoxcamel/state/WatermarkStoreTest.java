package io.github.wolkvoxcamel.state;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WatermarkStoreTest {

    private static final String SCOPE = StateScope.of(StateScope.server("0004", "https://wv0004.wolkvox.com"), "default");

    @TempDir
    Path dir;

    /** What a state topic shared by replicas holds: every write, readable by all. */
    private static final class SharedMirror implements StateMirror {
        final Map<String, String> values = new HashMap<>();

        @Override
        public Map<String, String> readAll() {
            return Map.copyOf(values);
        }

        @Override
        public void writeSoon(String key, String value) {
            values.put(key, value);
        }
    }

    @Test
    void aWatermarkSurvivesANewStoreOnTheSameDirectory() throws Exception {
        LocalDateTime mark = LocalDateTime.of(2026, 11, 21, 10, 15, 59);
        new WatermarkStore(dir).put(SCOPE, "wolkvox-diagram_1", mark);
        WatermarkStore reopened = new WatermarkStore(dir);
        assertEquals(mark, reopened.get(SCOPE, "wolkvox-diagram_1"));
        assertNull(reopened.get(SCOPE, "wolkvox-diagram_3"));
        try (var files = Files.list(reopened.file(SCOPE, "wolkvox-diagram_1").getParent())) {
            assertEquals(1, files.count(), "no temporary file is left behind");
        }
    }

    @Test
    void aDamagedFileSaysWhichFileAndWhatToDo() throws Exception {
        Files.createDirectories(new WatermarkStore(dir).file(SCOPE, "wolkvox-diagram_1").getParent());
        Files.writeString(new WatermarkStore(dir).file(SCOPE, "wolkvox-diagram_1"), "garbage");
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> new WatermarkStore(dir).get(SCOPE, "wolkvox-diagram_1"));
        assertTrue(error.getMessage().contains("wolkvox-diagram_1.watermark") && error.getMessage().contains("delete"),
                error.getMessage());
    }

    @Test
    void aReplicaThatBecomesLeaderAgainResumesFromTheOtherLeadersLaterWatermark() {
        SharedMirror mirror = new SharedMirror();
        WatermarkStore first = new WatermarkStore(dir.resolve("a"), mirror);
        LocalDateTime early = LocalDateTime.of(2026, 11, 21, 10, 0, 0);
        first.put(SCOPE, "wolkvox-diagram_1", early);
        assertTrue(first.moves(SCOPE, "wolkvox-diagram_1", early.plusSeconds(1)));
        assertFalse(first.moves(SCOPE, "wolkvox-diagram_1", early), "a re-pull's window leaves it where it is");
        // the other replica leads for a while and writes its later watermark to the state topic
        mirror.writeSoon("wv0004.wolkvox.com/default/wolkvox-diagram_1", "20261121130000");
        assertEquals(early, first.get(SCOPE, "wolkvox-diagram_1"), "until it reloads, a store keeps what it read");
        first.reload();
        assertEquals(early.plusHours(3), first.get(SCOPE, "wolkvox-diagram_1"), "the mirror's later watermark wins");
        mirror.writeSoon("wv0004.wolkvox.com/default/wolkvox-diagram_1", "20261121090000");
        first.reload();
        assertEquals(early, first.get(SCOPE, "wolkvox-diagram_1"), "its own later file wins over an older mirror");
    }

    @Test
    void anotherServerOrTokenNeverSharesAWatermark() {
        SharedMirror mirror = new SharedMirror();
        mirror.writeSoon("wv0004.wolkvox.com/default/wolkvox-diagram_1", "20261121100000");
        WatermarkStore store = new WatermarkStore(dir.resolve("b"), mirror);
        assertEquals(LocalDateTime.of(2026, 11, 21, 10, 0), store.get(SCOPE, "wolkvox-diagram_1"));
        assertNull(store.get(StateScope.of("wv0007.wolkvox.com", "default"), "wolkvox-diagram_1"));
        assertNull(store.get(StateScope.of("wv0004.wolkvox.com", "sales"), "wolkvox-diagram_1"));
    }

    @Test
    void theCallCountOfTheDayFollowsTheLeader() {
        SharedMirror mirror = new SharedMirror();
        LocalDate today = LocalDate.of(2026, 11, 23);
        CallBudget first = new CallBudget(dir.resolve("a"), 100, 10, mirror, alias -> StateScope.of("wv0004.wolkvox.com", alias));
        for (int i = 0; i < 7; i++) {
            first.tryUse("default", today);
        }
        CallBudget second = new CallBudget(dir.resolve("b"), 100, 10, mirror, alias -> StateScope.of("wv0004.wolkvox.com", alias));
        assertEquals(7, second.used("default", today));
        second.tryUse("default", today);
        first.reload();
        assertEquals(8, first.used("default", today), "the higher count of the day wins over its own file's 7");
        assertEquals(0, first.used("default", today.plusDays(1)), "a new day starts at zero");
        assertEquals("2026-11-23 8 0", mirror.values.get("wv0004.wolkvox.com/default/calls"));
    }

    @Test
    void leadershipNamespacesAreNamesALockFileAndALeaseCanCarry() {
        assertEquals("wolkvox-wv0004-wolkvox-com-default", StateScope.leadershipNamespace(SCOPE));
        assertEquals("wolkvox-127-0-0-1-8123-sales", StateScope.leadershipNamespace(StateScope.of(StateScope.server("", "http://127.0.0.1:8123"), "sales")));
    }

    @Test
    void aServerKeepsItsStateWhateverUrlReachesIt() {
        assertEquals("wv0004.wolkvox.com", StateScope.server("0004", "https://wolkvox-proxy.example.com:8443/"));
        assertEquals("wv0004.wolkvox.com", StateScope.server("", "https://wv0004.wolkvox.com"));
        assertEquals("wolkvox-proxy.example.com:8443", StateScope.server(" ", "https://Wolkvox-Proxy.example.com:8443"));
    }

    @Test
    void aWatermarkOfOneServerIsNoneOfAnothersOnTheSameDirectory() throws Exception {
        LocalDateTime mark = LocalDateTime.of(2026, 11, 21, 10, 15, 59);
        new WatermarkStore(dir).put(SCOPE, "wolkvox-diagram_1", mark);
        WatermarkStore reopened = new WatermarkStore(dir);
        assertNull(reopened.get(StateScope.of(StateScope.SIMULATOR, "default"), "wolkvox-diagram_1"));
        assertNull(reopened.get(StateScope.of("wv0005.wolkvox.com", "default"), "wolkvox-diagram_1"));
        assertEquals(mark, reopened.get(SCOPE, "wolkvox-diagram_1"));
        assertEquals(dir.resolve("wolkvox-wv0004-wolkvox-com-default").resolve("wolkvox-diagram_1.watermark"),
                reopened.file(SCOPE, "wolkvox-diagram_1"));
    }

    @Test
    void stateKeptBeforeItWasPerServerIsAdoptedByTheFirstScopeAskingForIt() throws Exception {
        Files.writeString(dir.resolve("wolkvox-diagram_1.watermark"), "20261121101559\n");
        Files.writeString(dir.resolve("calls-default.count"), "2026-11-23 42\n");
        WatermarkStore store = new WatermarkStore(dir);
        assertEquals(LocalDateTime.of(2026, 11, 21, 10, 15, 59), store.get(SCOPE, "wolkvox-diagram_1"));
        assertTrue(Files.exists(store.file(SCOPE, "wolkvox-diagram_1")));
        assertFalse(Files.exists(dir.resolve("wolkvox-diagram_1.watermark")), "moved, so no other scope adopts it too");
        assertNull(new WatermarkStore(dir).get(StateScope.of("wv0005.wolkvox.com", "default"), "wolkvox-diagram_1"));
        CallBudget budget = new CallBudget(dir, 100, 10, null, alias -> SCOPE);
        assertEquals(42, budget.used("default", LocalDate.of(2026, 11, 23)));
        assertEquals(0, new CallBudget(dir, 100, 10, null, alias -> StateScope.of("wv0005.wolkvox.com", alias))
                .used("default", LocalDate.of(2026, 11, 23)), "another server's calls are not this one's");
    }
}
