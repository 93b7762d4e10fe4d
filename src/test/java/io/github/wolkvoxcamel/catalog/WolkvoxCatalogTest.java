package io.github.wolkvoxcamel.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.github.wolkvoxcamel.wolkvox.WolkvoxApis;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WolkvoxCatalogTest {

    private static final WolkvoxCatalog CATALOG = WolkvoxCatalog.shipped();

    private static CatalogEntry entry(String group, String api) {
        return CATALOG.entry(group, api).orElseThrow(() -> new AssertionError("no entry " + group + "/" + api));
    }

    private static <K> Map<K, Long> count(Function<CatalogEntry, K> by) {
        return CATALOG.entries().stream().collect(Collectors.groupingBy(by, TreeMap::new, Collectors.counting()));
    }

    @Test
    void listsEveryReadApiOnceInCollectionOrder() throws IOException {
        List<String> names = CATALOG.entries().stream().map(e -> e.group() + "/" + e.api()).toList();
        assertEquals(169, names.size());
        assertEquals(169, Set.copyOf(names).size(), "an api listed twice");
        // the app's own list of read apis (from the same collection) is the reference a clean clone has
        try (InputStream list = WolkvoxApis.class.getResourceAsStream("/wolkvox-read-apis.txt")) {
            Set<String> known = new String(list.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.startsWith("#") && line.contains("/")).collect(Collectors.toSet());
            assertEquals(known, Set.copyOf(names));
        }
        assertEquals("reports_manager/agent_1", names.get(0));
        assertEquals("reports_manager/agent_2", names.get(1));
        assertEquals("whatsapp/agent_chat", names.get(168));
    }

    @Test
    void countsPerGroup() {
        assertEquals(Map.of("reports_manager", 104L, "billing", 27L, "information", 16L, "real_time", 10L,
                "customer", 4L, "campaign", 3L, "whatsapp", 2L, "gamification", 1L, "quality", 1L,
                "speech_analytics", 1L), count(CatalogEntry::group));
    }

    @Test
    void countsPerShape() {
        assertEquals(Map.of(CatalogShape.DETAIL, 36L, CatalogShape.DETAIL_UNKEYED, 17L,
                CatalogShape.RANGE_AGGREGATE, 44L, CatalogShape.BUCKETED_AGGREGATE, 16L, CatalogShape.SNAPSHOT, 8L,
                CatalogShape.SLIDING_WINDOW, 2L, CatalogShape.BILLING_COUNTER, 27L, CatalogShape.LOOKUP, 19L),
                count(CatalogEntry::shape));
        assertEquals(Set.of("billing"), CATALOG.entries().stream()
                .filter(e -> e.shape() == CatalogShape.BILLING_COUNTER).map(CatalogEntry::group)
                .collect(Collectors.toSet()));
    }

    @Test
    void everyWindowedEntryRequiresBothDatesAndNoOtherDoes() {
        for (CatalogEntry entry : CATALOG.entries()) {
            assertEquals(entry.shape().windowed(), entry.required().containsAll(List.of("date_ini", "date_end")),
                    entry.api());
            assertEquals(entry.shape().windowed(), entry.required().contains("date_ini"), entry.api());
        }
        assertEquals(113, CATALOG.entries().stream().filter(e -> e.shape().windowed()).count());
    }

    @Test
    void bucketsHorizonsAndAggregateKeysFitTheirShapes() {
        for (CatalogEntry entry : CATALOG.entries()) {
            if (entry.shape() == CatalogShape.BUCKETED_AGGREGATE) {
                assertTrue(Set.of(Duration.ofHours(1), Duration.ofDays(1)).contains(entry.bucket()), entry.api());
            }
            if (entry.shape().reportShape() == ReportShape.AGGREGATE) {
                assertTrue(entry.keyFields().startsWith("@") && entry.keyFields().contains("@date_ini,@date_end"),
                        entry.api() + ": " + entry.keyFields());
            }
            if (entry.shape() == CatalogShape.DETAIL || entry.shape() == CatalogShape.SLIDING_WINDOW) {
                assertNotNull(entry.keyFields(), entry.api());
                assertFalse(entry.keyFields().contains("@"), entry.api() + ": a row with an id needs no parameter");
            }
        }
        assertEquals(Duration.ofMinutes(10), entry("real_time", "calls_last_10").horizon());
        assertEquals(Duration.ofHours(1), entry("real_time", "hits_last_hour").horizon());
        assertEquals("poll-time", entry("billing", "ivr_minutes").shape().dedup());
        assertEquals("full", entry("information", "agents").shape().dedup());
    }

    /** The five reports the app ships with must poll the way the catalog says. */
    @Test
    void shippedReportsMatchRoutesReportsYaml() throws IOException {
        JsonNode routes = new YAMLMapper().readTree(Path.of("routes", "reports.yaml").toFile());
        Map<String, Map<String, String>> shipped = new HashMap<>();
        for (JsonNode route : routes) {
            Map<String, String> parameters = new HashMap<>();
            route.path("templatedRoute").path("parameters")
                    .forEach(p -> parameters.put(p.path("name").asText(), p.path("value").asText()));
            shipped.put(parameters.get("api"), parameters);
        }
        for (String api : List.of("diagram_1", "diagram_3", "campaign_10", "calls_last_10", "agents_detail")) {
            Map<String, String> route = shipped.get(api);
            assertNotNull(route, api + " is no longer in routes/reports.yaml");
            CatalogEntry entry = entry(route.getOrDefault("group", "reports_manager"), api);
            assertEquals(route.get("keyFields"), entry.keyFields(), api);
            assertEquals(route.get("dateField"), entry.dateField(), api);
            assertEquals(ReportShape.parse(route.getOrDefault("shape", "detail")), entry.shape().reportShape(), api);
            assertNull(entry.missing(paramsOf(route.getOrDefault("params", ""))), api);
        }
        assertEquals("conn_id,rp_id,date", entry("reports_manager", "diagram_1").keyFields());
        assertEquals(CatalogShape.DETAIL_UNKEYED, entry("reports_manager", "diagram_3").shape());
        assertEquals(CatalogShape.RANGE_AGGREGATE, entry("reports_manager", "campaign_10").shape());
        assertEquals(CatalogShape.SLIDING_WINDOW, entry("real_time", "calls_last_10").shape());
    }

    private static Map<String, String> paramsOf(String params) {
        Map<String, String> parsed = new HashMap<>();
        for (String pair : params.split("&")) {
            if (!pair.isBlank()) {
                int eq = pair.indexOf('=');
                parsed.put(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1));
            }
        }
        return parsed;
    }

    @Test
    void keepsBothSpellingsWhereDocAndExampleDisagree() {
        CatalogField answers = entry("reports_manager", "chat_1").fields().stream()
                .filter(f -> f.name().equals("agent_anwers")).findFirst().orElseThrow();
        assertEquals("agent_anwers ", answers.example());
        assertEquals("agent_anwers ", answers.answerName());
        assertTrue(entry("reports_manager", "chat_1").quirks()
                .contains("example field \"agent_anwers \" ends with a space"));

        CatalogField agent = entry("reports_manager", "cdr_11").fields().stream()
                .filter(f -> f.name().equals("agent_name")).findFirst().orElseThrow();
        assertEquals("name_agent", agent.answerName());
        // a key uses the spelling the api sends
        assertEquals("@date_ini,@date_end,chanel", entry("reports_manager", "chat_13").keyFields());
        assertEquals("doc", entry("reports_manager", "agent_7").fields().stream()
                .filter(f -> f.name().equals("agent_dni")).findFirst().orElseThrow().only());
    }

    @Test
    void recordsTheIssuesQuirkCounts() {
        assertEquals(7, CATALOG.entries().stream()
                .filter(e -> e.quirks().stream().anyMatch(q -> q.startsWith("example code is blank"))).count());
        assertEquals(Map.of("dict", 5L, "list", 155L, "list(bare)", 1L, "nested", 7L, "unknown", 1L),
                count(CatalogEntry::data));
        assertEquals(Set.of("campaign_3", "campaign_9", "campaign_10"), CATALOG.entries().stream()
                .filter(e -> "all".equals(e.defaults().get("campaign_id"))).map(CatalogEntry::api)
                .collect(Collectors.toSet()));
    }

    @Test
    void saysWhichParameterARouteMisses() {
        CatalogEntry agent2 = entry("reports_manager", "agent_2");
        assertEquals("api agent_2 in group reports_manager needs parameter agent_id: add agent_id=... to the route's "
                + "params", agent2.missing(Map.of()));
        assertEquals(agent2.missing(Map.of()), agent2.missing(Map.of("agent_id", " ")));
        assertNull(agent2.missing(Map.of("agent_id", "12462")));
        assertEquals("api detail in group campaign needs parameters type_campaign, campaign_id, detail: add "
                + "type_campaign=...&campaign_id=...&detail=... to the route's params",
                entry("campaign", "detail").missing(Map.of()));
        // documented defaults fill in: campaign_id=all, diagram_1's empty customer_id
        assertNull(entry("reports_manager", "campaign_10").missing(Map.of()));
        assertNull(entry("reports_manager", "diagram_1").missing(Map.of()));
        assertTrue(entry("real_time", "skills").missing(Map.of()).contains("needs parameter skill_id"));
        assertNull(entry("customer", "agents_detail").missing(Map.of()));
    }

    @Test
    void anApiNameAloneMustBeUnique() {
        assertEquals("diagram_1", CATALOG.entry("diagram_1").orElseThrow().api());
        assertFalse(CATALOG.entry("no_such_api").isPresent());
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> CATALOG.entry("agents"));
        assertTrue(error.getMessage().contains("real_time, information"), error.getMessage());
        assertEquals("information", CATALOG.entry("information", "agents").orElseThrow().group());
    }

    private static final String GOOD = """
            - group: reports_manager
              api: diagram_3
              title: "3. Detalle espera inteligente"
              shape: detail-unkeyed
              bucket: null
              horizon: null
              required: [date_ini, date_end]
              optional: []
              defaults: {}
              fields:
                - {name: skill_id, type: String}
                - {name: date_inbound_call, type: String}
                - {name: ani, type: String}
              keyFields: "skill_id,date_inbound_call,ani"
              dateField: date_inbound_call
              dedup: content-version
              data: list
              quirks: []
            """;

    private static String malformed(String yaml) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> WolkvoxCatalog.read(
                "broken.yaml", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))));
        assertTrue(error.getMessage().startsWith("resource broken.yaml"), error.getMessage());
        return error.getMessage();
    }

    @Test
    void refusesAMalformedResourceNamingItAndTheEntry() {
        assertEquals(1, WolkvoxCatalog.read("good.yaml",
                new ByteArrayInputStream(GOOD.getBytes(StandardCharsets.UTF_8))).entries().size());
        String entry = "resource broken.yaml, entry reports_manager/diagram_3: ";
        assertEquals(entry + "shape 'detail-ish' is none of detail, detail-unkeyed, range-aggregate, "
                + "bucketed-aggregate, snapshot, sliding-window, billing-counter, lookup",
                malformed(GOOD.replace("shape: detail-unkeyed", "shape: detail-ish")));
        assertEquals(entry + "keyFields part 'caller' is no field of the answer",
                malformed(GOOD.replace(",ani\"", ",caller\"")));
        assertEquals(entry + "a detail-unkeyed needs date_ini and date_end as required parameters",
                malformed(GOOD.replace("[date_ini, date_end]", "[date_ini]")));
        assertEquals(entry + "dedup range does not fit shape detail-unkeyed, which is content-version",
                malformed(GOOD.replace("dedup: content-version", "dedup: range")));
        assertTrue(malformed(GOOD.replace("  dateField:", "  datefield:"))
                .startsWith(entry + "an entry has unknown key 'datefield'"));
        assertTrue(malformed(GOOD.replace("  bucket: null\n", "")).startsWith(entry + "an entry lacks key 'bucket'"));
        assertEquals("resource broken.yaml, entry reports_manager/diagram_3: listed twice", malformed(GOOD + GOOD));
        assertTrue(malformed("api: diagram_3\n").contains("must be a YAML list of entries"));
        assertTrue(malformed("- [unclosed\n").contains("is not readable YAML"));
    }
}
