package io.github.wolkvoxcamel.catalog;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The catalog table of docs/reports.md is the catalog's: regenerated here, compared, and written where an editor finds
 * it.
 */
class CatalogTableTest {

    private static final Path PAGE = Path.of("docs", "reports.md");

    @Test
    void docsShowTheCatalogAsItIs() throws Exception {
        String table = CatalogTable.markdown(WolkvoxCatalog.shipped());
        Path current = Path.of("target", "catalog-table.md");
        Files.createDirectories(current.getParent());
        Files.writeString(current, table);
        String page = Files.readString(PAGE);
        int start = page.indexOf(CatalogTable.START);
        int end = page.indexOf(CatalogTable.END);
        assertTrue(start >= 0 && end > start, PAGE + " has the catalog table's markers");
        assertEquals(table, page.substring(start + CatalogTable.START.length() + 1, end),
                "the catalog table of " + PAGE + " is out of date: paste " + current + " between its markers");
        assertEquals(170, table.lines().filter(line -> line.startsWith("| ")).count(), "a header and 169 reports");
    }
}
