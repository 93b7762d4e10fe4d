package io.github.wolkvoxcamel.catalog;

/**
 * One field of a report's answer. Wolkvox's tables and its example answers do not always agree (typos, a trailing
 * space, a field only one of them has), so the field keeps both spellings and says which source lacks it.
 *
 * @param name the documented name; inside nested data a path: {@code x[]} a list of objects, {@code x{}} an object,
 *        {@code x.y} a field of x
 * @param example the example answer's spelling where it differs from {@code name}, else null
 * @param type the documented type, null when undocumented; answers carry every value as a string whatever it says
 * @param only {@code doc} or {@code example} when the other source lacks the field, else null
 * @param value what the string stands for (a number, a date, a duration...), null for text
 */
public record CatalogField(String name, String example, String type, String only, ValueKind value) {

    public CatalogField {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a field has no name");
        }
        if (only != null && !only.equals("doc") && !only.equals("example")) {
            throw new IllegalArgumentException("field " + name + ": only must be doc or example, not '" + only + "'");
        }
    }

    /** The name the api sends: the example's spelling where the two sources disagree. */
    public String answerName() {
        return example == null ? name : example;
    }
}
