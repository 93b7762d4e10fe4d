package io.github.wolkvoxcamel.state;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WatermarkStoreTest {

    @TempDir
    Path dir;

    @Test
    void aWatermarkSurvivesANewStoreOnTheSameDirectory() throws Exception {
        LocalDateTime mark = LocalDateTime.of(2026, 11, 21, 10, 15, 59);
        new WatermarkStore(dir).put("wolkvox-diagram_1", mark);
        WatermarkStore reopened = new WatermarkStore(dir);
        assertEquals(mark, reopened.get("wolkvox-diagram_1"));
        assertNull(reopened.get("wolkvox-diagram_3"));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file is left behind");
        }
    }

    @Test
    void aDamagedFileSaysWhichFileAndWhatToDo() throws Exception {
        Files.writeString(dir.resolve("wolkvox-diagram_1.watermark"), "garbage");
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> new WatermarkStore(dir).get("wolkvox-diagram_1"));
        assertTrue(error.getMessage().contains("wolkvox-diagram_1.watermark") && error.getMessage().contains("delete"),
                error.getMessage());
    }
}
