package io.github.wolkvoxcamel.catalog;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Arrays;
import java.util.List;

/**
 * The JSON Schema (2020-12) of one report's records, from its catalog entry: each field under the name the api sends,
 * a string as Wolkvox sends every value (its documented type in {@code x-wolkvox-type}, what it stands for in
 * {@code x-wolkvox-value}), nested lists and objects as in the answer, the record key's fields required. Other
 * properties are allowed: Wolkvox may add fields, and a record is delivered as it came. In the typed mode's schema a
 * field with a value kind is a number, a boolean or an ISO-8601 string instead, or null where Wolkvox sent no value.
 */
public final class ReportSchema {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DRAFT = "https://json-schema.org/draft/2020-12/schema";

    private ReportSchema() {
    }

    /** The schema of records as Wolkvox sends them. */
    public static ObjectNode of(CatalogEntry entry) {
        return of(entry, false);
    }

    /** The schema of records as the typed mode delivers them ({@link RecordTypes}). */
    public static ObjectNode typed(CatalogEntry entry) {
        return of(entry, true);
    }

    /** The schema of records as Wolkvox sends them, or, {@code typed}, as the typed mode delivers them. */
    public static ObjectNode of(CatalogEntry entry, boolean typed) {
        ObjectNode schema = JSON.createObjectNode();
        schema.put("$schema", DRAFT);
        schema.put("$id", "urn:wolkvox-camel:schema:" + entry.group() + ":" + entry.api());
        schema.put("title", entry.group() + "/" + entry.api() + ": " + entry.title());
        schema.put("description", "A record of the Wolkvox api " + entry.api() + " (" + entry.group() + ".php), shape "
                + entry.shape().word() + (typed ? ", typed: numbers, booleans and ISO-8601 dates and durations "
                + "where x-wolkvox-value says what a value stands for, null where Wolkvox sent none"
                : ". Every value is a string, as Wolkvox sends it") + "; x-wolkvox-type is the documented type.");
        object(schema, FieldTree.parse(entry.fields()), typed);
        ArrayNode required = JSON.createArrayNode();
        if (entry.keyFields() != null) {
            Arrays.stream(entry.keyFields().split(",")).map(String::trim).filter(part -> !part.startsWith("@"))
                    .forEach(required::add);
        }
        if (!required.isEmpty()) {
            schema.set("required", required);
        }
        return schema;
    }

    private static void object(ObjectNode schema, List<FieldTree.Node> fields, boolean typed) {
        schema.put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        fields.forEach(field -> properties.set(field.key(), node(field, typed)));
        schema.put("additionalProperties", true);
    }

    private static ObjectNode node(FieldTree.Node field, boolean typed) {
        ObjectNode node = JSON.createObjectNode();
        switch (field.kind()) {
            case LEAF -> {
                if (typed && field.value() != null) {
                    field.value().schema(node);
                } else {
                    node.put("type", "string");
                }
            }
            case STRINGS -> {
                node.put("type", "array");
                node.putObject("items").put("type", "string");
            }
            case LIST -> {
                node.put("type", "array");
                object(node.putObject("items"), field.children(), typed);
            }
            case OBJECT -> object(node, field.children(), typed);
        }
        if (field.type() != null) {
            node.put("x-wolkvox-type", field.type());
        }
        if (field.value() != null) {
            node.put("x-wolkvox-value", field.value().word());
        }
        return node;
    }
}
