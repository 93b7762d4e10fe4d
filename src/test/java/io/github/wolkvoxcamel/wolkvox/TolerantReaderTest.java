package io.github.wolkvoxcamel.wolkvox;

import io.github.wolkvoxcamel.record.WolkvoxRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TolerantReaderTest {

    @TempDir
    Path dir;

    @Test
    void aRecordThatIsNotUtf8CostsItselfNotItsWindow() throws Exception {
        byte[] bad = bytes("{\"conn_id\":\"2\",\"comment\":\"caf", new byte[] {(byte) 0xE9}, "\"}");
        Path answer = write(bytes("{\"code\":\"200\",\"error\":null,\"msg\":\"3 records were found\",\"data\":["
                + "{\"conn_id\":\"1\",\"comment\":\"a } in text\"},", bad, ",{\"conn_id\":\"3\"}]}"));

        TolerantReader reader = TolerantReader.of(answer);

        assertEquals(3, reader.recordCount());
        assertEquals("200", reader.code());
        List<WolkvoxRecord> records = new ArrayList<>();
        reader.records().forEachRemaining(records::add);
        assertEquals("a } in text", records.get(0).get("comment"));
        assertNull(records.get(0).unreadable());
        assertTrue(records.get(1).unreadable().contains("not valid JSON"), records.get(1).unreadable());
        assertArrayEquals(bad, records.get(1).json(), "the raw bytes, for the dead letter");
        assertEquals("3", records.get(2).get("conn_id"));
    }

    @Test
    void anAnswerCutOffIsNotRead() throws Exception {
        assertNull(TolerantReader.of(write(bytes("{\"code\":200,\"data\":[{\"conn_id\":\"1\"},{\"conn_"))));
        assertNull(TolerantReader.of(write(bytes("<html><body>502 Bad Gateway</body></html>"))));
    }

    private Path write(byte[] content) throws Exception {
        return Files.write(Files.createTempFile(dir, "answer", ".json"), content);
    }

    private static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            out.writeBytes(part instanceof byte[] raw ? raw : part.toString().getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }
}
