package io.github.wolkvoxcamel;

import io.github.wolkvoxcamel.catalog.CatalogEntry;
import io.github.wolkvoxcamel.catalog.WolkvoxCatalog;
import io.github.wolkvoxcamel.sink.SchemaFiles;
import io.github.wolkvoxcamel.sink.SchemaPublisher;
import io.github.wolkvoxcamel.wolkvox.ReportSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The JSON Schemas of the polled reports the catalog knows, given at start and whenever a reload changed the report
 * routes: written beside the file sinks, and published to Kafka and a Schema Registry.
 */
final class ReportSchemas implements Consumer<List<ReportSpec>> {

    private static final Logger LOG = LoggerFactory.getLogger(WolkvoxSetup.class);

    private final SchemaFiles files;
    private final SchemaPublisher publisher;

    /**
     * @param files null without file sinks
     * @param publisher null without Kafka
     */
    ReportSchemas(SchemaFiles files, SchemaPublisher publisher) {
        this.files = files;
        this.publisher = publisher;
    }

    @Override
    public void accept(List<ReportSpec> reports) {
        Map<CatalogEntry, String> schemas = catalogued(reports);
        if (files != null) {
            write(schemas, files);
        }
        if (publisher != null) {
            publisher.publishSoon(schemas);
        }
    }

    /**
     * The catalog entry of each polled report the catalog knows, and its schema name (of its file, its subject): its
     * api, or {@code <group>.<api>} for an api name several groups have.
     */
    static Map<CatalogEntry, String> catalogued(List<ReportSpec> reports) {
        WolkvoxCatalog catalog = WolkvoxCatalog.shipped();
        Map<CatalogEntry, String> entries = new LinkedHashMap<>();
        for (ReportSpec report : reports) {
            catalog.entry(report.group(), report.api()).ifPresent(entry -> entries.put(entry,
                    catalog.named(entry.api()).size() > 1 ? entry.group() + "." + entry.api() : entry.api()));
        }
        return entries;
    }

    /**
     * The JSON Schema of each polled report the catalog knows, beside the file sinks. A directory that cannot take
     * them does not stop the start: the records' own writes then fail, are retried and show in health.
     */
    private static void write(Map<CatalogEntry, String> reports, SchemaFiles schemas) {
        try {
            reports.forEach(schemas::write);
        } catch (UncheckedIOException e) {
            LOG.warn("The reports' JSON Schemas are not written: {}", e.getMessage());
        }
    }
}
