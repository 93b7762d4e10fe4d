package io.github.wolkvoxcamel.wolkvox;

/** Records of a window failed at their endpoints for a reason other than refusing them, attempt after attempt. */
public final class SinkFailedException extends Exception {

    private static final long serialVersionUID = 1L;

    public SinkFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
