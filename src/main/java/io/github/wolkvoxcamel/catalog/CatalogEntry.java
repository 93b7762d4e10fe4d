package io.github.wolkvoxcamel.catalog;

import io.github.wolkvoxcamel.record.WolkvoxHeaders;
import io.github.wolkvoxcamel.time.WindowPlanner;

import java.time.Duration;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One Wolkvox read api as the catalog describes it: what a request needs, what the answer looks like, and how its
 * records are keyed. Checks its own consistency, so that a wrong entry fails when the catalog loads, not when it
 * polls; the messages say what is wrong, the reader says which entry.
 *
 * @param bucket bucketed aggregates: the span the answer breaks down by (1h or 1d), else null
 * @param horizon sliding windows: how far back each call answers, else null
 * @param required request parameters besides api and the token; windowed shapes list date_ini and date_end
 * @param defaults documented values of required or optional parameters (campaign_id: all)
 * @param keyFields the record key in the routes' syntax ({@code a,b,@param}), null where none is known
 * @param dateField the field that dates a row, or null
 * @param data the answer's data: list, dict, nested, list(bare) or unknown
 */
public record CatalogEntry(String group, String api, String title, CatalogShape shape, Duration bucket,
                           Duration horizon, List<String> required, List<String> optional, Map<String, String> defaults,
                           List<CatalogField> fields, String keyFields, String dateField, String data,
                           List<String> quirks) {

    /** The parameters a windowed request carries, which the poller sets from its window. */
    private static final List<String> DATES = List.of("date_ini", "date_end");
    private static final Set<String> DATA_KINDS = Set.of("list", "dict", "nested", "list(bare)", "unknown");
    /** Shapes whose rows always have a known key: an id field, or the window's bounds. */
    private static final Set<CatalogShape> KEYED = EnumSet.of(CatalogShape.DETAIL, CatalogShape.RANGE_AGGREGATE,
            CatalogShape.BUCKETED_AGGREGATE, CatalogShape.SLIDING_WINDOW);

    public CatalogEntry {
        required = List.copyOf(required);
        optional = List.copyOf(optional);
        defaults = Map.copyOf(defaults);
        fields = List.copyOf(fields);
        quirks = List.copyOf(quirks);
        if (shape.windowed() != required.containsAll(DATES) || optional.stream().anyMatch(DATES::contains)) {
            throw new IllegalArgumentException("a " + shape.word() + (shape.windowed()
                    ? " needs date_ini and date_end as required parameters" : " takes no date_ini or date_end"));
        }
        if ((bucket != null) != (shape == CatalogShape.BUCKETED_AGGREGATE)) {
            throw new IllegalArgumentException("a bucket belongs to bucketed aggregates only, and each has one");
        }
        if (bucket != null) {
            WindowPlanner.checkBucket(bucket);
        }
        if ((horizon != null) != (shape == CatalogShape.SLIDING_WINDOW) || horizon != null && horizon.isZero()) {
            throw new IllegalArgumentException("a horizon belongs to sliding windows only, and each has one");
        }
        Set<String> parameters = new HashSet<>(required);
        parameters.addAll(optional);
        if (parameters.size() != required.size() + optional.size() || !parameters.containsAll(defaults.keySet())) {
            throw new IllegalArgumentException("a parameter is both required and optional, or a default names "
                    + "no parameter");
        }
        if (!DATA_KINDS.contains(data)) {
            throw new IllegalArgumentException("data '" + data + "' is none of " + DATA_KINDS);
        }
        Set<String> answer = fields.stream().map(CatalogField::answerName).collect(Collectors.toSet());
        if (dateField != null && !answer.contains(dateField)) {
            throw new IllegalArgumentException("dateField " + dateField + " is no field of the answer");
        }
        checkKey(keyFields, shape, parameters, answer);
    }

    /** Key parts must be answer fields as the api spells them, or parameters; an aggregate's must carry its window. */
    private static void checkKey(String keyFields, CatalogShape shape, Set<String> parameters, Set<String> answer) {
        if (keyFields == null) {
            if (KEYED.contains(shape)) {
                throw new IllegalArgumentException("a " + shape.word() + " needs keyFields");
            }
            return;
        }
        Set<String> parts = new HashSet<>();
        for (String raw : keyFields.split(",", -1)) {
            String part = raw.trim();
            boolean known = part.startsWith("@") ? parameters.contains(part.substring(1)) : answer.contains(part);
            if (!known) {
                throw new IllegalArgumentException("keyFields part '" + part + "' is "
                        + (part.startsWith("@") ? "no parameter of the request" : "no field of the answer"));
            }
            parts.add(part);
        }
        if (shape.reportShape() == ReportShape.AGGREGATE && !parts.contains("@date_ini")) {
            throw new IllegalArgumentException("an aggregate's keyFields must carry @date_ini, or two windows' "
                    + "counts share a key");
        }
    }

    /**
     * The key a report route gets when it sets none, empty where none is known: the catalog's, with the poll's time
     * for a report whose every poll is delivered (a snapshot, a counter: an unchanged state is delivered again, not
     * skipped as a duplicate), and with the time of the poll that found a lookup list changed (the whole list again
     * whenever any of it changed, nothing while it stays the same).
     */
    public String routeKey() {
        String key = keyFields == null ? "" : keyFields;
        String version = switch (shape.dedup()) {
            case "poll-time" -> "@" + WolkvoxHeaders.POLLED_AT;
            case "full" -> "@" + WolkvoxHeaders.LIST_VERSION;
            default -> "";
        };
        return version.isEmpty() ? key : key.isEmpty() ? version : version + "," + key;
    }

    /**
     * Why a route giving {@code params} cannot call this api, or null when it can. The window's dates are not asked
     * of the route (the poller sets them), nor a parameter with a documented default; a blank value counts as absent.
     */
    public String missing(Map<String, String> params) {
        List<String> lacking = required.stream()
                .filter(name -> !DATES.contains(name) && !defaults.containsKey(name))
                .filter(name -> params.getOrDefault(name, "").isBlank())
                .toList();
        if (lacking.isEmpty()) {
            return null;
        }
        return "api " + api + " in group " + group + " needs parameter" + (lacking.size() > 1 ? "s " : " ")
                + String.join(", ", lacking) + ": add " + lacking.stream().map(name -> name + "=...")
                .collect(Collectors.joining("&")) + " to the route's params";
    }
}
