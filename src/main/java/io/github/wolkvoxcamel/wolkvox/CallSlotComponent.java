package io.github.wolkvoxcamel.wolkvox;

import org.apache.camel.Endpoint;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;

import java.util.Map;

/**
 * {@code wolkvox-slot:<token alias>} holds one of the token's call slots ({@link TokenPermits}) from this step until
 * the exchange completes, however long that takes: the step before each Wolkvox call. It does what Camel's
 * {@code throttle} with {@code concurrentRequests} and a correlation expression does, without its 10-second clean-up
 * that lets extra exchanges in while a long call still holds a permit (CAMEL-24926, in Camel 4.18.0).
 */
@Component("wolkvox-slot")
public class CallSlotComponent extends DefaultComponent {

    /** Name of the {@link TokenPermits} bean the slots come from. */
    public static final String PERMITS_BEAN = "tokenPermits";

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (remaining.isBlank()) {
            throw new IllegalArgumentException("wolkvox-slot needs a token alias: wolkvox-slot:<alias>");
        }
        CallSlotEndpoint endpoint = new CallSlotEndpoint(uri, this, remaining);
        setProperties(endpoint, parameters);
        return endpoint;
    }

    TokenPermits permits() {
        TokenPermits permits = getCamelContext().getRegistry().lookupByNameAndType(PERMITS_BEAN, TokenPermits.class);
        if (permits == null) {
            throw new IllegalStateException("wolkvox-slot needs the " + PERMITS_BEAN + " bean (WolkvoxSetup)");
        }
        return permits;
    }
}
