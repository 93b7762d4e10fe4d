package io.github.wolkvoxcamel.sink;

/** A sink failed for a window's record for a reason other than refusing it: the window is tried again. */
public final class SinkFailedException extends Exception {

    private static final long serialVersionUID = 1L;

    public SinkFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
