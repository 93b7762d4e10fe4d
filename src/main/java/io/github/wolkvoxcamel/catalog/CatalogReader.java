package io.github.wolkvoxcamel.catalog;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.github.wolkvoxcamel.time.Durations;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the catalog's YAML into entries. Every entry spells out all of its keys, so that a typo or a forgotten key
 * fails here, naming the resource and the entry, instead of reading as "none".
 */
final class CatalogReader {

    private static final Set<String> ENTRY_KEYS = Set.of("group", "api", "title", "shape", "bucket", "horizon",
            "required", "optional", "defaults", "fields", "keyFields", "dateField", "dedup", "data", "quirks");
    private static final Set<String> FIELD_KEYS = Set.of("name", "example", "type", "only", "value");
    private static final Set<String> FIELD_NEEDS = Set.of("name", "type");
    /** A key written twice in one mapping would silently keep the last value. */
    private static final YAMLMapper YAML =
            YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private final String resource;

    CatalogReader(String resource) {
        this.resource = resource;
    }

    /** @throws IllegalArgumentException naming the resource, and the entry where one is at fault */
    List<CatalogEntry> read(InputStream yaml) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (IOException e) {
            throw new IllegalArgumentException("resource " + resource + " is not readable YAML: " + e.getMessage(), e);
        }
        if (root == null || !root.isArray() || root.isEmpty()) {
            throw new IllegalArgumentException("resource " + resource + " must be a YAML list of entries");
        }
        List<CatalogEntry> entries = new ArrayList<>();
        for (JsonNode node : root) {
            try {
                entries.add(entry(node));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("resource " + resource + ", entry " + node.path("group").asText("?")
                        + "/" + node.path("api").asText("?") + ": " + e.getMessage(), e);
            }
        }
        return entries;
    }

    private static CatalogEntry entry(JsonNode node) {
        keys(node, ENTRY_KEYS, ENTRY_KEYS, "an entry");
        CatalogShape shape = CatalogShape.parse(text(node, "shape"));
        String dedup = text(node, "dedup");
        if (!dedup.equals(shape.dedup())) {
            throw new IllegalArgumentException("dedup " + dedup + " does not fit shape " + shape.word() + ", which is "
                    + shape.dedup());
        }
        List<CatalogField> fields = new ArrayList<>();
        for (JsonNode field : array(node, "fields")) {
            keys(field, FIELD_KEYS, FIELD_NEEDS, "a field");
            fields.add(new CatalogField(text(field, "name"), nullable(field, "example"), nullable(field, "type"),
                    nullable(field, "only"), field.has("value") ? ValueKind.parse(text(field, "value")) : null));
        }
        return new CatalogEntry(text(node, "group"), text(node, "api"), text(node, "title"), shape,
                duration(node, "bucket"), duration(node, "horizon"), texts(node, "required"), texts(node, "optional"),
                map(node, "defaults"), fields, nullable(node, "keyFields"), nullable(node, "dateField"),
                text(node, "data"), texts(node, "quirks"));
    }

    private static void keys(JsonNode node, Set<String> allowed, Set<String> needed, String what) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(what + " must be a mapping");
        }
        Set<String> present = new LinkedHashSet<>();
        node.properties().forEach(property -> present.add(property.getKey()));
        for (String key : present) {
            if (!allowed.contains(key)) {
                throw new IllegalArgumentException(what + " has unknown key '" + key + "'; keys are "
                        + new TreeSet<>(allowed));
            }
        }
        for (String key : needed) {
            if (!present.contains(key)) {
                throw new IllegalArgumentException(what + " lacks key '" + key + "' (write null or [] for none)");
            }
        }
    }

    private static String text(JsonNode node, String key) {
        String value = nullable(node, key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(key + " must not be empty");
        }
        return value;
    }

    private static String nullable(JsonNode node, String key) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException(key + " must be a text, not " + value);
        }
        return value.textValue();
    }

    private static Duration duration(JsonNode node, String key) {
        String value = nullable(node, key);
        return value == null ? null : Durations.parse(key, value);
    }

    private static JsonNode array(JsonNode node, String key) {
        JsonNode value = node.get(key);
        if (!value.isArray()) {
            throw new IllegalArgumentException(key + " must be a list (write [] for none)");
        }
        return value;
    }

    private static List<String> texts(JsonNode node, String key) {
        List<String> values = new ArrayList<>();
        for (JsonNode value : array(node, key)) {
            if (!value.isTextual() || value.textValue().isBlank()) {
                throw new IllegalArgumentException(key + " must list texts, not " + value);
            }
            values.add(value.textValue());
        }
        return values;
    }

    private static Map<String, String> map(JsonNode node, String key) {
        JsonNode value = node.get(key);
        if (!value.isObject()) {
            throw new IllegalArgumentException(key + " must be a mapping (write {} for none)");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : value.properties()) {
            if (!entry.getValue().isTextual()) {
                throw new IllegalArgumentException(key + "." + entry.getKey() + " must be a text, not "
                        + entry.getValue());
            }
            values.put(entry.getKey(), entry.getValue().textValue());
        }
        return values;
    }
}
