package io.github.wolkvoxcamel.wolkvox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The stable key of a record, declared per report in YAML: one field ({@code conn_id}) or a comma-separated list
 * where a report has no id ({@code skill_id,date_inbound_call,ani}). An entry starting with {@code @} names a
 * request parameter instead of a record field ({@code @campaign_id}, {@code @date_ini}), which aggregate reports such
 * as {@code campaign_10} need so that the same machine code in two windows gets two keys.
 * <p>
 * Parts are joined with {@code |}, a {@code |} or {@code \} inside a part escaped with {@code \}, so that two different
 * lists of values never give one key. A record whose key field is missing or empty has no key: it is refused
 * ({@link MissingKeyException}), never merged with others that lack one too.
 */
public final class RecordKeys {

    /** Separates key parts. */
    public static final char SEPARATOR = '|';
    private static final char ESCAPE = '\\';

    /** A record without a usable key: a key field absent or empty. Its record becomes a dead letter. */
    public static final class MissingKeyException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        MissingKeyException(String message) {
            super(message);
        }
    }

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
     * @throws MissingKeyException if a key field is absent or empty, so that a record never gets a made-up key
     */
    public String keyOf(Map<String, ?> record, Map<String, String> params) {
        if (fields.size() == 1) {
            return part(0, record, params);
        }
        StringBuilder key = new StringBuilder(48);
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                key.append(SEPARATOR);
            }
            String part = part(i, record, params);
            if (part.indexOf(SEPARATOR) < 0 && part.indexOf(ESCAPE) < 0) {
                key.append(part);
                continue;
            }
            for (int c = 0; c < part.length(); c++) {
                char ch = part.charAt(c);
                if (ch == SEPARATOR || ch == ESCAPE) {
                    key.append(ESCAPE);
                }
                key.append(ch);
            }
        }
        return key.toString();
    }

    private String part(int i, Map<String, ?> record, Map<String, String> params) {
        String name = fields.get(i);
        Object value = fromParams.get(i) ? params.get(name) : record.get(name);
        if (value == null) {
            throw new MissingKeyException(describe(i) + " is missing");
        }
        String text = value.toString();
        if (text.isBlank()) {
            throw new MissingKeyException(describe(i) + " is empty");
        }
        return text;
    }

    private String describe(int i) {
        return (fromParams.get(i) ? "request parameter '" : "record field '") + fields.get(i) + "' of the record key";
    }

    /** Whether a part of the key is the request parameter {@code name} ({@code @name}). */
    public boolean namesParam(String name) {
        for (int i = 0; i < fields.size(); i++) {
            if (fromParams.get(i) && fields.get(i).equals(name)) {
                return true;
            }
        }
        return false;
    }

    public List<String> fields() {
        return fields;
    }
}
