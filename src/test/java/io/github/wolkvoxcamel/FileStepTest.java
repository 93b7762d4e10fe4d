package io.github.wolkvoxcamel;

import io.github.wolkvoxcamel.component.WolkvoxComponent;
import io.github.wolkvoxcamel.record.WolkvoxHeaders;
import io.github.wolkvoxcamel.record.WolkvoxRecord;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A records route may write with Camel's own {@code file:} endpoint (camel-file is a dependency of its own for it): each
 * record's exchange becomes a file holding the record's JSON, as Wolkvox sent it. docs/sinks.md says when that is
 * enough and when {@code jsonl:} is wanted.
 */
class FileStepTest {

    @TempDir
    Path out;

    @Test
    void aRecordsRouteWithAFileStepWritesEachRecordToAFile() throws Exception {
        String route = """
                - route:
                    id: records-diagram_1
                    from:
                      uri: direct:records-diagram_1
                      steps:
                        - to: "file:%s"
                """.formatted(out.resolve("ivr").toString().replace('\\', '/'));
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            WolkvoxComponent.recordConverters(context.getTypeConverterRegistry());
            PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString("records.yaml", route));
            context.start();
            ProducerTemplate records = context.createProducerTemplate();
            for (String connId : List.of("c1", "c2")) {
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put("conn_id", connId);
                fields.put("result", "hung up");
                records.sendBodyAndHeader("direct:records-diagram_1", WolkvoxRecord.of(fields),
                        WolkvoxHeaders.HEADER_REPORT, "diagram_1");
            }
        }
        List<String> written;
        try (Stream<Path> files = Files.list(out.resolve("ivr"))) {
            written = files.map(FileStepTest::read).sorted().toList();
        }
        assertEquals(List.of("{\"conn_id\":\"c1\",\"result\":\"hung up\"}", "{\"conn_id\":\"c2\",\"result\":\"hung up\"}"),
                written, "a file per record, holding its JSON");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
