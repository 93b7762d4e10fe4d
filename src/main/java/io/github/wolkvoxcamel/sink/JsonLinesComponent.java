package io.github.wolkvoxcamel.sink;

import org.apache.camel.Endpoint;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;

import java.util.Map;

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

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        JsonLinesEndpoint endpoint = new JsonLinesEndpoint(uri, this, remaining);
        setProperties(endpoint, parameters);
        writer().checkName(remaining);
        return endpoint;
    }

    JsonLinesWriter writer() {
        JsonLinesWriter writer = getCamelContext().getRegistry().lookupByNameAndType(WRITER_BEAN, JsonLinesWriter.class);
        if (writer == null) {
            throw new IllegalStateException("jsonl needs the " + WRITER_BEAN + " bean (WolkvoxSetup)");
        }
        return writer;
    }
}
