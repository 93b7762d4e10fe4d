package io.github.wolkvoxcamel.simulator;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.github.wolkvoxcamel.catalog.CatalogEntry;
import io.github.wolkvoxcamel.catalog.CatalogField;
import io.github.wolkvoxcamel.catalog.CatalogShape;
import io.github.wolkvoxcamel.catalog.RecordTypes;
import io.github.wolkvoxcamel.catalog.ReportSchema;
import io.github.wolkvoxcamel.catalog.WolkvoxCatalog;
import io.github.wolkvoxcamel.time.WolkvoxTime;
import io.github.wolkvoxcamel.wolkvox.AnswerClassifier;
import io.github.wolkvoxcamel.wolkvox.Envelope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every api of the catalog, asked over HTTP: it answers in its data kind, with the catalog's field names and keys,
 * dated inside the window; aggregates repeat for the same window, snapshots and counters move with the clock.
 */
public class CatalogSimulatorTest {

    private static final String TOKEN = "catalog-simulator-token";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };
    private static final WolkvoxCatalog CATALOG = WolkvoxCatalog.shipped();
    private static final LocalDateTime NOW = LocalDateTime.of(2026, 3, 11, 15, 20, 7);
    /** Three whole hours of one day, for every windowed api but the daily buckets. */
    private static final LocalDateTime HOURS_FROM = LocalDateTime.of(2026, 3, 10, 8, 0);
    private static final LocalDateTime HOURS_TO = HOURS_FROM.plusHours(3).minusSeconds(1);
    /** Two whole days, for daily buckets. */
    private static final LocalDateTime DAYS_FROM = LocalDateTime.of(2026, 3, 8, 0, 0);
    private static final LocalDateTime DAYS_TO = DAYS_FROM.plusDays(2).minusSeconds(1);
    /** Values for required parameters without a documented one; any value is accepted. */
    public static final Map<String, String> SAMPLE = Map.of("agent_id", "12462", "skill_id", "5003",
            "campaign_id", "102", "cod_act", "VENTA", "type", "all", "phone", "3001234567", "customer_phone",
            "3001234567", "customer_id", "1020304050", "nit", "900123456");
    private static final Pattern SUB_BUCKET = Pattern.compile("(\\d+)-minute rows");
    private static final Map<String, DateTimeFormatter> DAY_FORMATS = Map.of(
            "yyyy-MM-dd HH:mm:ss", WolkvoxTime.RECORD_FORMAT, "yyyy-MM-dd", DateTimeFormatter.ofPattern("uuuu-MM-dd"),
            "yyyyMMddHH", DateTimeFormatter.ofPattern("uuuuMMddHH"), "yyyyMMdd", DateTimeFormatter.ofPattern("uuuuMMdd"));

    private WolkvoxSimulator simulator;
    private HardSimulatorTest.ManualClock clock;

    @AfterEach
    void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }

    private WolkvoxSimulator start(WolkvoxSimulator.Builder builder) {
        clock = new HardSimulatorTest.ManualClock(NOW);
        simulator = builder.clock(clock).token(TOKEN).build().start();
        return simulator;
    }

    private static LocalDateTime from(CatalogEntry entry) {
        return Duration.ofDays(1).equals(entry.bucket()) ? DAYS_FROM : HOURS_FROM;
    }

    private static LocalDateTime to(CatalogEntry entry) {
        return Duration.ofDays(1).equals(entry.bucket()) ? DAYS_TO : HOURS_TO;
    }

    /** The request's parameters: the window for windowed apis, a value for every other required one. */
    private static Map<String, String> params(CatalogEntry entry, LocalDateTime from, LocalDateTime to) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String name : entry.required()) {
            params.put(name, switch (name) {
                case "date_ini" -> WolkvoxTime.formatRequest(from);
                case "date_end" -> WolkvoxTime.formatRequest(to);
                default -> entry.defaults().getOrDefault(name, SAMPLE.getOrDefault(name, "1"));
            });
        }
        return params;
    }

    private HttpResponse<String> get(CatalogEntry entry, Map<String, String> params) throws IOException, InterruptedException {
        StringBuilder uri = new StringBuilder(simulator.baseUrl() + "/api/v2/" + entry.group() + ".php?api=" + entry.api());
        params.forEach((name, value) -> uri.append('&').append(name).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return HTTP.send(HttpRequest.newBuilder(URI.create(uri.toString())).header("wolkvox-token", TOKEN).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(CatalogEntry entry) throws IOException, InterruptedException {
        return get(entry, params(entry, from(entry), to(entry)));
    }

    /** The records of an answer: data's array, data as one object, or the bare array. */
    private static List<JsonNode> records(String body) throws IOException {
        JsonNode root = JSON.readTree(body);
        JsonNode data = root.isArray() ? root : root.get("data");
        List<JsonNode> records = new ArrayList<>();
        if (data.isObject()) {
            records.add(data);
        } else {
            data.forEach(records::add);
        }
        return records;
    }

    private static Set<String> answerNames(CatalogEntry entry) {
        return entry.fields().stream().map(CatalogField::answerName).collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * The catalog-style names of a record's fields ({@code x[]} and {@code x[].y} for a list of objects, {@code x{}} and
     * {@code x.y} for an object); a value that is neither a string nor JSON made of strings is reported in
     * {@code notStrings}.
     */
    private static void paths(String prefix, JsonNode object, Set<String> names, Set<String> known, List<String> notStrings) {
        object.properties().forEach(field -> {
            String name = prefix + field.getKey();
            JsonNode value = field.getValue();
            if (value.isTextual()) {
                names.add(name);
            } else if (value.isObject()) {
                names.add(name + "{}");
                paths(name + ".", value, names, known, notStrings);
            } else if (value.isArray() && value.size() > 0 && value.get(0).isObject()) {
                names.add(name + "[]");
                value.forEach(element -> paths(name + "[].", element, names, known, notStrings));
            } else if (value.isArray()) {
                names.add(known.contains(name + "[]") ? name + "[]" : name);
                value.forEach(element -> {
                    if (!element.isTextual()) {
                        notStrings.add(name + "[]");
                    }
                });
            } else {
                notStrings.add(name);
            }
        });
    }

    private static List<String> keyParts(CatalogEntry entry) {
        return entry.keyFields() == null ? List.of() : java.util.Arrays.stream(entry.keyFields().split(","))
                .map(String::trim).filter(part -> !part.startsWith("@")).toList();
    }

    @Test
    void everyCatalogApiAnswersInItsDataKindWithTheCatalogsFieldsKeysAndDates() throws Exception {
        start(WolkvoxSimulator.builder());
        List<String> failures = new ArrayList<>();
        assertEquals(169, CATALOG.entries().size());
        for (CatalogEntry entry : CATALOG.entries()) {
            String api = entry.group() + "/" + entry.api();
            HttpResponse<String> response = get(entry);
            if (response.statusCode() != 200) {
                failures.add(api + ": HTTP " + response.statusCode() + " " + response.body());
                continue;
            }
            JsonNode root = JSON.readTree(response.body());
            String kind = root.isArray() ? "list(bare)" : root.path("data").isObject() ? "dict" : "list";
            String expected = entry.data().equals("nested") || entry.data().equals("unknown") ? "list" : entry.data();
            if (!kind.equals(expected)) {
                failures.add(api + ": data is " + kind + ", the catalog says " + entry.data());
            }
            Envelope envelope = AnswerClassifier.classify(200,
                    new ByteArrayInputStream(response.body().getBytes(StandardCharsets.UTF_8)));
            List<JsonNode> records = records(response.body());
            if (!envelope.successful() || envelope.recordCount() != records.size() || records.isEmpty()) {
                failures.add(api + ": code " + envelope.code() + ", " + envelope.recordCount() + " counted, "
                        + records.size() + " records");
                continue;
            }
            Set<String> known = answerNames(entry);
            Set<String> answered = new TreeSet<>();
            List<String> notStrings = new ArrayList<>();
            Set<List<String>> keys = new HashSet<>();
            boolean nested = false;
            for (JsonNode record : records) {
                Set<String> names = new TreeSet<>();
                paths("", record, names, known, notStrings);
                answered.addAll(names);
                nested |= names.stream().anyMatch(name -> name.endsWith("[]") || name.endsWith("{}"));
                List<String> key = new ArrayList<>();
                for (String part : keyParts(entry)) {
                    String value = record.path(part).isTextual() ? record.get(part).textValue() : "";
                    if (value.isBlank()) {
                        failures.add(api + ": key part " + part + " is empty or missing in " + record);
                    }
                    key.add(value);
                }
                if (!key.isEmpty() && !keys.add(key)) {
                    failures.add(api + ": two records have the key " + key);
                }
                if (entry.shape().windowed() && entry.dateField() != null) {
                    LocalDateTime date = LocalDateTime.parse(record.path(entry.dateField()).asText(), WolkvoxTime.RECORD_FORMAT);
                    if (date.isBefore(from(entry)) || date.isAfter(to(entry))) {
                        failures.add(api + ": " + entry.dateField() + " " + date + " is outside the window");
                    }
                }
            }
            if (!answered.equals(known)) {
                Set<String> outside = new TreeSet<>(answered);
                outside.removeAll(known);
                Set<String> missing = new TreeSet<>(known);
                missing.removeAll(answered);
                failures.add(api + ": fields not in the catalog " + outside + ", catalog fields not answered " + missing);
            }
            if (!notStrings.isEmpty()) {
                failures.add(api + ": values that are no strings " + notStrings);
            }
            if (entry.data().equals("nested") && !nested) {
                failures.add(api + ": nested data without a nested list or object");
            }
        }
        assertEquals(List.of(), failures);
    }

    /**
     * Every catalog api's simulated records validate against the JSON Schema the catalog gives its report, and, typed
     * as the catalog says, against its typed schema: every value converts.
     */
    @Test
    void everyCatalogApisRecordsValidateAgainstItsReportSchema() throws Exception {
        start(WolkvoxSimulator.builder());
        JsonSchemaFactory schemas = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        List<String> failures = new ArrayList<>();
        int validated = 0;
        for (CatalogEntry entry : CATALOG.entries()) {
            JsonSchema schema = schemas.getSchema(ReportSchema.of(entry));
            JsonSchema typedSchema = schemas.getSchema(ReportSchema.typed(entry));
            RecordTypes types = RecordTypes.of(entry, WolkvoxTime.BOGOTA);
            for (JsonNode record : records(get(entry).body())) {
                Set<ValidationMessage> errors = new LinkedHashSet<>(schema.validate(record));
                try {
                    errors.addAll(typedSchema.validate(JSON.valueToTree(types.convert(JSON.convertValue(record, MAP)))));
                } catch (RecordTypes.UntypedException e) {
                    failures.add(entry.group() + "/" + entry.api() + ": " + e.getMessage());
                    break;
                }
                validated++;
                if (!errors.isEmpty()) {
                    failures.add(entry.group() + "/" + entry.api() + ": " + errors.iterator().next().getMessage());
                    break;
                }
            }
        }
        assertEquals(List.of(), failures);
        assertTrue(validated > 1000, "records validated: " + validated);
        // and the schemas can fail: a number where Wolkvox sends a string, a key field missing
        CatalogEntry skills = CATALOG.entry("customer", "skills_detail").orElseThrow();
        ObjectNode record = (ObjectNode) records(get(skills).body()).get(0);
        record.put("skill_id", 12);
        assertFalse(schemas.getSchema(ReportSchema.of(skills)).validate(record).isEmpty(), "a number is no string");
        record.remove("skill_id");
        assertFalse(schemas.getSchema(ReportSchema.of(skills)).validate(record).isEmpty(), "a key field is required");
        JsonSchema typedSkills = schemas.getSchema(ReportSchema.typed(skills));
        ObjectNode typed = JSON.valueToTree(RecordTypes.of(skills, WolkvoxTime.BOGOTA)
                .convert(JSON.convertValue(records(get(skills).body()).get(0), MAP)));
        assertEquals(Set.of(), typedSkills.validate(typed));
        typed.put("calls_ans_10", "3");
        assertFalse(typedSkills.validate(typed).isEmpty(), "in the typed schema, a count is a number");
    }

    @Test
    void detailRowsAreDatedInsideTheWindowOnePerEventWithUniqueCallIds() throws Exception {
        start(WolkvoxSimulator.builder());
        CatalogEntry cdr = CATALOG.entry("reports_manager", "cdr_1").orElseThrow();
        List<JsonNode> hours = records(get(cdr).body());
        // one event every 30 to 120 seconds
        assertTrue(hours.size() >= 3 * 3600 / 120 && hours.size() <= 3 * 3600 / 30 + 1, hours.size() + " rows in 3 hours");
        assertEquals(hours.size(), hours.stream().map(r -> r.get("conn_id").asText()).distinct().count());
        List<String> dates = hours.stream().map(r -> r.get("date").asText()).toList();
        assertEquals(dates.stream().sorted().toList(), dates, "rows in date order");
        // the halves of the window hold the window's rows, the same rows
        LocalDateTime middle = HOURS_FROM.plusMinutes(90);
        List<JsonNode> first = records(get(cdr, params(cdr, HOURS_FROM, middle.minusSeconds(1))).body());
        List<JsonNode> second = records(get(cdr, params(cdr, middle, HOURS_TO)).body());
        List<JsonNode> joined = new ArrayList<>(first);
        joined.addAll(second);
        assertEquals(hours, joined);
        // what a test asks the simulator is what the call served
        WolkvoxSimulator.Call call = simulator.calls().get(0);
        assertEquals(hours.size(), simulator.servedRecords(call).size());
        assertEquals(hours.get(0).get("conn_id").asText(), simulator.servedRecords(call).get(0).get("conn_id"));
    }

    @Test
    void aRequiredParameterTheRowsCarryIsTheOneAskedFor() throws Exception {
        start(WolkvoxSimulator.builder());
        CatalogEntry agentEvents = CATALOG.entry("reports_manager", "agent_2").orElseThrow();
        Map<String, String> params = params(agentEvents, HOURS_FROM, HOURS_TO);
        params.put("agent_id", "12465");
        List<JsonNode> rows = records(get(agentEvents, params).body());
        assertTrue(rows.size() > 10);
        rows.forEach(row -> assertEquals("12465", row.get("agent_id").asText()));
        CatalogEntry skills = CATALOG.entry("real_time", "skills").orElseThrow();
        List<JsonNode> skill = records(get(skills, Map.of("skill_id", "5002")).body());
        assertEquals(1, skill.size());
        assertEquals("5002", skill.get(0).get("skill_id").asText());
        assertEquals("Cobranzas", skill.get(0).get("skill_name").asText());
    }

    @Test
    void bucketedAggregatesAnswerEveryBucketOfTheWindowAlignedAndTheSameWhenAskedAgain() throws Exception {
        start(WolkvoxSimulator.builder());
        List<CatalogEntry> bucketed = CATALOG.entries().stream()
                .filter(entry -> entry.shape() == CatalogShape.BUCKETED_AGGREGATE).toList();
        assertEquals(16, bucketed.size());
        for (CatalogEntry entry : bucketed) {
            String api = entry.group() + "/" + entry.api();
            HttpResponse<String> first = get(entry);
            assertEquals(200, first.statusCode(), api + " " + first.body());
            assertEquals(first.body(), get(entry).body(), api + ": the same window twice");
            Duration step = entry.bucket();
            for (String quirk : entry.quirks()) {
                Matcher minutes = SUB_BUCKET.matcher(quirk);
                if (minutes.find()) {
                    step = Duration.ofMinutes(Long.parseLong(minutes.group(1)));
                }
            }
            assertEquals(buckets(from(entry), to(entry), step), answered(first.body(), from(entry)),
                    api + ": one bucket each " + step + ", at its start, inside the window");
            // a window that starts and ends inside buckets: the buckets it touches, still at their starts
            LocalDateTime from = from(entry).plus(step.dividedBy(3)).plusMinutes(7);
            LocalDateTime to = to(entry).minus(step.dividedBy(3));
            LocalDateTime firstBucket = from(entry).plus(step.multipliedBy(
                    Duration.between(from(entry), from).toSeconds() / step.toSeconds()));
            assertEquals(buckets(firstBucket, to, step), answered(get(entry, params(entry, from, to)).body(), from),
                    api + ": the buckets " + from + " to " + to + " touches");
        }
    }

    /** The starts of the buckets of {@code step} from {@code first} (a bucket start) until {@code to}. */
    private static Set<LocalDateTime> buckets(LocalDateTime first, LocalDateTime to, Duration step) {
        Set<LocalDateTime> buckets = new TreeSet<>();
        for (LocalDateTime bucket = first; !bucket.isAfter(to); bucket = bucket.plus(step)) {
            buckets.add(bucket);
        }
        return buckets;
    }

    /** The buckets an answer's records (or their nested elements) name. */
    private static Set<LocalDateTime> answered(String body, LocalDateTime from) throws IOException {
        Set<LocalDateTime> answered = new TreeSet<>();
        for (JsonNode record : records(body)) {
            List<JsonNode> holders = new ArrayList<>();
            holders.add(record);
            record.forEach(value -> {
                if (value.isArray()) {
                    value.forEach(holders::add);
                }
            });
            for (JsonNode holder : holders) {
                LocalDateTime bucket = bucketOf(holder, from.toLocalDate());
                if (bucket != null) {
                    answered.add(bucket);
                }
            }
        }
        return answered;
    }

    /** The bucket a record (or nested element) names with its date or day and hour fields, or null when it names none. */
    private static LocalDateTime bucketOf(JsonNode holder, LocalDate windowDay) {
        String day = holder.has("date") ? holder.get("date").asText() : holder.has("day") ? holder.get("day").asText() : null;
        String hour = holder.has("hour") ? holder.get("hour").asText() : null;
        if (day == null && hour == null) {
            return null;
        }
        LocalDateTime at = windowDay.atStartOfDay();
        if (day != null) {
            at = parseDay(day);
        }
        if (hour != null) {
            at = at.toLocalDate().atTime(LocalTime.parse(hour.length() == 2 ? hour + ":00" : hour));
        }
        return at;
    }

    private static LocalDateTime parseDay(String text) {
        for (DateTimeFormatter format : DAY_FORMATS.values()) {
            try {
                return format.parseBest(text, LocalDateTime::from, LocalDate::from) instanceof LocalDate date
                        ? date.atStartOfDay() : LocalDateTime.parse(text, format);
            } catch (java.time.format.DateTimeParseException e) {
                // try the next
            }
        }
        throw new AssertionError("no date format reads " + text);
    }

    @Test
    void rangeAggregatesAreAFunctionOfTheWindow() throws Exception {
        start(WolkvoxSimulator.builder());
        for (CatalogEntry entry : CATALOG.entries()) {
            if (entry.shape() != CatalogShape.RANGE_AGGREGATE) {
                continue;
            }
            String api = entry.group() + "/" + entry.api();
            String window = get(entry).body();
            assertEquals(window, get(entry).body(), api + ": the same window twice");
            String longer = get(entry, params(entry, HOURS_FROM, HOURS_TO.plusHours(3))).body();
            assertNotEquals(window, longer, api + ": a longer window counts more");
        }
        CatalogEntry bands = CATALOG.entry("reports_manager", "cdr_4").orElseThrow();
        JsonNode data = JSON.readTree(get(bands).body()).get("data");
        Set<JsonNode> different = new HashSet<>();
        data.forEach(different::add);
        assertEquals(5, data.size());
        assertTrue(different.size() > 1, "duration bands hold values of their own: " + data);
    }

    @Test
    void snapshotsChangeWithTheClockAndListsDoNot() throws Exception {
        start(WolkvoxSimulator.builder());
        Map<CatalogEntry, String> before = new LinkedHashMap<>();
        for (CatalogEntry entry : CATALOG.entries()) {
            if (!entry.shape().windowed()) {
                HttpResponse<String> response = get(entry);
                assertEquals(200, response.statusCode(), entry.api() + " " + response.body());
                before.put(entry, response.body());
            }
        }
        clock.set(NOW.plusMinutes(30));
        for (Map.Entry<CatalogEntry, String> earlier : before.entrySet()) {
            CatalogEntry entry = earlier.getKey();
            String later = get(entry).body();
            if (entry.shape() == CatalogShape.LOOKUP) {
                assertEquals(earlier.getValue(), later, entry.api() + ": a configuration list stays as it is");
            } else {
                assertNotEquals(earlier.getValue(), later, entry.group() + "/" + entry.api() + " is the same 30 minutes later");
            }
        }
    }

    @Test
    void billingCountersGrowThroughTheMonth() throws Exception {
        start(WolkvoxSimulator.builder());
        List<CatalogEntry> counters = CATALOG.entries().stream()
                .filter(entry -> entry.shape() == CatalogShape.BILLING_COUNTER).toList();
        assertEquals(27, counters.size());
        Map<CatalogEntry, Long> early = new LinkedHashMap<>();
        clock.set(LocalDateTime.of(2026, 3, 2, 10, 0));
        for (CatalogEntry entry : counters) {
            JsonNode answer = JSON.readTree(get(entry).body());
            assertEquals("Information found for the current month", answer.get("msg").asText());
            early.put(entry, answer.get("data").get(0).get("items").asLong());
        }
        clock.set(LocalDateTime.of(2026, 3, 20, 10, 0));
        for (CatalogEntry entry : counters) {
            long late = records(get(entry).body()).get(0).get("items").asLong();
            assertTrue(late > early.get(entry), entry.api() + ": " + early.get(entry) + " items on the 2nd, " + late + " on the 20th");
        }
    }

    @Test
    void aSlidingWindowAnswersItsHorizonBeforeTheCall() throws Exception {
        start(WolkvoxSimulator.builder());
        CatalogEntry hits = CATALOG.entry("real_time", "hits_last_hour").orElseThrow();
        assertEquals(Duration.ofHours(1), hits.horizon());
        Set<String> seen = new HashSet<>();
        for (LocalDateTime now : List.of(NOW, NOW.plusMinutes(40))) {
            clock.set(now);
            List<JsonNode> rows = records(get(hits).body());
            assertTrue(rows.size() >= 30, rows.size() + " hits in an hour");
            for (JsonNode row : rows) {
                LocalDateTime date = LocalDateTime.parse(row.get("date").asText(), WolkvoxTime.RECORD_FORMAT);
                assertTrue(!date.isBefore(now.minusHours(1).plusSeconds(1)) && !date.isAfter(now), date + " at " + now);
            }
            WolkvoxSimulator.Call call = simulator.calls().get(simulator.calls().size() - 1);
            assertEquals(now.minusHours(1).plusSeconds(1), call.from());
            seen.add(rows.get(0).get("conn_id").asText());
        }
        assertEquals(2, seen.size(), "the window moves with the clock");
    }

    @Test
    void aMissingRequiredParameterIsRefusedAsWolkvoxDoes() throws Exception {
        start(WolkvoxSimulator.builder());
        String refused = "{\"code\":400,\"error\":\"BAD REQUEST\",\"msg\":\"SOME PARAMETERS ARE REQUIRED\"}";
        int asked = 0;
        for (CatalogEntry entry : CATALOG.entries()) {
            for (String name : entry.required()) {
                if (entry.api().equals("diagram_1") && name.equals("customer_id")) {
                    // the hand-written diagram_1 has always answered without customer_id, and keeps doing so
                    continue;
                }
                Map<String, String> params = params(entry, from(entry), to(entry));
                params.remove(name);
                HttpResponse<String> response = get(entry, params);
                assertEquals(400, response.statusCode(), entry.api() + " without " + name);
                assertEquals(refused, response.body(), entry.api() + " without " + name);
                asked++;
            }
        }
        assertEquals(CATALOG.entries().stream().mapToInt(entry -> entry.required().size()).sum() - 1, asked);
        HttpResponse<String> unknown = HTTP.send(HttpRequest.newBuilder(URI.create(simulator.baseUrl()
                + "/api/v2/information.php?api=agent_1")).header("wolkvox-token", TOKEN).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, unknown.statusCode());
        assertTrue(unknown.body().contains("THE API YOU WANT TO CONSULT DOES NOT EXIST"), unknown.body());
    }

    @Test
    void theSameSeedAnswersTheSameAndAnotherSeedOtherwise() throws Exception {
        Map<String, String> first = new LinkedHashMap<>();
        start(WolkvoxSimulator.builder().seed(7));
        for (CatalogEntry entry : CATALOG.entries()) {
            first.put(entry.group() + "/" + entry.api(), get(entry).body());
        }
        simulator.close();
        start(WolkvoxSimulator.builder().seed(7));
        for (CatalogEntry entry : CATALOG.entries()) {
            assertEquals(first.get(entry.group() + "/" + entry.api()), get(entry).body(), entry.api());
        }
        simulator.close();
        start(WolkvoxSimulator.builder().seed(8));
        CatalogEntry chats = CATALOG.entry("reports_manager", "chat_1").orElseThrow();
        assertNotEquals(first.get("reports_manager/chat_1"), get(chats).body());
    }
}
