package io.github.wolkvoxcamel.wolkvox;

import com.fasterxml.jackson.core.JsonParseException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class RecordPassTest {

    @Test
    void aDeliveryFailureIsLoggedWithTheSystemsWordsNeverWithAnEndpointsText() {
        IOException full = new IOException("No space left on device");
        assertEquals("No space left on device", RecordPass.systemReason(new UncheckedIOException("write failed", full)));
        assertNull(RecordPass.systemReason(new IllegalStateException("insert failed",
                new SQLException("duplicate key value violates unique constraint; Key (ani)=(3001234567) already exists"))));
        assertNull(RecordPass.systemReason(new JsonParseException(null, "Unrecognized token 'tel3001234567'")));
    }
}
