package io.github.wolkvoxcamel.sink;

import io.github.wolkvoxcamel.state.Fingerprint;

import java.util.Set;

/** A sink failed for a window's records for a reason other than refusing them: the window is tried again. */
public final class SinkFailedException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient Set<Fingerprint> failed;
    private final boolean someDelivered;

    /**
     * @param failed the records that did not reach every sink
     * @param someDelivered whether other records of the window reached theirs (a failure of some records, not of a sink)
     */
    public SinkFailedException(String message, Throwable cause, Set<Fingerprint> failed, boolean someDelivered) {
        super(message, cause);
        this.failed = Set.copyOf(failed);
        this.someDelivered = someDelivered;
    }

    public Set<Fingerprint> failed() {
        return failed;
    }

    public boolean someDelivered() {
        return someDelivered;
    }
}
