package io.github.wolkvoxcamel.sink;

import org.apache.camel.Endpoint;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code jsonl:<sink>} appends the message body as one JSON line to {@code <FILE_SINK_DIR>/<sink>/<yyyy-MM-dd>.jsonl}
 * and completes the exchange only once the line is on disk (forced by the writer's commit thread, which groups the
 * lines of all exchanges waiting), so a route's exchange never counts as delivered to a file it is not safely in.
 * Camel's {@code file:} component cannot say that: it neither forces the file nor keeps it open between exchanges.
 */
@Component("jsonl")
public class JsonLinesComponent extends DefaultComponent {

    /** The {@link JsonLinesWriter} of {@code FILE_SINK_DIR}, shared with every other writer of those files. */
    public static final String WRITER_BEAN = "fileSinkWriter";
    private static final Pattern RESERVED = Pattern.compile("(?i)(dlq|schemas|con|prn|aux|nul|com[1-9]|lpt[1-9])(\\..*)?");

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        JsonLinesEndpoint endpoint = new JsonLinesEndpoint(uri, this, remaining);
        setProperties(endpoint, parameters);
        endpoint.writer().checkName(remaining);
        if (endpoint.getWriter() == null) {
            refuseReserved(remaining);
        }
        return endpoint;
    }

    /**
     * Refuses names that are no sink's under FILE_SINK_DIR (an endpoint with a writer of its own writes under that
     * writer's directory): {@code dlq} is the dead letters' directory (DLQ_DIR may be FILE_SINK_DIR),
     * {@code schemas} holds the reports' JSON Schemas ({@link SchemaFiles}), and Windows' device names (CON, NUL,
     * COM1...) cannot be directories on a disk a sink may be copied to.
     */
    static void refuseReserved(String sink) {
        if (RESERVED.matcher(sink).matches()) {
            throw new IllegalArgumentException("file sink name '" + sink + "' is reserved (dlq, schemas, and Windows' device names"
                    + " CON, PRN, AUX, NUL, COM1-9, LPT1-9): choose another");
        }
    }

    JsonLinesWriter writer() {
        JsonLinesWriter writer = getCamelContext().getRegistry().lookupByNameAndType(WRITER_BEAN, JsonLinesWriter.class);
        if (writer == null) {
            throw new IllegalStateException("jsonl needs the " + WRITER_BEAN + " bean (WolkvoxSetup)");
        }
        return writer;
    }
}
