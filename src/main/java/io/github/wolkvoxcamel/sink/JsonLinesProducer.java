package io.github.wolkvoxcamel.sink;

import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultAsyncProducer;

/**
 * Appends the body as a line and completes the exchange when the writer tells the line's outcome: on the writer's
 * commit thread, where the rest of the route then goes on.
 */
final class JsonLinesProducer extends DefaultAsyncProducer {

    private JsonLinesWriter writer;

    JsonLinesProducer(JsonLinesEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        writer = getEndpoint().writer();
    }

    @Override
    public JsonLinesEndpoint getEndpoint() {
        return (JsonLinesEndpoint) super.getEndpoint();
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        try {
            Message message = exchange.getMessage();
            writer.append(getEndpoint().getSink(), getEndpoint().day(message), SinkRecord.json(message.getBody()), error -> {
                if (error != null) {
                    exchange.setException(error);
                }
                callback.done(false);
            });
            return false;
        } catch (Exception refused) {
            exchange.setException(refused);
            callback.done(true);
            return true;
        }
    }
}
