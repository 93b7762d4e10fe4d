package io.github.wolkvoxcamel.record;

import org.apache.camel.spi.Metadata;

/**
 * The names a record's exchange carries: the {@code Wolkvox*} headers the poller sets on each record (also carried to
 * Kafka), and the request parameters the poller adds itself, which a record key can name ({@code @polled_at}) though
 * Wolkvox never sees them. Here, apart from the poller, so that sinks and the catalog can name them too.
 */
public final class WolkvoxHeaders {

    /** The request parameter a key can name as {@code @polled_at}: the poll's time, never sent to Wolkvox. */
    public static final String POLLED_AT = "polled_at";
    /**
     * The request parameter a key can name as {@code @list_version}: the time of the poll that found a lookup list
     * changed, so that the list is delivered whole at the first poll after a start and whenever any of it changed
     * since the previous poll (a list changed back included), and not at all while it stays the same.
     */
    public static final String LIST_VERSION = "list_version";
    // Record headers, also carried to Kafka; their @Metadata is what Camel's tooling lists as the wolkvox endpoint's
    // headers (its headersClass)
    @Metadata(description = "The report's api name (diagram_1)", javaType = "String")
    public static final String HEADER_REPORT = "WolkvoxReport";
    @Metadata(description = "The report's .php group (reports_manager): an api name alone is not unique (agents, "
            + "skills, campaigns, interactions)", javaType = "String")
    public static final String HEADER_GROUP = "WolkvoxGroup";
    @Metadata(description = "The record's key, from its key fields; also camel-kafka's message key (kafka.KEY)",
            javaType = "String")
    public static final String HEADER_RECORD_KEY = "WolkvoxRecordKey";
    @Metadata(description = "The start of the window the record was read in, ISO-8601 with the zone's offset "
            + "(2026-11-21T00:00-05:00)", javaType = "String")
    public static final String HEADER_WINDOW_START = "WolkvoxWindowStart";
    @Metadata(description = "The end of the window the record was read in, ISO-8601 with the zone's offset",
            javaType = "String")
    public static final String HEADER_WINDOW_END = "WolkvoxWindowEnd";
    @Metadata(description = "When the record's window was fetched, ISO-8601 with the zone's offset",
            javaType = "String")
    public static final String HEADER_FETCHED_AT = "WolkvoxFetchedAt";
    @Metadata(description = "The record's day (yyyy-MM-dd): its date field's, else the window's", javaType = "String")
    public static final String HEADER_RECORD_DATE = "WolkvoxRecordDate";
    @Metadata(description = "Typed mode: the field of a record left as Wolkvox sent it, and why it did not convert; "
            + "absent when the record is typed", javaType = "String")
    public static final String HEADER_UNTYPED = "WolkvoxUntyped";
    /** The sink a record goes to: the shipped sink's name, {@code dlq} on a dead letter. */
    public static final String HEADER_SINK = "WolkvoxSink";
    /**
     * Why no sink can take the record, an exception; such a record becomes a dead letter without reaching the route,
     * so it is none of the endpoint's headers (no {@code @Metadata}).
     */
    public static final String HEADER_REFUSED = "WolkvoxRefused";

    private WolkvoxHeaders() {
    }
}
