package io.github.wolkvoxcamel.catalog;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns one report's records into typed ones, field by field as its catalog entry says ({@link ValueKind}), nested
 * lists and objects included. Fields the catalog does not know, and text fields, are kept as they came.
 */
public final class RecordTypes {

    /** A record field whose value is not of its kind. The message names the field, never the value. */
    public static final class UntypedException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final String field;

        UntypedException(String field, String reason) {
            super("field " + field + " " + reason);
            this.field = field;
        }

        /** The field's path in the record, e.g. {@code by_agent[].latency_ms}. */
        public String field() {
            return field;
        }
    }

    private final List<FieldTree.Node> fields;
    private final ZoneId zone;

    private RecordTypes(List<FieldTree.Node> fields, ZoneId zone) {
        this.fields = fields;
        this.zone = zone;
    }

    /** @param zone the zone of Wolkvox's wall-clock dates */
    public static RecordTypes of(CatalogEntry entry, ZoneId zone) {
        return new RecordTypes(FieldTree.parse(entry.fields()), zone);
    }

    /** Converts nothing: a report the catalog does not know. */
    public static RecordTypes none() {
        return new RecordTypes(List.of(), ZoneId.systemDefault());
    }

    /**
     * A new record with each known value converted, in the record's order.
     *
     * @throws UntypedException when a value is not of its field's kind
     */
    public Map<String, Object> convert(Map<String, ?> record) {
        return object(record, fields);
    }

    private Map<String, Object> object(Map<?, ?> record, List<FieldTree.Node> nodes) {
        Map<String, Object> typed = new LinkedHashMap<>();
        record.forEach((name, value) -> typed.put(String.valueOf(name), value));
        for (FieldTree.Node node : nodes) {
            Object value = typed.get(node.key());
            if (value != null) {
                typed.put(node.key(), value(node, value));
            }
        }
        return typed;
    }

    private Object value(FieldTree.Node node, Object value) {
        switch (node.kind()) {
            case LEAF -> {
                if (node.value() == null) {
                    return value;
                }
                if (!(value instanceof String text)) {
                    // the api sent a JSON number or boolean: kept where it is of the field's kind
                    return kept(node, value);
                }
                try {
                    return node.value().convert(text, zone);
                } catch (IllegalArgumentException e) {
                    throw new UntypedException(node.path(), e.getMessage());
                }
            }
            case LIST -> {
                if (!(value instanceof List<?> items)) {
                    throw new UntypedException(node.path(), "is no list");
                }
                List<Object> typed = new ArrayList<>(items.size());
                for (Object item : items) {
                    if (!(item instanceof Map<?, ?> element)) {
                        throw new UntypedException(node.path(), "holds something other than objects");
                    }
                    typed.add(object(element, node.children()));
                }
                return typed;
            }
            case OBJECT -> {
                if (!(value instanceof Map<?, ?> object)) {
                    throw new UntypedException(node.path(), "is no object");
                }
                return object(object, node.children());
            }
            default -> {
                return value;
            }
        }
    }

    private static Object kept(FieldTree.Node node, Object value) {
        boolean fits = switch (node.value()) {
            case INTEGER -> value instanceof Integer || value instanceof Long;
            case DECIMAL, PERCENT -> value instanceof Number;
            case BOOLEAN -> value instanceof Boolean;
            default -> false;
        };
        if (!fits) {
            throw new UntypedException(node.path(), "is a JSON " + value.getClass().getSimpleName().toLowerCase(Locale.ROOT)
                    + " where " + node.value().word() + " is expected");
        }
        return value;
    }
}
