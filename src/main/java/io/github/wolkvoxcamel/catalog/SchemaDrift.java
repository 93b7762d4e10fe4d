package io.github.wolkvoxcamel.catalog;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How a record differs from its report's catalog entry, by field names and value kinds only: a field the catalog does
 * not list ({@code added}), one it lists that the record lacks ({@code missing}), a key field the record lacks
 * ({@code key-missing}), a date field whose value is no date ({@code date}), and a value that is not of its field's
 * kind ({@code value}). The catalog was inferred from Wolkvox's documents; these are what a real answer shows to be
 * wrong in it. A difference never carries a value: records hold callers' phone numbers, so what came is described by
 * its JSON kind, or, for text of the wrong kind, by its form (digits as 9, letters as a: {@code 99/99/9999}).
 */
public final class SchemaDrift {

    /** What kind of difference, by its word in metrics and logs. */
    public enum Kind {
        ADDED("added"), MISSING("missing"), KEY_MISSING("key-missing"), DATE("date"), VALUE("value");

        private final String word;

        Kind(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

    /**
     * One difference.
     *
     * @param field the field's path in the record, as the catalog's answer names write it ({@code by_agent[].latency_ms})
     * @param expected what the catalog says, in words ({@code duration}, {@code absent})
     * @param came what the record has, in words, never its value ({@code text like 99/99/9999}, {@code absent})
     */
    public record Difference(String field, Kind kind, String expected, String came) {
    }

    /** Elements of a nested list checked per record: their fields are the same in each. */
    private static final int ELEMENTS_CHECKED = 3;
    /** Characters of a value's form shown at most. */
    private static final int FORM_LENGTH = 24;
    private static final String ABSENT = "absent";

    private final List<FieldTree.Node> fields;
    private final Set<String> keyFields;
    private final String dateField;
    private final ZoneId zone;

    private SchemaDrift(List<FieldTree.Node> fields, Set<String> keyFields, String dateField, ZoneId zone) {
        this.fields = fields;
        this.keyFields = keyFields;
        this.dateField = dateField;
        this.zone = zone;
    }

    /**
     * @param keyFields the key the report's route uses (the catalog's unless the route sets its own); its request
     *        parameters ({@code @date_ini}) are no record fields and are left out
     * @param dateField the field that dates the route's records, or empty
     * @param zone the zone of Wolkvox's wall-clock dates
     */
    public static SchemaDrift of(CatalogEntry entry, String keyFields, String dateField, ZoneId zone) {
        Set<String> key = Arrays.stream(keyFields.split(",")).map(String::trim)
                .filter(part -> !part.isEmpty() && !part.startsWith("@")).collect(Collectors.toUnmodifiableSet());
        return new SchemaDrift(FieldTree.parse(entry.fields()), key, dateField, zone);
    }

    /** The record's differences from the catalog entry, in the catalog's order of fields, then the fields it added. */
    public List<Difference> check(Map<String, ?> record) {
        List<Difference> found = new ArrayList<>();
        object(record, fields, "", true, found);
        return found;
    }

    private void object(Map<?, ?> record, List<FieldTree.Node> nodes, String prefix, boolean top, List<Difference> found) {
        for (FieldTree.Node node : nodes) {
            Object value = record.get(node.key());
            if (value == null && !record.containsKey(node.key())) {
                boolean key = top && keyFields.contains(node.key());
                found.add(new Difference(node.path(), key ? Kind.KEY_MISSING : Kind.MISSING,
                        (key ? "key field, " : "") + expected(node), ABSENT));
            } else if (value != null) {
                value(node, value, top && node.key().equals(dateField), found);
            }
        }
        for (Object name : record.keySet()) {
            if (nodes.stream().noneMatch(node -> node.key().equals(name))) {
                found.add(new Difference(prefix + name, Kind.ADDED, ABSENT, jsonKind(record.get(name))));
            }
        }
    }

    private void value(FieldTree.Node node, Object value, boolean date, List<Difference> found) {
        switch (node.kind()) {
            case LEAF -> {
                ValueKind kind = node.value() != null ? node.value() : date ? ValueKind.DATE_TIME : null;
                if (kind == null) {
                    return;
                }
                String problem = problem(kind, value);
                if (problem != null) {
                    found.add(new Difference(node.path(), date ? Kind.DATE : Kind.VALUE, expected(node, kind), problem));
                }
            }
            case LIST -> {
                if (!(value instanceof List<?> items)) {
                    found.add(new Difference(node.path(), Kind.VALUE, expected(node), jsonKind(value)));
                    return;
                }
                for (Object item : items.subList(0, Math.min(items.size(), ELEMENTS_CHECKED))) {
                    if (item instanceof Map<?, ?> element) {
                        object(element, node.children(), node.path() + ".", false, found);
                    } else {
                        found.add(new Difference(node.path(), Kind.VALUE, expected(node), "a list of " + jsonKind(item)));
                        return;
                    }
                }
            }
            case OBJECT -> {
                if (value instanceof Map<?, ?> object) {
                    object(object, node.children(), node.path().substring(0, node.path().length() - 2) + ".", false,
                            found);
                } else {
                    found.add(new Difference(node.path(), Kind.VALUE, expected(node), jsonKind(value)));
                }
            }
            case STRINGS -> {
                if (!(value instanceof List<?>)) {
                    found.add(new Difference(node.path(), Kind.VALUE, expected(node), jsonKind(value)));
                }
            }
        }
    }

    /** Why {@code value} is not of {@code kind}, in words without the value, or null when it is. */
    private String problem(ValueKind kind, Object value) {
        if (value instanceof String text) {
            try {
                kind.convert(text, zone);
                return null;
            } catch (IllegalArgumentException e) {
                return "text like " + form(text.trim());
            }
        }
        boolean fits = switch (kind) {
            case INTEGER -> value instanceof Integer || value instanceof Long;
            case DECIMAL, PERCENT -> value instanceof Number;
            case BOOLEAN -> value instanceof Boolean;
            default -> false;
        };
        return fits ? null : jsonKind(value);
    }

    private static String expected(FieldTree.Node node) {
        return switch (node.kind()) {
            case LIST -> "a list of objects";
            case OBJECT -> "an object";
            case STRINGS -> "a list of texts";
            case LEAF -> node.value() == null ? "text" : node.value().word();
        };
    }

    private static String expected(FieldTree.Node node, ValueKind kind) {
        return node.value() == null ? "a date-time (yyyy-MM-dd HH:mm:ss), as the record's date" : kind.word();
    }

    /** A value's JSON kind, in words. */
    static String jsonKind(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String) {
            return "text";
        }
        if (value instanceof Number) {
            return "a number";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        return value instanceof List<?> ? "a list" : "an object";
    }

    /** A text's form without its content: each digit 9, each letter a, other characters as they are; cut short. */
    static String form(String text) {
        StringBuilder form = new StringBuilder();
        text.codePoints().limit(FORM_LENGTH).forEach(c -> form.appendCodePoint(
                Character.isDigit(c) ? '9' : Character.isLetter(c) ? 'a' : c));
        return text.codePointCount(0, text.length()) > FORM_LENGTH ? form + "..." : form.toString();
    }
}
