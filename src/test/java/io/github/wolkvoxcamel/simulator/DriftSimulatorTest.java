package io.github.wolkvoxcamel.simulator;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.wolkvoxcamel.catalog.CatalogEntry;
import io.github.wolkvoxcamel.catalog.SchemaDrift;
import io.github.wolkvoxcamel.catalog.WolkvoxCatalog;
import io.github.wolkvoxcamel.time.WolkvoxTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The simulator serves what the catalog says, so its answers show no schema drift, for every api; with a
 * {@link Drift} it disagrees exactly as told.
 */
class DriftSimulatorTest {

    private static final String TOKEN = "drift-simulator-token";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };
    private static final LocalDateTime NOW = LocalDateTime.of(2026, 3, 11, 15, 20, 7);

    private WolkvoxSimulator simulator;

    @AfterEach
    void stop() {
        simulator.close();
    }

    private List<Map<String, Object>> records(CatalogEntry entry) throws IOException, InterruptedException {
        LocalDateTime to = NOW.minusMinutes(1);
        StringBuilder uri = new StringBuilder(simulator.baseUrl() + "/api/v2/" + entry.group() + ".php?api=" + entry.api());
        for (String name : entry.required()) {
            String value = switch (name) {
                case "date_ini" -> WolkvoxTime.formatRequest(to.minusHours(6));
                case "date_end" -> WolkvoxTime.formatRequest(to);
                default -> entry.defaults().getOrDefault(name, CatalogSimulatorTest.SAMPLE.getOrDefault(name, "1"));
            };
            uri.append('&').append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(uri.toString()))
                .header("wolkvox-token", TOKEN).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), entry.group() + "/" + entry.api() + ": " + answer.body());
        JsonNode root = JSON.readTree(answer.body());
        JsonNode data = root.isArray() ? root : root.get("data");
        List<Map<String, Object>> records = new ArrayList<>();
        if (data.isObject()) {
            records.add(JSON.convertValue(data, MAP));
        } else {
            data.forEach(record -> records.add(JSON.convertValue(record, MAP)));
        }
        return records;
    }

    private static SchemaDrift drift(CatalogEntry entry) {
        return SchemaDrift.of(entry, entry.routeKey(), entry.dateField() == null ? "" : entry.dateField(),
                WolkvoxTime.BOGOTA);
    }

    @Test
    void everyCatalogApiAnswersAsItsEntrySays() throws Exception {
        simulator = WolkvoxSimulator.builder().clock(new HardSimulatorTest.ManualClock(NOW)).token(TOKEN).build().start();
        List<String> drifted = new ArrayList<>();
        for (CatalogEntry entry : WolkvoxCatalog.shipped().entries()) {
            SchemaDrift drift = drift(entry);
            for (Map<String, Object> record : records(entry)) {
                drift.check(record).forEach(difference -> drifted.add(entry.group() + "/" + entry.api() + " "
                        + difference));
            }
        }
        assertEquals(List.of(), drifted.stream().distinct().toList());
    }

    @Test
    void aDriftingReportDisagreesExactlyAsTold() throws Exception {
        CatalogEntry agents = WolkvoxCatalog.shipped().entry("customer", "agents_detail").orElseThrow();
        simulator = WolkvoxSimulator.builder().clock(new HardSimulatorTest.ManualClock(NOW)).token(TOKEN)
                .drift("agents_detail", new Drift(Map.of("telephone", "phone"), Map.of("queue_id", "7"),
                        Set.of("comment", "conn_id"), Map.of("date", "dd/MM/yyyy HH:mm:ss")))
                .build().start();
        List<Map<String, Object>> records = records(agents);
        assertTrue(records.size() > 10, "a few hours of rows: " + records.size());
        Set<SchemaDrift.Difference> found = new LinkedHashSet<>();
        records.forEach(record -> found.addAll(drift(agents).check(record)));
        assertEquals(Set.of(
                new SchemaDrift.Difference("conn_id", SchemaDrift.Kind.KEY_MISSING, "key field, text", "absent"),
                new SchemaDrift.Difference("date", SchemaDrift.Kind.DATE, "date-time", "text like 99/99/9999 99:99:99"),
                new SchemaDrift.Difference("telephone", SchemaDrift.Kind.MISSING, "text", "absent"),
                new SchemaDrift.Difference("comment", SchemaDrift.Kind.MISSING, "text", "absent"),
                new SchemaDrift.Difference("phone", SchemaDrift.Kind.ADDED, "absent", "text"),
                new SchemaDrift.Difference("queue_id", SchemaDrift.Kind.ADDED, "absent", "text")), found);
        Map<String, Object> first = records.get(0);
        assertEquals("7", first.get("queue_id"));
        assertTrue(first.get("date").toString().matches("\\d\\d/\\d\\d/\\d{4} \\d\\d:\\d\\d:\\d\\d"), first.toString());
        assertEquals(List.copyOf(first.keySet()).indexOf("phone"), 9, "a renamed field keeps its place: " + first.keySet());
    }
}
