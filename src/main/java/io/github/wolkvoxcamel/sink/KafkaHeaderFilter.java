package io.github.wolkvoxcamel.sink;

import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaHeaderFilterStrategy;

/**
 * camel-kafka's own header filter, with the record headers ({@code Wolkvox*}) let through at once: the filter lowercases
 * each header's name and tries each of its prefixes ({@code Camel}, {@code kafka.}...), for every header of every
 * record, and none of them starts a {@code Wolkvox} name. Every other header is filtered as camel-kafka filters it.
 */
public final class KafkaHeaderFilter extends KafkaHeaderFilterStrategy {

    @Override
    public boolean applyFilterToCamelHeaders(String headerName, Object headerValue, Exchange exchange) {
        if (headerValue != null && headerName.startsWith("Wolkvox")) {
            return false;
        }
        return super.applyFilterToCamelHeaders(headerName, headerValue, exchange);
    }
}
