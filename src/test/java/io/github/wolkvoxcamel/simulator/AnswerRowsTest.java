package io.github.wolkvoxcamel.simulator;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AnswerRowsTest {

    /** Rows kept as bytes across many arrays read back as the same JSON, whole or cut after any row. */
    @Test
    void rowsReadBackAcrossArrays() throws IOException {
        AnswerRows rows = new AnswerRows(List.of(), Set.of(), UnaryOperator.identity());
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("conn_id", "c" + i);
            // lengths that put row ends everywhere in the 8 KB to 1 MB arrays, a few rows larger than the first ones
            fields.put("pad", "x".repeat(i % 7 == 0 ? 9_000 + i : i % 500));
            Row row = new Row(LocalDateTime.of(2026, 12, 7, 0, 0).plusSeconds(i), i, 0, fields);
            rows.add(row);
            ByteArrayOutputStream one = new ByteArrayOutputStream();
            new AnswerWriter(one).row(row, List.of(), Set.of());
            expected.add(one.toString(StandardCharsets.UTF_8));
        }
        assertEquals(3_000, rows.size());
        for (int n : new int[] {0, 1, 2, 7, 8, 1_499, 2_999, 3_000}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            rows.writeTo(out, n);
            assertEquals(String.join(",", expected.subList(0, n)), out.toString(StandardCharsets.UTF_8), n + " rows");
        }
    }
}
