package io.github.wolkvoxcamel.sink;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;

import java.util.Map;

/**
 * A running rule route: its condition, compiled once, and its steps. {@link RecordDispatcher} asks every rule of a
 * record's report whether the record matches, and runs the route for those that do.
 */
final class RecordsConsumer extends DefaultConsumer {

    private RuleCondition when;

    RecordsConsumer(RecordsEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
    }

    @Override
    public RecordsEndpoint getEndpoint() {
        return (RecordsEndpoint) super.getEndpoint();
    }

    /** Whether {@code record}, on {@code probe} with the headers the route would see, is for this rule. */
    boolean matches(Exchange probe, Map<String, Object> record) {
        return when == null || when.matches(probe, record);
    }

    @Override
    protected void doStart() throws Exception {
        String condition = getEndpoint().getWhen();
        if (condition != null && !condition.isBlank()) {
            when = RuleCondition.compile(getEndpoint().getCamelContext(), condition);
        }
        super.doStart();
        getEndpoint().getComponent().started(this);
    }

    @Override
    protected void doStop() throws Exception {
        getEndpoint().getComponent().stopped(this);
        super.doStop();
    }
}
