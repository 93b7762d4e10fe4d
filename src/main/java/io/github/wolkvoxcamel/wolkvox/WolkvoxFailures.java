package io.github.wolkvoxcamel.wolkvox;

import io.github.wolkvoxcamel.state.TransactionAbortedException;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

/** Maps any failure of a Wolkvox call (a classified answer, a timeout, a broken connection) to an error class. */
public final class WolkvoxFailures {

    private WolkvoxFailures() {
    }

    /**
     * @param answerReceived whether the whole answer had arrived when it failed: an I/O error after that is ours
     *        (a file, the state), not Wolkvox's connection
     */
    public static WolkvoxAnswerException classify(Throwable failure, boolean answerReceived) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof WolkvoxAnswerException answer) {
                return answer;
            }
            if (cause instanceof TransactionAbortedException aborted) {
                return new WolkvoxAnswerException(WolkvoxErrorClass.TRANSACTION_TIMEOUT, 0, aborted.getMessage(), failure);
            }
            if (cause instanceof SinkFailedException sink) {
                // its own summary, not its cause's text, which may quote a record (health shows this message)
                return new WolkvoxAnswerException(WolkvoxErrorClass.DELIVERY_FAILED, 0, sink.getMessage(), failure);
            }
            if (answerReceived) {
                continue;
            }
            if (cause instanceof SocketTimeoutException) {
                return new WolkvoxAnswerException(WolkvoxErrorClass.TIMEOUT, 0,
                        "no answer within the client timeout", failure);
            }
            if (cause instanceof ConnectException || cause instanceof UnknownHostException) {
                return new WolkvoxAnswerException(WolkvoxErrorClass.CONNECTION, 0,
                        "cannot connect: " + cause.getMessage(), failure);
            }
        }
        Throwable root = failure;
        while (root != null && root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String description = root == null ? "unknown failure" : root.getClass().getSimpleName() + ": " + root.getMessage();
        // an I/O failure here is the answer breaking off mid-stream; anything else happened on our side
        WolkvoxErrorClass errorClass = root instanceof IOException && !answerReceived ? WolkvoxErrorClass.CONNECTION
                : WolkvoxErrorClass.DELIVERY_FAILED;
        return new WolkvoxAnswerException(errorClass, 0, description, failure);
    }
}
