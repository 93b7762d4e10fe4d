package io.github.wolkvoxcamel.state;

import org.apache.camel.Exchange;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;

import java.util.HashSet;
import java.util.Set;

/**
 * {@link DeliveredRecords} as the report route's {@code idempotentConsumer} sees it. A record is taken ({@code add})
 * when it was neither delivered before nor is on its way now; it counts as delivered ({@code confirm}) only once its
 * exchange completed at every endpoint it was routed to, or was kept as a dead letter, and is let go ({@code remove})
 * when it failed otherwise, so the window's next pass sends it again. The record's {@link Fingerprint} travels in the
 * header {@code WolkvoxFingerprint}; its scope (the report route) is the exchange's route.
 */
public final class DeliveredRecordsRepository extends ServiceSupport implements IdempotentRepository {

    /** Exchange property set on a confirmed record whose key had been delivered before with other content. */
    public static final String PROPERTY_VERSION = "wolkvoxVersion";
    /** Exchange property set on a record once it is kept as a dead letter. */
    public static final String PROPERTY_DEAD_LETTERED = "wolkvoxDeadLettered";

    private final DeliveredRecords delivered;
    private final String fingerprintHeader;
    // guarded by this: records taken and not yet confirmed or removed, as many as are in flight
    private final Set<Fingerprint> pending = new HashSet<>();

    public DeliveredRecordsRepository(DeliveredRecords delivered, String fingerprintHeader) {
        this.delivered = delivered;
        this.fingerprintHeader = fingerprintHeader;
    }

    @Override
    public boolean add(Exchange exchange, String key) {
        Fingerprint fingerprint = fingerprint(exchange);
        if (delivered.contains(fingerprint)) {
            return false;
        }
        synchronized (this) {
            return pending.add(fingerprint);
        }
    }

    @Override
    public boolean contains(Exchange exchange, String key) {
        Fingerprint fingerprint = fingerprint(exchange);
        synchronized (this) {
            if (pending.contains(fingerprint)) {
                return true;
            }
        }
        return delivered.contains(fingerprint);
    }

    @Override
    public boolean confirm(Exchange exchange, String key) {
        Fingerprint fingerprint = fingerprint(exchange);
        if (delivered.add(exchange.getFromRouteId(), fingerprint)) {
            exchange.setProperty(PROPERTY_VERSION, true);
        }
        synchronized (this) {
            return pending.remove(fingerprint);
        }
    }

    /**
     * A record that failed is let go, to be sent again; one kept as a dead letter (an {@code onException} handled its
     * refusal) is done with instead, so that no later poll sends it or letters it again.
     */
    @Override
    public boolean remove(Exchange exchange, String key) {
        if (exchange.getProperty(PROPERTY_DEAD_LETTERED, false, Boolean.class)) {
            return confirm(exchange, key);
        }
        Fingerprint fingerprint = fingerprint(exchange);
        synchronized (this) {
            return pending.remove(fingerprint);
        }
    }

    private Fingerprint fingerprint(Exchange exchange) {
        Fingerprint fingerprint = exchange.getMessage().getHeader(fingerprintHeader, Fingerprint.class);
        if (fingerprint == null) {
            throw new IllegalArgumentException("the record has no " + fingerprintHeader + " header");
        }
        return fingerprint;
    }

    /** Records are told apart by their fingerprint, which only an exchange carries. */
    @Override
    public boolean add(String key) {
        throw exchangeNeeded();
    }

    @Override
    public boolean contains(String key) {
        throw exchangeNeeded();
    }

    @Override
    public boolean remove(String key) {
        throw exchangeNeeded();
    }

    @Override
    public boolean confirm(String key) {
        throw exchangeNeeded();
    }

    private UnsupportedOperationException exchangeNeeded() {
        return new UnsupportedOperationException("delivered records are looked up by the exchange's " + fingerprintHeader);
    }

    /** Forgets the records on their way (none is, between windows); what was delivered stays. */
    @Override
    public synchronized void clear() {
        pending.clear();
    }
}
