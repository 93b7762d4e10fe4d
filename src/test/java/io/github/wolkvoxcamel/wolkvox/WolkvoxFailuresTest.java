package io.github.wolkvoxcamel.wolkvox;

import io.github.wolkvoxcamel.state.TransactionAbortedException;
import io.github.wolkvoxcamel.time.Window;
import org.apache.camel.CamelExchangeException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.time.LocalDateTime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WolkvoxFailuresTest {

    @Test
    void aClassifiedAnswerKeepsItsClassThroughWrappers() {
        WolkvoxAnswerException answer = new WolkvoxAnswerException(WolkvoxErrorClass.QUOTA_EXHAUSTED, 403, "TOKEN LIMIT EXCEEDED");
        assertSame(answer, WolkvoxFailures.classify(new CamelExchangeException("split failed", null, answer), false));
    }

    @Test
    void networkFailuresDuringTheCallAreTimeoutsOrConnectionErrors() {
        assertEquals(WolkvoxErrorClass.TIMEOUT,
                WolkvoxFailures.classify(new IOException(new SocketTimeoutException("Read timed out")), false).errorClass());
        assertEquals(WolkvoxErrorClass.CONNECTION,
                WolkvoxFailures.classify(new ConnectException("Connection refused"), false).errorClass());
        assertEquals(WolkvoxErrorClass.CONNECTION,
                WolkvoxFailures.classify(new IOException("Premature end of chunk coded message body"), false).errorClass());
    }

    @Test
    void failuresAfterTheAnswerArrivedAreOurs() {
        WolkvoxAnswerException state = WolkvoxFailures.classify(
                new CamelExchangeException("x", null, new NoSuchFileException("data/state/x.watermark")), true);
        assertEquals(WolkvoxErrorClass.DELIVERY_FAILED, state.errorClass());
        assertTrue(state.getMessage().contains("NoSuchFileException: data/state/x.watermark"), state.getMessage());
        assertEquals(WolkvoxErrorClass.DELIVERY_FAILED,
                WolkvoxFailures.classify(new IllegalArgumentException("record field 'conn_id' of the record key is missing"), true).errorClass());
    }

    @Test
    void anAbortedTransactionIsAWindowThatTookTooLong() {
        WolkvoxAnswerException aborted = WolkvoxFailures.classify(new CamelExchangeException("x", null,
                new TransactionAbortedException("the window's Kafka transaction was aborted")), true);
        assertEquals(WolkvoxErrorClass.TRANSACTION_TIMEOUT, aborted.errorClass());
        assertEquals(WindowFailures.Decision.SPLIT, new WindowFailures(4, Duration.ofMinutes(1)).failed("wolkvox-diagram_3",
                new Window(LocalDateTime.of(2026, 12, 7, 0, 0), LocalDateTime.of(2026, 12, 7, 6, 0)),
                aborted.errorClass(), true), "a detail window goes again in halves");
    }
}
