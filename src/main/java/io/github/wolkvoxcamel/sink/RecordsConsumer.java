package io.github.wolkvoxcamel.sink;

import org.apache.camel.Exchange;
import org.apache.camel.Predicate;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;

/**
 * A running rule route: its condition, compiled once, and its steps. {@link RecordDispatcher} asks every rule of a
 * record's report whether the record matches, and runs the route for those that do.
 */
final class RecordsConsumer extends DefaultConsumer {

    private Predicate when;

    RecordsConsumer(RecordsEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
    }

    @Override
    public RecordsEndpoint getEndpoint() {
        return (RecordsEndpoint) super.getEndpoint();
    }

    /** Whether the record on {@code probe} (body and headers as the route would see them) is for this rule. */
    boolean matches(Exchange probe) {
        return when == null || when.matches(probe);
    }

    @Override
    protected void doStart() throws Exception {
        String condition = getEndpoint().getWhen();
        if (condition != null && !condition.isBlank()) {
            when = getEndpoint().getCamelContext().resolveLanguage("simple").createPredicate(condition);
            when.init(getEndpoint().getCamelContext());
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
