package io.github.wolkvoxcamel.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Where in the catalog's YAML an entry says what: the line of its {@code fields:}, {@code keyFields:},
 * {@code dateField:} and of each field, so that a difference a real answer shows names the line to change. YAML
 * trees keep no line numbers; the catalog's fixed layout (an entry per {@code - group:}, a field per line) does.
 */
public final class CatalogLines {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final String FIELD = "    - {";

    /** group/api/what to line number, 1-based; what is fields, keyFields, dateField or a field's answer name. */
    private final Map<String, Integer> lines;

    private CatalogLines(Map<String, Integer> lines) {
        this.lines = lines;
    }

    /** The lines of the shipped catalog ({@value WolkvoxCatalog#RESOURCE}). */
    public static CatalogLines shipped() {
        try (InputStream yaml = CatalogLines.class.getResourceAsStream("/" + WolkvoxCatalog.RESOURCE)) {
            if (yaml == null) {
                throw new IllegalArgumentException("resource " + WolkvoxCatalog.RESOURCE + " is not on the classpath");
            }
            return of(new String(yaml.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + WolkvoxCatalog.RESOURCE, e);
        }
    }

    static CatalogLines of(String yaml) {
        Map<String, Integer> lines = new HashMap<>();
        String[] text = yaml.split("\n", -1);
        String group = null;
        String entry = null;
        for (int i = 0; i < text.length; i++) {
            String line = text[i];
            if (line.startsWith("- group: ")) {
                group = line.substring("- group: ".length()).trim();
                entry = null;
            } else if (line.startsWith("  api: ") && group != null) {
                entry = group + "/" + line.substring("  api: ".length()).trim() + "/";
            } else if (entry != null && line.startsWith(FIELD)) {
                lines.put(entry + answerName(line.substring(FIELD.length() - 1)), i + 1);
            } else if (entry != null && line.startsWith("  ") && !line.startsWith("   ") && line.contains(":")) {
                lines.put(entry + line.substring(2, line.indexOf(':')), i + 1);
            }
        }
        return new CatalogLines(lines);
    }

    /** A field line's answer name: its example's spelling where it has one, as {@link CatalogField#answerName}. */
    private static String answerName(String flowMapping) {
        try {
            JsonNode field = YAML.readTree(flowMapping);
            JsonNode example = field.get("example");
            return example != null && example.isTextual() ? example.textValue() : field.path("name").asText();
        } catch (IOException e) {
            throw new IllegalArgumentException("catalog field line is no YAML mapping: " + flowMapping, e);
        }
    }

    /**
     * What to change for a difference, and where: the catalog line, or the route's setting where the route chose the
     * key or date field. Names and kinds only, as the difference holds.
     */
    public String fix(String group, String api, SchemaDrift.Difference difference) {
        String at = WolkvoxCatalog.RESOURCE + " line ";
        int field = line(group, api, difference.field());
        int fields = line(group, api, "fields");
        return switch (difference.kind()) {
            case ADDED -> "to keep it, add {name: " + difference.field() + ", type: String} to the entry's fields (" + at
                    + fields + ")";
            case MISSING -> "remove the field, or correct its name to the one the answer uses (" + at
                    + (field > 0 ? field : fields) + ")";
            case KEY_MISSING -> "correct keyFields (" + at + line(group, api, "keyFields")
                    + "), or set keyFields in the report's route";
            case DATE -> "such records are dated by their window's day: point dateField (" + at
                    + line(group, api, "dateField") + ") at a field in yyyy-MM-dd HH:mm:ss, or set dateField in the "
                    + "report's route";
            case VALUE -> "correct the field's value kind, or leave value out to keep it text (" + at
                    + (field > 0 ? field : fields) + ")";
        };
    }

    /**
     * The line of an entry's {@code what} ({@code fields}, {@code keyFields}, {@code dateField}, or a field's answer
     * name), 1-based; 0 when the catalog has none.
     */
    public int line(String group, String api, String what) {
        return lines.getOrDefault(group + "/" + api + "/" + what, 0);
    }
}
