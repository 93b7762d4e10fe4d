package io.github.wolkvoxcamel.simulator;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A report whose answers disagree with the catalog on purpose, as a real operation's first answers may: fields
 * renamed, added or left out, and date-times written in another format. It applies to every row of every answer of
 * the report, so a test knows each difference it introduced. Top-level text fields only: a nested list or object is
 * written as raw JSON under its own name.
 *
 * @param renamed catalog name to the name the answer uses instead
 * @param added fields the catalog does not know, with the value every row carries
 * @param removed catalog fields the answer leaves out
 * @param dateFormats fields whose {@code yyyy-MM-dd HH:mm:ss} values are written in another format (a
 *        {@link DateTimeFormatter} pattern)
 */
public record Drift(Map<String, String> renamed, Map<String, String> added, Set<String> removed,
                    Map<String, String> dateFormats) {

    private static final DateTimeFormatter WOLKVOX = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    public Drift {
        renamed = Map.copyOf(renamed);
        added = Map.copyOf(added);
        removed = Set.copyOf(removed);
        dateFormats = Map.copyOf(dateFormats);
    }

    /** The row as this drift answers it: the catalog's order, renamed fields in place, added ones last. */
    Row apply(Row row) {
        Map<String, String> fields = new LinkedHashMap<>();
        row.fields().forEach((name, value) -> {
            if (removed.contains(name)) {
                return;
            }
            String format = dateFormats.get(name);
            fields.put(renamed.getOrDefault(name, name), format == null ? value : reformat(value, format));
        });
        fields.putAll(added);
        return new Row(row.at(), row.event(), row.index(), fields);
    }

    private static String reformat(String value, String pattern) {
        try {
            return DateTimeFormatter.ofPattern(pattern).format(LocalDateTime.parse(value, WOLKVOX));
        } catch (DateTimeParseException e) {
            // an empty date stays empty, as Wolkvox writes it in any format
            return value;
        }
    }
}
