package io.github.wolkvoxcamel.sink;

/**
 * A record that failed at a sink again and again while the rest of its window was delivered: it is kept as a dead
 * letter, with the sink's last error, so that its window can end.
 */
public final class GivenUpRecordException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public GivenUpRecordException(String message) {
        super(message);
    }
}
