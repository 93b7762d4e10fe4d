package io.github.wolkvoxcamel.catalog;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The line of the shipped catalog that says each thing of an entry, as verify names it. */
class CatalogLinesTest {

    @Test
    void everyFieldKeyAndDateFieldOfEveryEntryHasItsOwnLine() throws IOException {
        List<String> yaml;
        try (InputStream in = CatalogLinesTest.class.getResourceAsStream("/" + WolkvoxCatalog.RESOURCE)) {
            yaml = List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1));
        }
        CatalogLines lines = CatalogLines.shipped();
        for (CatalogEntry entry : WolkvoxCatalog.shipped().entries()) {
            String where = entry.group() + "/" + entry.api();
            assertTrue(yaml.get(lines.line(entry.group(), entry.api(), "keyFields") - 1).startsWith("  keyFields: "), where);
            assertTrue(yaml.get(lines.line(entry.group(), entry.api(), "dateField") - 1).startsWith("  dateField: "), where);
            assertEquals("  fields:", yaml.get(lines.line(entry.group(), entry.api(), "fields") - 1), where);
            for (CatalogField field : entry.fields()) {
                String line = yaml.get(lines.line(entry.group(), entry.api(), field.answerName()) - 1);
                assertTrue(line.contains(field.name()), where + " " + field.answerName() + ": " + line);
            }
        }
        assertEquals("    - {name: agent_name, example: name_agent, type: String}",
                yaml.get(lines.line("reports_manager", "cdr_11", "name_agent") - 1), "found by the name the api sends");
        assertEquals(0, lines.line("customer", "agents_detail", "no_such_field"));
    }
}
