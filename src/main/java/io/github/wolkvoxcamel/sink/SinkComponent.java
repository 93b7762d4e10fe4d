package io.github.wolkvoxcamel.sink;

import org.apache.camel.Endpoint;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;

import java.util.Map;

/**
 * {@code wolkvox-sink:<sink>} delivers the message (a record, or any JSON body) to a named sink: the file
 * {@code <FILE_SINK_DIR>/<sink>/<yyyy-MM-dd>.jsonl} and, with Kafka on, the topic {@code wolkvox.<sink>}. The step a
 * rule route uses to name a further sink.
 */
@Component("wolkvox-sink")
public class SinkComponent extends DefaultComponent {

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        SinkEndpoint endpoint = new SinkEndpoint(uri, this, remaining);
        setProperties(endpoint, parameters);
        return endpoint;
    }

    RecordSinks sinks() {
        RecordSinks sinks = getCamelContext().getRegistry().lookupByNameAndType(RecordDispatcher.SINKS_BEAN, RecordSinks.class);
        if (sinks == null) {
            throw new IllegalStateException("wolkvox-sink needs the " + RecordDispatcher.SINKS_BEAN + " bean (WolkvoxSetup)");
        }
        return sinks;
    }
}
