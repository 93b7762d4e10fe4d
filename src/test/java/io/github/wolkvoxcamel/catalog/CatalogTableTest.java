package io.github.wolkvoxcamel.catalog;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** README's table of the catalog is the catalog's: regenerated here, compared, and written where an editor finds it. */
class CatalogTableTest {

    @Test
    void readmeShowsTheCatalogAsItIs() throws Exception {
        String table = CatalogTable.markdown(WolkvoxCatalog.shipped());
        Path current = Path.of("target", "catalog-table.md");
        Files.createDirectories(current.getParent());
        Files.writeString(current, table);
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf(CatalogTable.START);
        int end = readme.indexOf(CatalogTable.END);
        assertTrue(start >= 0 && end > start, "README.md has the catalog table's markers");
        assertEquals(table, readme.substring(start + CatalogTable.START.length() + 1, end),
                "README's catalog table is out of date: paste " + current + " between its markers");
        assertEquals(170, table.lines().filter(line -> line.startsWith("| ")).count(), "a header and 169 reports");
    }
}
