package io.github.wolkvoxcamel.sink;

import io.github.wolkvoxcamel.state.Fingerprint;
import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaHeaderFilterStrategy;

/**
 * camel-kafka's own header filter, with the record headers ({@code Wolkvox*}, text) let through at once: the filter
 * lowercases each header's name and tries each of its prefixes ({@code Camel}, {@code kafka.}...), for every header of
 * every record, and none of them starts a {@code Wolkvox} name. A record's {@link Fingerprint} header is filtered out
 * here: camel-kafka would find no converter to bytes for it and drop it anyway, a failed type conversion and a debug
 * log call per record later. Every other header is filtered as camel-kafka filters it.
 */
public final class KafkaHeaderFilter extends KafkaHeaderFilterStrategy {

    @Override
    public boolean applyFilterToCamelHeaders(String headerName, Object headerValue, Exchange exchange) {
        if (headerValue instanceof String && headerName.startsWith("Wolkvox")) {
            return false;
        }
        if (headerValue instanceof Fingerprint) {
            return true;
        }
        return super.applyFilterToCamelHeaders(headerName, headerValue, exchange);
    }
}
