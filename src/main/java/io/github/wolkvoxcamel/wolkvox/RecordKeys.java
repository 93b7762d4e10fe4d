package io.github.wolkvoxcamel.wolkvox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The stable key of a record, declared per report in YAML: one field ({@code conn_id}) or a comma-separated list
 * where a report has no id ({@code skill_id,date_inbound_call,ani}). An entry starting with {@code @} names a
 * request parameter instead of a record field ({@code @campaign_id}, {@code @date_ini}), which aggregate reports such
 * as {@code campaign_10} need so that the same machine code in two windows gets two keys.
 */
public final class RecordKeys {

    /** Separates key parts; not expected inside Wolkvox ids. */
    public static final String SEPARATOR = "|";

    private final List<String> fields;
    private final List<Boolean> fromParams;

    private RecordKeys(List<String> fields, List<Boolean> fromParams) {
        this.fields = fields;
        this.fromParams = fromParams;
    }

    public static RecordKeys parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("a report needs keyFields (e.g. conn_id, or a list such as skill_id,ani)");
        }
        List<String> fields = new ArrayList<>();
        List<Boolean> fromParams = new ArrayList<>();
        for (String raw : spec.split(",")) {
            String field = raw.trim();
            boolean param = field.startsWith("@");
            String name = param ? field.substring(1) : field;
            if (name.isEmpty()) {
                throw new IllegalArgumentException("empty field in keyFields '" + spec + "'");
            }
            fields.add(name);
            fromParams.add(param);
        }
        return new RecordKeys(List.copyOf(fields), List.copyOf(fromParams));
    }

    /**
     * @param record the record's fields
     * @param params the request parameters of the call that returned it
     * @throws IllegalArgumentException if a key field is absent, so that a record never gets a made-up key
     */
    public String keyOf(Map<String, ?> record, Map<String, String> params) {
        StringBuilder key = new StringBuilder(48);
        for (int i = 0; i < fields.size(); i++) {
            String name = fields.get(i);
            Object value = fromParams.get(i) ? params.get(name) : record.get(name);
            if (value == null) {
                throw new IllegalArgumentException((fromParams.get(i) ? "request parameter '" : "record field '")
                        + name + "' of the record key is missing");
            }
            if (i > 0) {
                key.append(SEPARATOR);
            }
            key.append(value);
        }
        return key.toString();
    }

    public List<String> fields() {
        return fields;
    }
}
