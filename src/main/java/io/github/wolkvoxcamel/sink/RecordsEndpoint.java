package io.github.wolkvoxcamel.sink;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.MultipleConsumersSupport;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

/** The records of one report, for a rule route; consumer only. */
@UriEndpoint(firstVersion = "0.1.0", scheme = "wolkvox-records", title = "Wolkvox records", syntax = "wolkvox-records:report",
        consumerOnly = true, category = {Category.CORE})
public class RecordsEndpoint extends DefaultEndpoint implements MultipleConsumersSupport {

    @UriPath(description = "The report (Wolkvox api name) whose records the route receives")
    private final String report;

    @UriParam(description = "Simple predicate a record must match, e.g. ${body[result]} == 'hung up'; empty: every record")
    private String when = "";

    RecordsEndpoint(String uri, RecordsComponent component, String report) {
        super(uri, component);
        this.report = report;
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        RecordsConsumer consumer = new RecordsConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    @Override
    public Producer createProducer() {
        throw new UnsupportedOperationException("wolkvox-records starts a rule route: use it in from, and wolkvox-sink in to");
    }

    @Override
    public boolean isMultipleConsumersSupported() {
        return true;
    }

    @Override
    public RecordsComponent getComponent() {
        return (RecordsComponent) super.getComponent();
    }

    public String getReport() {
        return report;
    }

    public String getWhen() {
        return when;
    }

    public void setWhen(String when) {
        this.when = when;
    }
}
