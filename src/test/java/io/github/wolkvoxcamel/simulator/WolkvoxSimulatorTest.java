package io.github.wolkvoxcamel.simulator;

import io.github.wolkvoxcamel.time.WolkvoxTime;
import io.github.wolkvoxcamel.wolkvox.AnswerClassifier;
import io.github.wolkvoxcamel.wolkvox.Envelope;
import io.github.wolkvoxcamel.wolkvox.EnvelopeReader;
import io.github.wolkvoxcamel.wolkvox.WolkvoxAnswerException;
import io.github.wolkvoxcamel.wolkvox.WolkvoxErrorClass;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WolkvoxSimulatorTest {

    private static final String TOKEN = "simulator-test-token";
    private static final LocalDateTime DAY = LocalDateTime.of(2026, 3, 2, 0, 0);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private WolkvoxSimulator simulator;

    private WolkvoxSimulator start(WolkvoxSimulator.Builder builder) {
        simulator = builder.token(TOKEN).build().start();
        return simulator;
    }

    @AfterEach
    void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }

    private HttpResponse<String> get(String pathAndQuery, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(simulator.baseUrl() + pathAndQuery));
        if (token != null) {
            request.header("wolkvox-token", token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String window(LocalDateTime from, LocalDateTime to) {
        return "&date_ini=" + WolkvoxTime.formatRequest(from) + "&date_end=" + WolkvoxTime.formatRequest(to);
    }

    private static Envelope classify(HttpResponse<String> response) {
        return AnswerClassifier.classify(response.statusCode(),
                new ByteArrayInputStream(response.body().getBytes(StandardCharsets.UTF_8)));
    }

    private static WolkvoxErrorClass errorClass(HttpResponse<String> response) {
        return assertThrows(WolkvoxAnswerException.class, () -> classify(response)).errorClass();
    }

    private static List<Map<String, Object>> records(HttpResponse<String> response) {
        List<Map<String, Object>> records = new ArrayList<>();
        EnvelopeReader.records(new ByteArrayInputStream(response.body().getBytes(StandardCharsets.UTF_8)))
                .forEachRemaining(records::add);
        return records;
    }

    @Test
    void servesTheFiveReferenceReportsWithDocumentedFieldsAndCodeTypes() throws Exception {
        start(WolkvoxSimulator.builder());
        String day = window(DAY, DAY.plusHours(1));
        Map<String, List<String>> fields = Map.of(
                "/api/v2/reports_manager.php?api=diagram_1&customer_id=" + day,
                List.of("rp_id", "rp_name", "cod_opc_menu", "dn_transfer", "date", "result", "ani", "time", "customer_id", "conn_id"),
                "/api/v2/reports_manager.php?api=diagram_3" + day,
                List.of("skill_id", "date_inbound_call", "date_last_outbound_call", "status", "attempts", "ani", "dial_phone",
                        "time_between_calls", "time", "billed_minutes", "customer_id"),
                "/api/v2/reports_manager.php?api=campaign_10&campaign_id=all" + day, List.of("machinecode", "cantidad"),
                "/api/v2/real_time.php?api=calls_last_10", List.of("type_interaction", "result", "date", "telephone", "customer_id", "conn_id"),
                "/api/v2/customer.php?api=agents_detail" + day,
                List.of("operation", "conn_id", "type_call", "date", "agent_id", "agent_name", "skill", "duration", "cod_act",
                        "cod_act_2", "telephone", "hung_up", "comment", "screecbox", "agent_status", "customer_id", "destiny",
                        "time", "campaign_id"));
        for (Map.Entry<String, List<String>> report : fields.entrySet()) {
            HttpResponse<String> response = get(report.getKey(), TOKEN);
            assertEquals(200, response.statusCode(), report.getKey() + " " + response.body());
            Envelope envelope = classify(response);
            assertTrue(envelope.recordCount() > 0, report.getKey());
            assertEquals(envelope.recordCount() + " records were found", envelope.msg());
            for (Map<String, Object> record : records(response)) {
                assertEquals(report.getValue(), new ArrayList<>(record.keySet()), report.getKey());
                record.values().forEach(value -> assertTrue(value instanceof String, "every value is a string"));
            }
            boolean stringCode = report.getKey().contains("campaign_10");
            assertTrue(response.body().startsWith(stringCode ? "{\"code\":\"200\"" : "{\"code\":200"), response.body());
        }
    }

    @Test
    void dataIsDeterministicAndWindowsPartitionIt() throws Exception {
        start(WolkvoxSimulator.builder());
        List<Map<String, String>> whole = simulator.records("reports_manager", "diagram_1", DAY, DAY.plusHours(2).minusSeconds(1), Map.of());
        List<Map<String, String>> first = simulator.records("reports_manager", "diagram_1", DAY, DAY.plusHours(1).minusSeconds(1), Map.of());
        List<Map<String, String>> second = simulator.records("reports_manager", "diagram_1", DAY.plusHours(1), DAY.plusHours(2).minusSeconds(1), Map.of());
        List<Map<String, String>> joined = new ArrayList<>(first);
        joined.addAll(second);
        assertEquals(whole, joined);
        assertEquals(whole.size(), new HashSet<>(whole.stream().map(r -> r.get("conn_id")).toList()).size());
        HttpResponse<String> response = get("/api/v2/reports_manager.php?api=diagram_1&customer_id="
                + window(DAY, DAY.plusHours(1).minusSeconds(1)), TOKEN);
        assertEquals(first, records(response));
        try (WolkvoxSimulator again = WolkvoxSimulator.builder().build()) {
            assertEquals(whole, again.records("reports_manager", "diagram_1", DAY, DAY.plusHours(2).minusSeconds(1), Map.of()));
        }
    }

    @Test
    void tokenAndRequestErrorsAreTheDocumentedOnes() throws Exception {
        start(WolkvoxSimulator.builder());
        String ok = "/api/v2/reports_manager.php?api=diagram_3" + window(DAY, DAY.plusHours(1));
        HttpResponse<String> noToken = get(ok, null);
        assertEquals(401, noToken.statusCode());
        assertTrue(noToken.body().contains("PLEASE ENTER THE WOLKVOX-TOKEN"));
        assertEquals(WolkvoxErrorClass.TOKEN_INVALID, errorClass(noToken));
        HttpResponse<String> badToken = get(ok, "not-a-token");
        assertEquals(403, badToken.statusCode());
        assertTrue(badToken.body().contains("PLEASE VALIDATE TOKEN"));
        assertEquals(WolkvoxErrorClass.TOKEN_INVALID, errorClass(badToken));
        HttpResponse<String> unknownApi = get("/api/v2/reports_manager.php?api=diagram_99" + window(DAY, DAY.plusHours(1)), TOKEN);
        assertEquals(400, unknownApi.statusCode());
        assertTrue(unknownApi.body().contains("THE API YOU WANT TO CONSULT DOES NOT EXIST"));
        assertEquals(WolkvoxErrorClass.CONFIGURATION, errorClass(unknownApi));
        HttpResponse<String> noDates = get("/api/v2/reports_manager.php?api=diagram_3", TOKEN);
        assertEquals(400, noDates.statusCode());
        assertTrue(noDates.body().contains("SOME PARAMETERS ARE REQUIRED"));
        HttpResponse<String> noCampaign = get("/api/v2/reports_manager.php?api=campaign_10" + window(DAY, DAY.plusHours(1)), TOKEN);
        assertEquals(400, noCampaign.statusCode());
        HttpResponse<String> tooLong = get("/api/v2/reports_manager.php?api=diagram_3" + window(DAY, DAY.plusDays(31)), TOKEN);
        assertEquals(400, tooLong.statusCode());
        assertEquals(200, get("/api/v2/reports_manager.php?api=diagram_3"
                + window(DAY, DAY.plusDays(31).minusSeconds(1)), TOKEN).statusCode());
        HttpResponse<String> empty = get("/api/v2/reports_manager.php?api=diagram_3"
                + window(LocalDateTime.of(2019, 1, 1, 0, 0), LocalDateTime.of(2019, 1, 2, 0, 0)), TOKEN);
        assertEquals(404, empty.statusCode());
        assertEquals(Envelope.EMPTY, classify(empty));
    }

    @Test
    void answersAreCutSilentlyAtTheRecordCap() throws Exception {
        start(WolkvoxSimulator.builder().recordCap(100));
        HttpResponse<String> response = get("/api/v2/customer.php?api=agents_detail" + window(DAY, DAY.plusDays(1)), TOKEN);
        assertEquals(200, response.statusCode());
        assertEquals(100, classify(response).recordCount());
        assertTrue(simulator.records("customer", "agents_detail", DAY, DAY.plusDays(1), Map.of()).size() > 100);
        assertEquals(simulator.records("customer", "agents_detail", DAY, DAY.plusDays(1), Map.of()).subList(0, 100),
                records(response));
    }

    @Test
    void aThirdCallInFlightOnOneTokenIsRefusedAndCounted() throws Exception {
        start(WolkvoxSimulator.builder().responseDelay(Duration.ofMillis(800)));
        String query = "/api/v2/reports_manager.php?api=diagram_3" + window(DAY, DAY.plusHours(1));
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            calls.add(HTTP.sendAsync(HttpRequest.newBuilder(URI.create(simulator.baseUrl() + query))
                    .header("wolkvox-token", TOKEN).build(), HttpResponse.BodyHandlers.ofString()));
        }
        List<Integer> statuses = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> call : calls) {
            HttpResponse<String> response = call.get();
            statuses.add(response.statusCode());
            if (response.statusCode() == 403) {
                assertTrue(response.body().contains("EXCEEDS THE LIMIT OF SIMULTANEOUS REQUESTS PER TOKEN (2)"));
                assertEquals(WolkvoxErrorClass.CONCURRENCY_LIMIT, errorClass(response));
            }
        }
        assertEquals(List.of(200, 200, 403), statuses.stream().sorted().toList());
        assertEquals(3, simulator.maxInFlightSeen(TOKEN));
    }

    @Test
    void theDailyQuotaRunsOut() throws Exception {
        start(WolkvoxSimulator.builder().dailyQuota(2));
        String query = "/api/v2/real_time.php?api=calls_last_10";
        assertNotEquals(403, get(query, TOKEN).statusCode());
        assertNotEquals(403, get(query, TOKEN).statusCode());
        HttpResponse<String> third = get(query, TOKEN);
        assertEquals(403, third.statusCode());
        assertTrue(third.body().contains("TOKEN LIMIT EXCEEDED"));
        assertEquals(WolkvoxErrorClass.QUOTA_EXHAUSTED, errorClass(third));
        assertEquals(3, simulator.callsToday(TOKEN));
    }

    @Test
    void injectedFaultsAreClassifiedAsTheirKind() throws Exception {
        start(WolkvoxSimulator.builder());
        String query = "/api/v2/reports_manager.php?api=diagram_1&customer_id=" + window(DAY, DAY.plusHours(1));
        simulator.inject("diagram_1", Fault.truncatedJson());
        simulator.inject("diagram_1", Fault.maintenancePage());
        simulator.inject("diagram_1", Fault.htmlOk());
        simulator.inject("diagram_1", Fault.serverError());
        simulator.inject("diagram_1", Fault.status(502, "text/plain", "Bad Gateway"));
        assertEquals(WolkvoxErrorClass.MALFORMED_ANSWER, errorClass(get(query, TOKEN)));
        assertEquals(WolkvoxErrorClass.MAINTENANCE, errorClass(get(query, TOKEN)));
        assertEquals(WolkvoxErrorClass.MALFORMED_ANSWER, errorClass(get(query, TOKEN)));
        assertEquals(WolkvoxErrorClass.SERVER_ERROR, errorClass(get(query, TOKEN)));
        assertEquals(WolkvoxErrorClass.SERVER_ERROR, errorClass(get(query, TOKEN)));
        assertTrue(classify(get(query, TOKEN)).recordCount() > 0, "faults are used up one call each");
    }

    @Test
    void aDelayedAnswerOutlastsAClientTimeout() throws Exception {
        start(WolkvoxSimulator.builder());
        simulator.inject(null, Fault.delay(Duration.ofSeconds(3)));
        HttpRequest request = HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/api/v2/real_time.php?api=calls_last_10"))
                .header("wolkvox-token", TOKEN).timeout(Duration.ofMillis(500)).build();
        assertThrows(java.net.http.HttpTimeoutException.class, () -> HTTP.send(request, HttpResponse.BodyHandlers.ofString()));
    }
}
