package io.github.wolkvoxcamel.wolkvox;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AnswerSpoolTest {

    /** An answer without end: a proxy streaming garbage, as long as anyone reads. */
    private static final class Endless extends InputStream {
        private long served;
        private boolean closed;

        @Override
        public int read() {
            served++;
            return '[';
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            java.util.Arrays.fill(buffer, offset, offset + length, (byte) '[');
            served += length;
            return length;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void anAnswerWithoutEndIsKeptOnlyUpToTheCapAndMarkedCut() {
        Endless endless = new Endless();
        Path file;
        try (AnswerSpool spool = AnswerSpool.of(endless, 300_000)) {
            file = spool.path();
            assertTrue(spool.cut());
            assertEquals(300_000, spool.size());
            assertEquals(300_001, endless.served, "read one byte past the cap, no further");
            assertTrue(endless.closed);
        }
        assertFalse(Files.exists(file), "deleted with its window");
    }

    @Test
    void anAnswerOfExactlyTheCapIsWhole() {
        byte[] answer = "{\"code\":\"200\",\"data\":[]}".getBytes(StandardCharsets.UTF_8);
        try (AnswerSpool exact = AnswerSpool.of(new ByteArrayInputStream(answer), answer.length);
             AnswerSpool roomy = AnswerSpool.of(new ByteArrayInputStream(answer), 1_000)) {
            assertFalse(exact.cut());
            assertFalse(roomy.cut());
            assertEquals(answer.length, exact.size());
            assertEquals(answer.length, roomy.size());
        }
    }
}
