package io.github.wolkvoxcamel.sink;

import io.github.wolkvoxcamel.sink.WindowDelivery.RecordDelivery;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;

/**
 * Delivers the message to the endpoint's sink. Within a rule route the Kafka send joins the window's deliveries (the
 * window waits for it at its end); anywhere else it waits for the acknowledgement itself.
 */
final class SinkProducer extends DefaultProducer {

    private RecordSinks sinks;

    SinkProducer(SinkEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        sinks = getEndpoint().getComponent().sinks();
    }

    @Override
    public SinkEndpoint getEndpoint() {
        return (SinkEndpoint) super.getEndpoint();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        String sink = getEndpoint().getSink();
        exchange.getMessage().setHeader(RecordSinks.HEADER_SINK, sink);
        SinkRecord record = SinkRecord.of(exchange.getMessage());
        RecordDelivery delivery = exchange.getProperty(RecordDispatcher.PROPERTY_DELIVERY, RecordDelivery.class);
        if (delivery != null) {
            sinks.deliver(sink, record, delivery);
        } else {
            sinks.deliverNow(sink, record);
        }
    }
}
