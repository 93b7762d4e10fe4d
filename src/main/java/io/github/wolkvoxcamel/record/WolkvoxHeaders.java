package io.github.wolkvoxcamel.record;

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
    /** Record headers, also carried to Kafka. */
    public static final String HEADER_REPORT = "WolkvoxReport";
    /** The report's .php group: an api name alone is not unique (agents, skills, campaigns, interactions). */
    public static final String HEADER_GROUP = "WolkvoxGroup";
    public static final String HEADER_RECORD_KEY = "WolkvoxRecordKey";
    public static final String HEADER_WINDOW_START = "WolkvoxWindowStart";
    public static final String HEADER_WINDOW_END = "WolkvoxWindowEnd";
    public static final String HEADER_FETCHED_AT = "WolkvoxFetchedAt";
    public static final String HEADER_RECORD_DATE = "WolkvoxRecordDate";
    /** The sink a record goes to: the shipped sink's name, {@code dlq} on a dead letter. */
    public static final String HEADER_SINK = "WolkvoxSink";
    /** Why no sink can take the record, an exception; such a record becomes a dead letter. */
    public static final String HEADER_REFUSED = "WolkvoxRefused";

    private WolkvoxHeaders() {
    }
}
