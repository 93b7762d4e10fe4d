package io.github.wolkvoxcamel.simulator;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.github.wolkvoxcamel.catalog.CatalogEntry;
import io.github.wolkvoxcamel.catalog.CatalogShape;
import io.github.wolkvoxcamel.catalog.FieldTree;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * Any api of the catalog, served from its entry alone: the documented field names (as the api spells them), nested
 * lists and objects where Wolkvox has them, and plausible values, all deterministic from the seed. What the rows are
 * depends on the entry's shape:
 * <ul>
 *   <li>detail: a row per event of a timeline (one every 30 to 120 s), dated at the event, with call ids and other
 *       event ids unique per event;</li>
 *   <li>range aggregate: a row per dimension of the key (agent, skill, campaign...), counts a function of the window
 *       asked for and the row;</li>
 *   <li>bucketed aggregate: a row per bucket (or the shorter rows the catalog notes) and dimension, the hour, date or
 *       day field holding the bucket's start; a nested one has one element per bucket instead;</li>
 *   <li>snapshot: a row per dimension, its counts since midnight and its state as of the call; a list of scheduled
 *       things (recalls) the events of the next two hours;</li>
 *   <li>sliding window: the events of the entry's horizon before the call;</li>
 *   <li>billing counter: one row whose items grow through the month;</li>
 *   <li>lookup: a fixed list, the same on every call.</li>
 * </ul>
 * Where a required parameter names a field (agent_id, skill_id, campaign_id, cod_act), the rows carry the value asked
 * for; {@code all} or an empty value leaves them free.
 */
final class CatalogReport implements SimulatedReport {

    private static final JsonFactory JSON = new JsonFactory();
    private static final Set<String> DATES = Set.of("date_ini", "date_end");
    private static final Duration SCHEDULED_AHEAD = Duration.ofHours(2);
    private static final ZoneOffset WOLKVOX_OFFSET = ZoneOffset.ofHours(-5);

    private final CatalogEntry entry;
    private final long seed;
    private final List<FieldTree.Node> tree;
    private final FieldValues values;
    private final EventTimeline timeline;
    private final AnswerForm form;
    private final List<String> requiredParams;
    /** The entities the key ranges over, one row per combination (aggregates, snapshots, lists). */
    private final List<String> dimensions;
    /** The key's fields as the answer names them, to drop a row whose key an earlier row of the answer has. */
    private final List<String> keyParts;
    /** A snapshot of things scheduled ahead, dated in its key (recalls): events after the call. */
    private final boolean scheduled;
    /** The nested list of a bucketed aggregate that holds one element per bucket, else null. */
    private final FieldTree.Node bucketList;
    /** A bucketed aggregate whose rows name only the hour of day: a window over a day merges the same hours. */
    private final boolean hourOfDay;
    private final IntSupplier listRevision;

    /**
     * @param spacingMs mean time between events, null for the entry's own (30 to 120 s, whole seconds, so that two
     *        events never share a second)
     * @param listRevision the configuration lists' revision: each one answers other values
     */
    CatalogReport(CatalogEntry entry, long seed, Long spacingMs, IntSupplier listRevision) {
        this.entry = entry;
        this.listRevision = listRevision;
        this.seed = seed ^ (entry.group() + "/" + entry.api()).hashCode();
        this.tree = FieldTree.parse(entry.fields());
        this.values = new FieldValues(entry, tree);
        this.timeline = new EventTimeline(spacingMs != null ? spacingMs
                : 30_000 + 1_000 * Math.floorMod(EventTimeline.mix(this.seed), 91), this.seed);
        Set<String> raw = new HashSet<>();
        tree.stream().filter(FieldTree.Node::nested).forEach(node -> raw.add(node.key()));
        this.form = new AnswerForm(AnswerCodes.of(entry), switch (entry.data()) {
            case "dict" -> AnswerForm.Data.OBJECT;
            case "list(bare)" -> AnswerForm.Data.BARE_LIST;
            default -> AnswerForm.Data.LIST;
        }, entry.shape() == CatalogShape.BILLING_COUNTER ? "Information found for the current month" : null, raw);
        this.requiredParams = entry.required().stream().filter(name -> !DATES.contains(name)).toList();
        this.keyParts = entry.keyFields() == null ? List.of() : java.util.Arrays.stream(entry.keyFields().split(","))
                .map(String::trim).filter(part -> !part.startsWith("@")).toList();
        this.scheduled = entry.shape() == CatalogShape.SNAPSHOT && keyParts.stream().anyMatch(FieldValues::dateKey);
        List<String> entities = new ArrayList<>();
        for (String part : keyParts) {
            String entity = FieldValues.entityOf(part);
            if (!values.bucketKey(part) && !FieldValues.dateKey(part) && !entities.contains(entity)) {
                entities.add(entity);
            }
        }
        this.dimensions = List.copyOf(entities);
        this.bucketList = entry.shape() != CatalogShape.BUCKETED_AGGREGATE ? null : tree.stream()
                .filter(node -> node.kind() == FieldTree.Kind.LIST && node.holds(Set.of("hour", "date", "day")))
                .findFirst().orElse(null);
        this.hourOfDay = entry.shape() == CatalogShape.BUCKETED_AGGREGATE && bucketList == null
                && tree.stream().anyMatch(node -> node.key().equals("hour"))
                && tree.stream().noneMatch(node -> node.key().equals("date") || node.key().equals("day"));
    }

    @Override
    public String group() {
        return entry.group();
    }

    @Override
    public String api() {
        return entry.api();
    }

    @Override
    public boolean stringCode() {
        return form.code().startsWith("\"");
    }

    @Override
    public boolean windowed() {
        return entry.shape().windowed();
    }

    @Override
    public List<String> requiredParams() {
        return requiredParams;
    }

    @Override
    public Duration horizon() {
        return entry.horizon() != null ? entry.horizon() : SimulatedReport.super.horizon();
    }

    @Override
    public AnswerForm form() {
        return form;
    }

    /** Nested lists and objects come as their JSON text, which the answer writes as is. */
    @Override
    public void records(LocalDateTime from, LocalDateTime to, Map<String, String> params, LocalDateTime now,
                        Consumer<Row> sink) {
        Request request = request(params);
        switch (entry.shape()) {
            case DETAIL, DETAIL_UNKEYED -> events(from, to, request, sink);
            case SLIDING_WINDOW -> events(now.minus(horizon()).plusSeconds(1), now, request, sink);
            case SNAPSHOT -> {
                if (scheduled) {
                    events(now.plusSeconds(1), now.plus(SCHEDULED_AHEAD), request, sink);
                } else {
                    state(now, request, unique(sink));
                }
            }
            case RANGE_AGGREGATE -> totals(from, to, request, unique(sink));
            case BUCKETED_AGGREGATE -> buckets(from, to, request, unique(sink));
            case BILLING_COUNTER -> counter(now, request, sink);
            case LOOKUP -> list(request, unique(sink));
        }
    }

    /**
     * What the request fixes: fields that carry a required parameter's value, and the entities those values are.
     *
     * @param fields answer name to value
     * @param entities entity to index
     */
    private record Request(Map<String, String> fields, Map<String, Integer> entities) {
    }

    private Request request(Map<String, String> params) {
        Map<String, String> fields = new HashMap<>();
        Map<String, Integer> entities = new HashMap<>();
        for (String name : requiredParams) {
            String value = params.getOrDefault(name, "").trim();
            if (value.isEmpty() || value.equalsIgnoreCase("all")) {
                continue;
            }
            for (FieldTree.Node node : tree) {
                if (!node.nested() && (node.key().equals(name) || node.key().equals(name + "_number"))) {
                    fields.put(node.path(), value);
                    entities.put(FieldValues.entityOf(node.key()), FieldValues.indexOf(FieldValues.entityOf(node.key()), value));
                }
            }
            String entity = FieldValues.entityOf(name);
            if (!entity.equals(name) || dimensions.contains(entity)) {
                entities.putIfAbsent(entity, FieldValues.indexOf(entity, value));
            }
        }
        return new Request(fields, entities);
    }

    private void events(LocalDateTime from, LocalDateTime to, Request request, Consumer<Row> sink) {
        timeline.forEach(from, to, i -> {
            LocalDateTime at = timeline.timeOf(i);
            sink.accept(row(RowFacts.event(new Values(seed, i), at, request.entities()), request, at, i));
        });
    }

    private void totals(LocalDateTime from, LocalDateTime to, Request request, Consumer<Row> sink) {
        long windowSalt = EventTimeline.mix(epoch(from) * 31 + epoch(to));
        long seconds = Duration.between(from, to).toSeconds() + 1;
        combinations(request, false).forEach((ordinal, entities) -> {
            Values stable = new Values(seed, ordinal);
            Values jitter = new Values(seed ^ windowSalt, ordinal);
            sink.accept(row(RowFacts.total(stable, jitter, jitter, from, to, seconds, null, List.of(), entities), request,
                    from, ordinal));
        });
    }

    private void buckets(LocalDateTime from, LocalDateTime to, Request request, Consumer<Row> sink) {
        List<RowFacts.Span> spans = spans(from, to);
        long windowSalt = EventTimeline.mix(epoch(from) * 31 + epoch(to));
        Map<Long, Map<String, Integer>> combinations = combinations(request, false);
        if (bucketList != null) {
            long seconds = spans.stream().mapToLong(RowFacts.Span::seconds).sum();
            combinations.forEach((ordinal, entities) -> {
                Values stable = new Values(seed, ordinal);
                Values jitter = new Values(seed ^ windowSalt, ordinal);
                sink.accept(row(RowFacts.total(stable, jitter, jitter, from, to, seconds, null, spans, entities), request,
                        from, ordinal));
            });
            return;
        }
        // rows that name only the hour of day stand for that hour on every day of the window
        Map<Object, List<RowFacts.Span>> groups = new LinkedHashMap<>();
        for (RowFacts.Span span : spans) {
            groups.computeIfAbsent(hourOfDay ? (Object) span.start().toLocalTime() : span.start(), k -> new ArrayList<>())
                    .add(span);
        }
        for (List<RowFacts.Span> group : groups.values()) {
            RowFacts.Span first = group.get(0);
            long seconds = group.stream().mapToLong(RowFacts.Span::seconds).sum();
            LocalDateTime end = group.get(group.size() - 1).to();
            combinations.forEach((ordinal, entities) -> {
                Values stable = new Values(seed ^ EventTimeline.mix(epoch(first.start())), ordinal);
                Values jitter = new Values(seed ^ windowSalt ^ EventTimeline.mix(epoch(first.start())), ordinal);
                sink.accept(row(RowFacts.total(stable, jitter, jitter, first.from(), end, seconds, first.start(), List.of(),
                        entities), request, first.start(), ordinal));
            });
        }
    }

    /** The buckets (or shorter rows) that {@code [from, to]} touches, aligned to the bucket, each cut to the window. */
    private List<RowFacts.Span> spans(LocalDateTime from, LocalDateTime to) {
        long step = values.step().toSeconds();
        LocalDateTime day = from.toLocalDate().atStartOfDay();
        LocalDateTime start = day.plusSeconds(Duration.between(day, from).toSeconds() / step * step);
        List<RowFacts.Span> spans = new ArrayList<>();
        for (LocalDateTime bucket = start; !bucket.isAfter(to); bucket = bucket.plusSeconds(step)) {
            LocalDateTime last = bucket.plusSeconds(step - 1);
            spans.add(new RowFacts.Span(bucket, bucket.isBefore(from) ? from : bucket, last.isAfter(to) ? to : last));
        }
        return spans;
    }

    /** The state as of {@code now}: counts since midnight, the rest as it is this minute. */
    private void state(LocalDateTime now, Request request, Consumer<Row> sink) {
        LocalDateTime midnight = now.toLocalDate().atStartOfDay();
        long minute = epoch(now) / 60;
        combinations(request, false).forEach((ordinal, entities) -> {
            Values stable = new Values(seed, ordinal);
            Values moving = new Values(seed ^ EventTimeline.mix(minute), ordinal);
            sink.accept(row(RowFacts.total(stable, moving, moving, midnight, now,
                    Duration.between(midnight, now).toSeconds() + 1, null, List.of(), entities), request, now, ordinal));
        });
    }

    /** The month's consumption so far. */
    private void counter(LocalDateTime now, Request request, Consumer<Row> sink) {
        LocalDateTime month = now.toLocalDate().withDayOfMonth(1).atStartOfDay();
        Values stable = new Values(seed, 0);
        Values moving = new Values(seed ^ EventTimeline.mix(epoch(now) / 60), 0);
        sink.accept(row(RowFacts.total(stable, moving, moving, month, now, Duration.between(month, now).toSeconds() + 1,
                null, List.of(), request.entities()), request, now, 0));
    }

    private void list(Request request, Consumer<Row> sink) {
        combinations(request, true).forEach((ordinal, entities) -> sink.accept(row(
                RowFacts.lookup(new Values(seed + 7919L * listRevision.getAsInt(), ordinal), EventTimeline.ORIGIN,
                        entities), request, EventTimeline.ORIGIN,
                ordinal)));
    }

    /**
     * One entity map per combination of the dimensions' values, by a stable ordinal; a dimension the request fixes has
     * that value only. A list shows each dimension whole; an aggregate a handful of rows.
     */
    private Map<Long, Map<String, Integer>> combinations(Request request, boolean whole) {
        Map<Long, Map<String, Integer>> combinations = new LinkedHashMap<>();
        combinations.put(0L, request.entities());
        int cap = dimensions.size() <= 1 ? 8 : dimensions.size() == 2 ? 4 : 3;
        for (String dimension : dimensions) {
            int pool = FieldValues.poolSize(dimension);
            Integer fixed = request.entities().get(dimension);
            int size = fixed != null ? 1 : whole ? pool : Math.min(pool, cap);
            Map<Long, Map<String, Integer>> next = new LinkedHashMap<>();
            combinations.forEach((ordinal, entities) -> {
                for (int i = 0; i < size; i++) {
                    int index = fixed != null ? fixed : i;
                    Map<String, Integer> more = new HashMap<>(entities);
                    more.put(dimension, index);
                    next.put(ordinal * 64 + index, more);
                }
            });
            combinations = next;
        }
        return combinations;
    }

    /** Passes on a row only if no earlier row of the answer has its key. */
    private Consumer<Row> unique(Consumer<Row> sink) {
        if (keyParts.isEmpty()) {
            return sink;
        }
        Set<List<String>> seen = new HashSet<>();
        return row -> {
            if (seen.add(keyParts.stream().map(part -> row.fields().getOrDefault(part, "")).toList())) {
                sink.accept(row);
            }
        };
    }

    private Row row(RowFacts facts, Request request, LocalDateTime at, long event) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (FieldTree.Node node : tree) {
            String fixed = request.fields().get(node.path());
            fields.put(node.key(), fixed != null ? fixed : node.nested() ? json(node, facts) : values.value(node, facts));
        }
        return new Row(at, event, 0, fields);
    }

    private String json(FieldTree.Node node, RowFacts facts) {
        StringWriter text = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(text)) {
            write(json, node, facts);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    private void write(JsonGenerator json, FieldTree.Node node, RowFacts facts) throws IOException {
        switch (node.kind()) {
            case LEAF -> json.writeString(values.value(node, facts));
            case STRINGS -> {
                json.writeStartArray();
                int count = 1 + facts.v().pick(facts.salt(node.path().hashCode()), 2);
                for (int i = 0; i < count; i++) {
                    json.writeString(values.value(node, facts.element(i)));
                }
                json.writeEndArray();
            }
            case OBJECT -> {
                // objects side by side (cdr_4's duration bands) each hold values of their own
                json.writeStartObject();
                fields(json, node.children(), facts.element(Math.floorMod(node.path().hashCode(), 997)));
                json.writeEndObject();
            }
            case LIST -> {
                json.writeStartArray();
                for (RowFacts element : elements(node, facts)) {
                    json.writeStartObject();
                    fields(json, node.children(), element);
                    json.writeEndObject();
                }
                json.writeEndArray();
            }
        }
    }

    private void fields(JsonGenerator json, List<FieldTree.Node> children, RowFacts facts) throws IOException {
        for (FieldTree.Node child : children) {
            json.writeFieldName(child.key());
            write(json, child, facts);
        }
    }

    /** A bucketed row's elements, one per bucket; else one to three (for a snapshot, as many as there are now). */
    private List<RowFacts> elements(FieldTree.Node node, RowFacts facts) {
        List<RowFacts> elements = new ArrayList<>();
        if (node == bucketList && !facts.buckets().isEmpty()) {
            List<RowFacts.Span> spans = facts.buckets();
            for (int i = 0; i < spans.size(); i++) {
                Values stable = new Values(seed ^ EventTimeline.mix(epoch(spans.get(i).start())), facts.stable().index());
                elements.add(facts.bucketElement(i, spans.get(i), stable));
            }
            return elements;
        }
        int count = 1 + facts.v().pick(facts.salt(node.path().hashCode()), 3);
        for (int i = 0; i < count; i++) {
            elements.add(facts.element(i));
        }
        return elements;
    }

    private static long epoch(LocalDateTime at) {
        return at.toEpochSecond(WOLKVOX_OFFSET);
    }
}
