package io.github.wolkvoxcamel.state;

/**
 * A window's Kafka transaction was aborted under it, having stayed open past the transaction timeout (or fenced by a
 * new leader): the window fails, and may neither open a fresh transaction nor commit.
 */
public final class TransactionAbortedException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public TransactionAbortedException(String message) {
        super(message);
    }
}
