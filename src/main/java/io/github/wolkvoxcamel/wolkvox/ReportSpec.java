package io.github.wolkvoxcamel.wolkvox;

import io.github.wolkvoxcamel.catalog.CatalogEntry;
import io.github.wolkvoxcamel.catalog.ReportShape;
import io.github.wolkvoxcamel.catalog.WolkvoxCatalog;
import io.github.wolkvoxcamel.time.Durations;
import io.github.wolkvoxcamel.time.Window;
import io.github.wolkvoxcamel.time.WindowPlanner;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * One report as its route declares it: what to call (api, group, extra parameters, token alias), how its records are
 * keyed and dated, and its timing by shape: poll period, lookback (detail), bucket (aggregate), horizon (real-time),
 * re-pull depth, and where its first poll starts.
 *
 * @param lookback detail: how far behind the watermark each poll starts again; aggregate: how long after its end a
 *        bucket is fetched
 */
public record ReportSpec(String route, String api, String group, String params, String keyFields, String dateField,
                         String token, ReportShape shape, Duration period, String initialFrom, Duration lookback,
                         Duration bucket, Duration horizon, Duration repull) {

    public ReportSpec {
        if (period.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("report route " + route + ": period must be at least 1s, got " + period);
        }
        if (lookback.isNegative() || repull.isNegative()) {
            throw new IllegalArgumentException("report route " + route + ": lookback and repull must not be negative");
        }
        if (shape == ReportShape.AGGREGATE) {
            WindowPlanner.checkBucket(bucket);
        }
        RecordKeys.parse(keyFields);
    }

    /**
     * The spec of a report route from its settings (api, group, keyFields, dateField, params, token, shape, period,
     * initialFrom, lookback, bucket, horizon, repull). What the route leaves out (group, key, date field, shape, bucket,
     * horizon, required parameters with a documented value) comes from the api's catalog entry.
     *
     * @param resolve resolves property placeholders left in the settings
     * @throws IllegalArgumentException when the api needs a parameter the route does not give, or has no key
     */
    public static ReportSpec of(String route, Map<String, Object> parameters, UnaryOperator<String> resolve,
                                WolkvoxCatalog catalog) {
        UnaryOperator<String> value = name -> {
            Object raw = parameters.get(name);
            if (raw == null) {
                return "";
            }
            // a default may name another of the template's parameters ({{api}}) before any property placeholder
            String text = raw.toString();
            for (Map.Entry<String, Object> parameter : parameters.entrySet()) {
                if (!parameter.getKey().equals(name) && parameter.getValue() != null) {
                    text = text.replace("{{" + parameter.getKey() + "}}", parameter.getValue().toString());
                }
            }
            return resolve.apply(text).trim();
        };
        String api = value.apply("api");
        String group = value.apply("group");
        CatalogEntry entry = (group.isEmpty() ? catalog.entry(api) : catalog.entry(group, api)).orElse(null);
        String keyFields = or(value.apply("keyFields"), entry == null ? "" : entry.routeKey());
        if (keyFields.isEmpty()) {
            throw new IllegalArgumentException("api " + api + " has no record key the catalog knows: set keyFields (a "
                    + "field, or fields separated by commas; @name for a request parameter)");
        }
        String params = withDefaults(value.apply("params"), entry);
        String missing = entry == null ? null : entry.missing(parseParams(params));
        if (missing != null) {
            throw new IllegalArgumentException(missing);
        }
        return new ReportSpec(route, api, or(group, entry == null ? "reports_manager" : entry.group()), params, keyFields,
                or(value.apply("dateField"), entry == null || entry.dateField() == null ? "" : entry.dateField()),
                or(value.apply("token"), WolkvoxTokens.DEFAULT_ALIAS),
                value.apply("shape").isEmpty() && entry != null ? entry.shape().reportShape()
                        : ReportShape.parse(or(value.apply("shape"), "detail")),
                Durations.parse(route + " period", value.apply("period")), value.apply("initialFrom"),
                Durations.parse(route + " lookback", value.apply("lookback")),
                or(value.apply("bucket"), entry == null ? null : entry.bucket(), Duration.ofHours(1), route + " bucket"),
                or(value.apply("horizon"), entry == null ? null : entry.horizon(), Duration.ofMinutes(10), route + " horizon"),
                Durations.parse(route + " repull", value.apply("repull")));
    }

    /** The route's parameters, and the catalog's documented value of each required one it leaves out. */
    private static String withDefaults(String params, CatalogEntry entry) {
        if (entry == null) {
            return params;
        }
        Map<String, String> given = parseParams(params);
        StringBuilder all = new StringBuilder(params);
        entry.defaults().forEach((name, documented) -> {
            if (!given.containsKey(name)) {
                all.append(all.length() == 0 ? "" : "&").append(name).append('=').append(documented);
            }
        });
        return all.toString();
    }

    /** The route's duration, else the catalog's, else the fallback. */
    private static Duration or(String given, Duration catalog, Duration fallback, String setting) {
        if (!given.isEmpty()) {
            return Durations.parse(setting, given);
        }
        return catalog != null ? catalog : fallback;
    }

    private static String or(String value, String fallback) {
        return value.isEmpty() ? fallback : value;
    }

    /**
     * How far back in record dates a window of this report is fetched again: its lookback or re-pull, and for an
     * aggregate a whole bucket more (a bucket's rows are dated at its start).
     */
    public Duration reach() {
        Duration deepest = lookback.compareTo(repull) >= 0 ? lookback : repull;
        return shape == ReportShape.AGGREGATE ? deepest.plus(bucket) : deepest;
    }

    /** The report as the quota plan sees it. */
    public QuotaPlan.Report forPlan(Duration repullEvery) {
        return new QuotaPlan.Report(route, shape, period, horizon, bucket, repull, repullEvery);
    }

    /** The parameters of the report's request for {@code window}: the route's, then the bounds unless real-time. */
    public Map<String, String> requestParams(Window window) {
        Map<String, String> request = parseParams(params);
        if (shape != ReportShape.REALTIME) {
            request.put("date_ini", window.dateIni());
            request.put("date_end", window.dateEnd());
        }
        return request;
    }

    /** The request's path under the server's base URL: {@code /api/v2/<group>.php}. */
    public String path() {
        return "/api/v2/" + group + ".php";
    }

    /** The request's query: {@code api=<api>}, then {@code request}, URL-encoded. */
    public String query(Map<String, String> request) {
        StringBuilder query = new StringBuilder("api=").append(encode(api));
        request.forEach((name, value) -> query.append('&').append(encode(name)).append('=').append(encode(value)));
        return query.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** The request parameters {@code name=value&...} names, in their order. */
    public static Map<String, String> parseParams(String params) {
        Map<String, String> parsed = new LinkedHashMap<>();
        for (String pair : params.split("&")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            parsed.put(eq < 0 ? pair.trim() : pair.substring(0, eq).trim(), eq < 0 ? "" : pair.substring(eq + 1).trim());
        }
        return parsed;
    }
}
