package io.github.wolkvoxcamel.simulator;

import io.github.wolkvoxcamel.time.WolkvoxTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The simulator's hard mode does what the real API does and the friendly demo does not. */
class HardSimulatorTest {

    private static final String TOKEN = "hard-simulator-token";
    private static final LocalDateTime DAY = LocalDateTime.of(2026, 3, 2, 0, 0);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** A clock a test moves by hand. */
    static final class ManualClock extends Clock {
        private volatile Instant now;

        ManualClock(LocalDateTime bogota) {
            set(bogota);
        }

        void set(LocalDateTime bogota) {
            now = bogota.atZone(WolkvoxTime.BOGOTA).toInstant();
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            Clock manual = this;
            return new Clock() {
                @Override
                public ZoneId getZone() {
                    return zone;
                }

                @Override
                public Clock withZone(ZoneId other) {
                    return manual.withZone(other);
                }

                @Override
                public Instant instant() {
                    return manual.instant();
                }
            };
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private WolkvoxSimulator simulator;

    @AfterEach
    void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }

    private WolkvoxSimulator start(WolkvoxSimulator.Builder builder) {
        simulator = builder.token(TOKEN).build().start();
        return simulator;
    }

    private HttpResponse<byte[]> get(String pathAndQuery) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(simulator.baseUrl() + pathAndQuery)).header("wolkvox-token", TOKEN)
                .build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String window(LocalDateTime from, LocalDateTime to) {
        return "&date_ini=" + WolkvoxTime.formatRequest(from) + "&date_end=" + WolkvoxTime.formatRequest(to);
    }

    @Test
    void rowsShowUpUpToTwoMinutesAfterTheirOwnDate() {
        ManualClock clock = new ManualClock(DAY.plusHours(2));
        start(WolkvoxSimulator.builder().clock(clock).hard());
        LocalDateTime from = DAY.plusHours(1);
        LocalDateTime to = DAY.plusHours(2);
        List<Map<String, String>> seenAtEnd = simulator.records("reports_manager", "diagram_1", from, to, Map.of("customer_id", ""));
        clock.set(to.plusMinutes(2));
        List<Map<String, String>> seenLater = simulator.records("reports_manager", "diagram_1", from, to, Map.of("customer_id", ""));

        assertTrue(seenLater.containsAll(seenAtEnd), "a row once visible stays visible");
        List<Map<String, String>> late = seenLater.stream().filter(row -> !seenAtEnd.contains(row)).toList();
        assertFalse(late.isEmpty(), "rows of the last two minutes appear after the window's end");
        for (Map<String, String> row : late) {
            LocalDateTime date = LocalDateTime.parse(row.get("date"), WolkvoxTime.RECORD_FORMAT);
            assertTrue(date.isAfter(to.minusMinutes(2)), "only rows of the last two minutes are late: " + row);
        }
        clock.set(to.plusMinutes(30));
        assertEquals(seenLater, simulator.records("reports_manager", "diagram_1", from, to, Map.of("customer_id", "")),
                "after two minutes every row of the window is there");
    }

    @Test
    void callsLeaveSeveralRowsUnderOneCallIdAndSomeRowsHaveNone() {
        start(WolkvoxSimulator.builder().clock(new ManualClock(DAY.plusDays(1))).hard());
        for (String api : List.of("diagram_1", "agents_detail")) {
            String group = api.equals("diagram_1") ? "reports_manager" : "customer";
            List<Map<String, String>> rows = simulator.records(group, api, DAY, DAY.plusDays(1).minusSeconds(1), Map.of());
            Map<String, List<Map<String, String>>> byCall = rows.stream().filter(row -> !row.get("conn_id").isEmpty())
                    .collect(Collectors.groupingBy(row -> row.get("conn_id")));
            List<List<Map<String, String>>> shared = byCall.values().stream().filter(list -> list.size() > 1).toList();
            assertTrue(shared.size() > 10, api + ": calls with a second row: " + shared.size());
            for (List<Map<String, String>> call : shared) {
                assertEquals(2, new HashSet<>(call).size(), api + ": rows of one call differ in content: " + call);
            }
            long emptyIds = rows.stream().filter(row -> row.get("conn_id").isEmpty()).count();
            assertTrue(emptyIds >= 2, api + ": rows without a call id: " + emptyIds);
            List<String> dates = rows.stream().map(row -> row.get("date")).toList();
            assertEquals(dates.stream().sorted().toList(), dates, api + ": rows come in date order");
        }
    }

    @Test
    void aSiblingRowDatedInTheNextWindowIsServedThereAndWindowsStillPartitionTheRows() {
        start(WolkvoxSimulator.builder().clock(new ManualClock(DAY.plusDays(1))).hard());
        List<Map<String, String>> whole = simulator.records("customer", "agents_detail", DAY, DAY.plusHours(4).minusSeconds(1), Map.of());
        List<Map<String, String>> parts = new java.util.ArrayList<>();
        for (int hour = 0; hour < 4; hour++) {
            parts.addAll(simulator.records("customer", "agents_detail", DAY.plusHours(hour),
                    DAY.plusHours(hour + 1).minusSeconds(1), Map.of()));
        }
        assertEquals(whole, parts);
    }

    @Test
    void aSmartWaitRowChangesUntilItsCallbackIsDone() {
        ManualClock clock = new ManualClock(DAY);
        start(WolkvoxSimulator.builder().clock(clock).hard());
        int changed = 0;
        for (int window = 0; window < 200; window++) {
            LocalDateTime from = DAY.plusMinutes(7L * window);
            LocalDateTime to = from.plusMinutes(1);
            clock.set(to);
            Map<String, Map<String, String>> early = simulator.records("reports_manager", "diagram_3", from, to, Map.of())
                    .stream().collect(Collectors.toMap(HardSimulatorTest::smartWaitId, row -> row));
            clock.set(to.plusMinutes(5));
            for (Map<String, String> row : simulator.records("reports_manager", "diagram_3", from, to, Map.of())) {
                Map<String, String> before = early.get(smartWaitId(row));
                if (before != null && !before.equals(row)) {
                    changed++;
                    assertEquals("YES", before.get("status"));
                    assertEquals("0", before.get("attempts"));
                    assertEquals("", before.get("date_last_outbound_call"));
                    assertNotEquals("0", row.get("attempts"));
                    assertEquals(before.get("customer_id"), row.get("customer_id"), "the same row, in its final state");
                }
            }
        }
        assertTrue(changed > 5, "rows served before their callback changed afterwards: " + changed);
    }

    private static String smartWaitId(Map<String, String> row) {
        return row.get("skill_id") + "|" + row.get("date_inbound_call") + "|" + row.get("ani");
    }

    @Test
    void msgCountsEveryMatchingRowWhileDataStopsAtTheCap() throws Exception {
        start(WolkvoxSimulator.builder().clock(new ManualClock(DAY.plusDays(2))).hard().recordCap(100));
        HttpResponse<byte[]> response = get("/api/v2/customer.php?api=agents_detail" + window(DAY, DAY.plusDays(1)));
        String body = new String(response.body(), StandardCharsets.UTF_8);
        int matching = simulator.records("customer", "agents_detail", DAY, DAY.plusDays(1), Map.of()).size();
        assertTrue(body.contains("\"msg\":\"" + matching + " records were found\""), body.substring(0, 80));
        assertEquals(100, simulator.calls().get(0).records());
    }

    @Test
    void aPathThatIsNoWolkvoxApiGetsTheWebServersHtmlPage() throws Exception {
        start(WolkvoxSimulator.builder());
        for (String path : List.of("/api/v2/reports_manger.php?api=diagram_1", "/api/v3/reports_manager.php?api=diagram_1",
                "/wolkvox/api/v2/customer.php?api=agents_detail")) {
            HttpResponse<byte[]> response = get(path + window(DAY, DAY.plusHours(1)));
            assertEquals(404, response.statusCode(), path);
            assertEquals("text/html", response.headers().firstValue("Content-Type").orElse(""), path);
            assertTrue(new String(response.body(), StandardCharsets.US_ASCII).contains("<title>404 Not Found</title>"), path);
        }
        HttpResponse<byte[]> noData = get("/api/v2/reports_manager.php?api=diagram_3"
                + window(LocalDateTime.of(2019, 1, 1, 0, 0), LocalDateTime.of(2019, 1, 2, 0, 0)));
        assertEquals(404, noData.statusCode());
        assertTrue(new String(noData.body(), StandardCharsets.UTF_8).startsWith("{\"code\":404"), "no data: Wolkvox's JSON");
    }

    @Test
    void poisonedRowsAreSpoiledTheSameWayOnEveryCall() throws Exception {
        start(WolkvoxSimulator.builder().poison("diagram_1", Poison.missingField("conn_id", 7))
                .poison("diagram_1", Poison.invalidUtf8("rp_name", 11))
                .poison("agents_detail", Poison.oversized("comment", 2_000_000, 50)));
        String query = "/api/v2/reports_manager.php?api=diagram_1&customer_id=" + window(DAY, DAY.plusHours(1));
        byte[] first = get(query).body();
        byte[] second = get(query).body();
        assertEquals(new String(first, StandardCharsets.ISO_8859_1), new String(second, StandardCharsets.ISO_8859_1));
        int rows = simulator.records("reports_manager", "diagram_1", DAY, DAY.plusHours(1), Map.of()).size();
        String text = new String(first, StandardCharsets.ISO_8859_1);
        int withId = text.split("\"conn_id\"", -1).length - 1;
        assertTrue(withId < rows && withId > rows * 3 / 4, "about one row in seven lacks conn_id: " + withId + " of " + rows);
        assertTrue(indexOf(first, (byte) 0xFF) > 0, "a byte that is no UTF-8");

        byte[] large = get("/api/v2/customer.php?api=agents_detail" + window(DAY, DAY.plusHours(1))).body();
        assertTrue(large.length > 2_000_000, "a row of 2 MB");
    }

    private static int indexOf(byte[] bytes, byte wanted) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void aLargeWindowOutlastsTheClientsTimeoutAndASmallOneDoesNot() throws Exception {
        start(WolkvoxSimulator.builder().timeoutAbove(100, Duration.ofSeconds(3)));
        HttpRequest large = HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/api/v2/customer.php?api=agents_detail"
                + window(DAY, DAY.plusHours(3)))).header("wolkvox-token", TOKEN).timeout(Duration.ofMillis(500)).build();
        assertThrows(HttpTimeoutException.class, () -> HTTP.send(large, HttpResponse.BodyHandlers.ofString()));
        HttpRequest small = HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/api/v2/customer.php?api=agents_detail"
                + window(DAY, DAY.plusMinutes(30)))).header("wolkvox-token", TOKEN).timeout(Duration.ofMillis(2000)).build();
        assertEquals(200, HTTP.send(small, HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    @Test
    void aCallsServedRowsAreWhatItAnswered() throws Exception {
        ManualClock clock = new ManualClock(DAY.plusHours(1));
        start(WolkvoxSimulator.builder().clock(clock).hard());
        String query = "/api/v2/reports_manager.php?api=diagram_1&customer_id=" + window(DAY, DAY.plusHours(1));
        get(query);
        clock.set(DAY.plusHours(3));
        get(query);
        List<WolkvoxSimulator.Call> calls = simulator.calls();
        Set<Map<String, String>> first = new HashSet<>(simulator.servedRecords(calls.get(0)));
        Set<Map<String, String>> second = new HashSet<>(simulator.servedRecords(calls.get(1)));
        assertEquals(calls.get(0).records(), first.size());
        assertNotEquals(first, second, "late rows arrived between the calls");
        assertTrue(second.containsAll(first));
        Map<String, Integer> sizes = new HashMap<>();
        calls.forEach(call -> sizes.put(call.at().toString(), call.records()));
        assertEquals(2, sizes.size());
    }
}
