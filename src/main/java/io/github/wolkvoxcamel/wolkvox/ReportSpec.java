package io.github.wolkvoxcamel.wolkvox;

import io.github.wolkvoxcamel.Durations;

import java.time.Duration;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * One report as its route declares it: what to call (api, group, extra parameters, token alias), how its records are
 * keyed and dated, and its timing by shape: poll period, lookback (detail), bucket (aggregate), horizon (real-time),
 * re-pull depth, and where its first poll starts.
 *
 * @param lookback detail: how far behind the watermark each poll starts again; aggregate: how long after its end a
 *        bucket is fetched
 * @param records the endpoint each record goes to
 */
public record ReportSpec(String route, String api, String group, String params, String keyFields, String dateField,
                         String token, ReportShape shape, Duration period, String initialFrom, Duration lookback,
                         Duration bucket, Duration horizon, Duration repull, String records) {

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
     * The spec of a report route made from the report template.
     *
     * @param resolve resolves property placeholders left in the template's defaults
     */
    public static ReportSpec fromTemplate(String route, Map<String, Object> parameters, UnaryOperator<String> resolve) {
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
        return new ReportSpec(route, value.apply("api"), or(value.apply("group"), "reports_manager"), value.apply("params"),
                value.apply("keyFields"), value.apply("dateField"), or(value.apply("token"), WolkvoxTokens.DEFAULT_ALIAS),
                ReportShape.parse(or(value.apply("shape"), "detail")),
                Durations.parse(route + " period", value.apply("period")), value.apply("initialFrom"),
                Durations.parse(route + " lookback", value.apply("lookback")),
                Durations.parse(route + " bucket", or(value.apply("bucket"), "1h")),
                Durations.parse(route + " horizon", or(value.apply("horizon"), "10m")),
                Durations.parse(route + " repull", value.apply("repull")), value.apply("records"));
    }

    private static String or(String value, String fallback) {
        return value.isEmpty() ? fallback : value;
    }

    /** The report as the quota plan sees it. */
    public QuotaPlan.Report forPlan(Duration repullEvery) {
        return new QuotaPlan.Report(route, shape, period, horizon, bucket, repull, repullEvery);
    }
}
