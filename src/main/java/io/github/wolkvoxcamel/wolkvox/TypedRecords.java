package io.github.wolkvoxcamel.wolkvox;

import io.github.wolkvoxcamel.catalog.RecordTypes;
import io.github.wolkvoxcamel.catalog.WolkvoxCatalog;
import io.github.wolkvoxcamel.observe.PollMonitor;
import io.github.wolkvoxcamel.record.WolkvoxHeaders;
import io.github.wolkvoxcamel.record.WolkvoxRecord;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The typed mode's step (WOLKVOX_TYPED): a record's string values become numbers, booleans and ISO-8601 dates and
 * durations as its report's catalog entry says. A record with a value that does not convert goes on as Wolkvox sent
 * it, whole, with the header {@value WolkvoxHeaders#HEADER_UNTYPED} naming the field and why; it is counted
 * ({@code wolkvox.records.untyped}) and logged once per report and field.
 */
public final class TypedRecords {

    private static final Logger LOG = LoggerFactory.getLogger(TypedRecords.class);

    private final WolkvoxCatalog catalog;
    private final ZoneId zone;
    private final PollMonitor monitor;
    private final Map<String, RecordTypes> reports = new ConcurrentHashMap<>();
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    /** @param zone the zone of Wolkvox's wall-clock dates */
    public TypedRecords(WolkvoxCatalog catalog, ZoneId zone, PollMonitor monitor) {
        this.catalog = catalog;
        this.zone = zone;
        this.monitor = monitor;
    }

    /** Converts the record in the message's body, by the report its headers name. */
    public void convert(Message message) {
        if (!(message.getBody() instanceof WolkvoxRecord record) || record.unreadable() != null) {
            return;
        }
        String group = message.getHeader(WolkvoxHeaders.HEADER_GROUP, String.class);
        String api = message.getHeader(WolkvoxHeaders.HEADER_REPORT, String.class);
        RecordTypes types = reports.computeIfAbsent(group + "/" + api, report -> catalog.entry(group, api)
                .map(entry -> RecordTypes.of(entry, zone)).orElseGet(RecordTypes::none));
        try {
            message.setBody(WolkvoxRecord.of(types.convert(record)));
        } catch (RecordTypes.UntypedException e) {
            message.setHeader(WolkvoxHeaders.HEADER_UNTYPED, e.getMessage());
            monitor.recordUntyped(api, e.field());
            if (warned.add(group + "/" + api + "/" + e.field())) {
                LOG.warn("report={} group={}: a record goes on as Wolkvox sent it, untyped: {} (logged once per field; "
                        + "counted in wolkvox.records.untyped)", api, group, e.getMessage());
            }
        }
    }
}
