package io.github.wolkvoxcamel.sink;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.wolkvoxcamel.catalog.CatalogEntry;
import io.github.wolkvoxcamel.catalog.ReportSchema;
import io.github.wolkvoxcamel.state.DurableFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The JSON Schema of each polled report beside the file sinks, in {@code <FILE_SINK_DIR>/schemas/<api>.schema.json}
 * ({@code <group>.<api>.schema.json} for an api name several groups have), rewritten at every start so it follows
 * the catalog of the version running.
 */
public final class SchemaFiles {

    /** The directory under FILE_SINK_DIR; no sink may take its name. */
    public static final String DIRECTORY = "schemas";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path directory;
    private final boolean typed;

    /** @param typed whether records are delivered typed (WOLKVOX_TYPED): the schemas say so */
    public SchemaFiles(Path sinkRoot, boolean typed) {
        this.directory = sinkRoot.resolve(DIRECTORY);
        this.typed = typed;
    }

    /**
     * @param name the report's schema name: its api, or {@code <group>.<api>} for an api name several groups have
     * @return the file written
     */
    public Path write(CatalogEntry entry, String name) {
        Path file = directory.resolve(name + ".schema.json");
        try {
            DurableFiles.replace(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(
                    ReportSchema.of(entry, typed)));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the schema " + file, e);
        }
    }
}
