package io.github.wolkvoxcamel.wolkvox;

import io.github.wolkvoxcamel.catalog.CatalogLines;
import io.github.wolkvoxcamel.catalog.SchemaDrift;
import io.github.wolkvoxcamel.catalog.WolkvoxCatalog;
import io.github.wolkvoxcamel.observe.PollMonitor;
import io.github.wolkvoxcamel.record.WolkvoxRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.ZoneId;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Compares the first {@value #SAMPLE} records of each window with the report's catalog entry ({@link SchemaDrift}),
 * as they are read: each difference is counted ({@code wolkvox.schema.drift}), shown in health, and logged once per
 * report, field and kind with what the catalog expects, what came and the catalog line to change. Records go on
 * untouched: a difference never holds one back. A sample, not every record: a window's rows all come from the same
 * query, and checking them all would cost the pipeline's rate.
 */
final class DriftWatch {

    /** Records checked per window. */
    static final int SAMPLE = 20;
    private static final Logger LOG = LoggerFactory.getLogger("wolkvox.drift");

    private final WolkvoxCatalog catalog;
    private final ZoneId zone;
    private final PollMonitor monitor;
    /** Per report route's settings: its comparer, or none for a report the catalog does not know. */
    private final Map<ReportSpec, Optional<SchemaDrift>> drifts = new ConcurrentHashMap<>();
    private final Set<String> logged = ConcurrentHashMap.newKeySet();
    private volatile CatalogLines lines;

    DriftWatch(WolkvoxCatalog catalog, ZoneId zone, PollMonitor monitor) {
        this.catalog = catalog;
        this.zone = zone;
        this.monitor = monitor;
    }

    /** The window's records as they are read, the first {@value #SAMPLE} of them checked on the way. */
    Iterator<WolkvoxRecord> watch(ReportSpec spec, Iterator<WolkvoxRecord> records) {
        Optional<SchemaDrift> drift = drifts.computeIfAbsent(spec, s -> catalog.entry(s.group(), s.api())
                .map(entry -> SchemaDrift.of(entry, s.keyFields(), s.dateField(), zone)));
        if (drift.isEmpty()) {
            return records;
        }
        return new Iterator<>() {
            private int read;

            @Override
            public boolean hasNext() {
                return records.hasNext();
            }

            @Override
            public WolkvoxRecord next() {
                WolkvoxRecord record = records.next();
                if (read < SAMPLE) {
                    read++;
                    if (record.unreadable() == null) {
                        drift.get().check(record).forEach(difference -> seen(spec, difference));
                    }
                }
                return record;
            }
        };
    }

    private void seen(ReportSpec spec, SchemaDrift.Difference difference) {
        monitor.schemaDrift(spec.api(), difference.field(), difference.kind().word());
        if (logged.add(spec.group() + "/" + spec.api() + "/" + difference.field() + "/" + difference.kind())) {
            LOG.warn("schema drift report={} group={} field={} kind={} expected=\"{}\" came=\"{}\": {} (logged once "
                            + "per report, field and kind; records are delivered as they came; counted in "
                            + "wolkvox_schema_drift_total)",
                    spec.api(), spec.group(), difference.field(), difference.kind().word(), difference.expected(),
                    difference.came(), fix(spec, difference));
        }
    }

    /** Where to correct the catalog (or the route) for a difference. */
    private String fix(ReportSpec spec, SchemaDrift.Difference difference) {
        if (lines == null) {
            // read on the first difference only: a report without drift never reads the catalog's text
            lines = CatalogLines.shipped();
        }
        return lines.fix(spec.group(), spec.api(), difference);
    }
}
