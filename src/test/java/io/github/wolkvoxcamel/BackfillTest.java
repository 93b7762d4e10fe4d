package io.github.wolkvoxcamel;

import io.github.wolkvoxcamel.simulator.WolkvoxSimulator;
import io.github.wolkvoxcamel.state.WindowLedger;
import io.github.wolkvoxcamel.time.WolkvoxTime;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A backfill of two weeks against a simulator that cuts answers at 3,000 records. */
class BackfillTest {

    private static final int CAP = 3_000;

    @Test
    void deliversExactlyTheRangesRecordsSplittingFullWindows() throws Exception {
        LocalDate lastDay = LocalDate.now(WolkvoxTime.BOGOTA).minusDays(1);
        LocalDate firstDay = lastDay.minusDays(14);
        try (TestEnvironment env = TestEnvironment.start(WolkvoxSimulator.builder().recordCap(CAP),
                Map.of("wolkvox.record-cap", Integer.toString(CAP)))) {
            Set<Path> answersBefore = spooledAnswers();
            int exitCode;
            try (RunningApp app = RunningApp.start("backfill", "--from", firstDay.toString(), "--to", lastDay.toString(),
                    "--reports", "diagram_1,agents_detail")) {
                await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> scrape(env).contains("wolkvox_backfill_records{route=\"wolkvox-diagram_1\"}"));
                exitCode = app.awaitExit(Duration.ofMinutes(3));
            }
            assertEquals(0, exitCode);
            Set<Path> answersLeft = spooledAnswers();
            answersLeft.removeAll(answersBefore);
            assertEquals(Set.of(), answersLeft, "every window's spooled answer is deleted when the window ends");

            LocalDateTime from = firstDay.atStartOfDay();
            LocalDateTime to = lastDay.plusDays(1).atStartOfDay().minusSeconds(1);
            for (String api : List.of("diagram_1", "agents_detail")) {
                String group = api.equals("diagram_1") ? "reports_manager" : "customer";
                Map<String, String> params = api.equals("diagram_1") ? Map.of("customer_id", "") : Map.of();
                List<String> expected = env.simulator.records(group, api, from, to, params).stream().map(r -> r.get("conn_id")).toList();
                assertTrue(expected.size() > 10 * CAP, api + " range holds many caps of records: " + expected.size());
                RecordAssertions.assertExactlyOnce(api, expected, env.fileRecords(api).stream().map(r -> r.get("conn_id")).toList());

                List<WolkvoxSimulator.Call> calls = env.simulator.calls().stream().filter(c -> c.api().equals(api)).toList();
                assertTrue(calls.stream().allMatch(c -> Duration.between(c.from(), c.to()).plusSeconds(1)
                        .compareTo(Duration.ofDays(31)) <= 0), api + ": no call spans more than 31 days");
                assertTrue(calls.stream().anyMatch(c -> c.records() == CAP), api + ": some answers were cut at the cap");
                assertTrue(calls.stream().filter(c -> c.records() < CAP).mapToLong(WolkvoxSimulator.Call::records).sum()
                        == expected.size(), api + ": the answers below the cap hold every record once");
                // chunks are sized from the records per second seen: about the fewest calls, plus the first full one
                long minimum = (expected.size() + CAP - 1) / CAP;
                assertTrue(calls.size() <= Math.ceil(minimum * 1.2) + 1, api + ": " + calls.size() + " calls, minimum " + minimum);
                List<WindowLedger.Entry> ledger = new WindowLedger(env.stateDir).entries("wolkvox-" + api, firstDay);
                assertEquals("split", ledger.get(0).outcome(), "the first, full window was split: " + ledger.get(0));
            }
            assertNull(env.watermark("wolkvox-diagram_1"), "a backfill leaves the live watermark alone");
        }
    }

    private static String scrape(TestEnvironment env) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + env.managementPort
                + "/observe/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static Set<Path> spooledAnswers() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(file -> file.getFileName().toString().startsWith("wolkvox-answer-"))
                    .collect(Collectors.toCollection(HashSet::new));
        }
    }

    @Test
    void aBadBackfillCommandExitsWithItsUsage() throws Exception {
        assertEquals(2, Application.run(new String[] {"backfill", "--from", "2026-01-01"}));
        assertEquals(2, Application.run(new String[] {"backfil"}));
        assertTrue(Path.of("routes").toFile().isDirectory());
    }
}
