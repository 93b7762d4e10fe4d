package io.github.wolkvoxcamel.sink;

import org.apache.camel.Endpoint;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * {@code wolkvox-records:<report>} starts a rule route: the route receives each record of that report (optionally
 * only those matching {@code when}) as it is delivered, after the record went to its report's own sink. Knows which
 * rule routes are running, so reloading a routes file changes the rules at once.
 */
@Component("wolkvox-records")
public class RecordsComponent extends DefaultComponent {

    private final List<RecordsConsumer> rules = new CopyOnWriteArrayList<>();

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (remaining.isBlank()) {
            throw new IllegalArgumentException("wolkvox-records needs a report name: wolkvox-records:<api>");
        }
        RecordsEndpoint endpoint = new RecordsEndpoint(uri, this, remaining);
        setProperties(endpoint, parameters);
        return endpoint;
    }

    /** The running rule routes of {@code report}, in the order they started. */
    List<RecordsConsumer> rulesFor(String report) {
        return rules.stream().filter(rule -> rule.getEndpoint().getReport().equals(report)).toList();
    }

    void started(RecordsConsumer rule) {
        rules.add(rule);
    }

    void stopped(RecordsConsumer rule) {
        rules.remove(rule);
    }
}
