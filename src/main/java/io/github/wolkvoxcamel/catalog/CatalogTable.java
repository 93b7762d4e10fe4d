package io.github.wolkvoxcamel.catalog;

import io.github.wolkvoxcamel.time.Durations;

import java.util.stream.Collectors;

/** The catalog as the Markdown table docs/reports.md shows, between its {@link #START} and {@link #END} markers. */
public final class CatalogTable {

    public static final String START = "<!-- catalog table: generated from wolkvox-catalog.yaml, see CatalogTableTest -->";
    public static final String END = "<!-- end of catalog table -->";

    private CatalogTable() {
    }

    public static String markdown(WolkvoxCatalog catalog) {
        StringBuilder table = new StringBuilder("| group | api | title | shape | key | date field | the route gives |\n"
                + "|---|---|---|---|---|---|---|\n");
        for (CatalogEntry entry : catalog.entries()) {
            String gives = entry.required().stream()
                    .filter(name -> !name.equals("date_ini") && !name.equals("date_end") && !entry.defaults().containsKey(name))
                    .map(name -> "`" + name + "`").collect(Collectors.joining(", "));
            table.append("| ").append(entry.group()).append(" | `").append(entry.api()).append("` | ")
                    .append(entry.title().replace("|", "\\|")).append(" | ").append(entry.shape().word())
                    .append(entry.bucket() == null ? "" : " (" + Durations.format(entry.bucket()) + ")")
                    .append(" | ").append(entry.routeKey().isEmpty() ? "*(set keyFields)*" : "`" + entry.routeKey() + "`")
                    .append(" | ").append(entry.dateField() == null ? "" : "`" + entry.dateField() + "`")
                    .append(" | ").append(gives).append(" |\n");
        }
        return table.toString();
    }
}
