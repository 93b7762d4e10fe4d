package io.github.wolkvoxcamel.wolkvox;

/** A Wolkvox call that produced no usable records, with its class and Wolkvox's own message. Never holds the token. */
public class WolkvoxAnswerException extends RuntimeException {

    private final WolkvoxErrorClass errorClass;
    private final int httpStatus;

    public WolkvoxAnswerException(WolkvoxErrorClass errorClass, int httpStatus, String message) {
        this(errorClass, httpStatus, message, null);
    }

    public WolkvoxAnswerException(WolkvoxErrorClass errorClass, int httpStatus, String message, Throwable cause) {
        super(errorClass + (httpStatus > 0 ? " (HTTP " + httpStatus + ")" : "") + ": " + message, cause);
        this.errorClass = errorClass;
        this.httpStatus = httpStatus;
    }

    public WolkvoxErrorClass errorClass() {
        return errorClass;
    }

    /** The HTTP status, or 0 when there was no answer. */
    public int httpStatus() {
        return httpStatus;
    }
}
