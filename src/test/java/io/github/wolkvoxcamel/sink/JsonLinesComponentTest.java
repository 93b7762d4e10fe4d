package io.github.wolkvoxcamel.sink;

import io.github.wolkvoxcamel.record.WolkvoxHeaders;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.FailedToCreateRouteException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** A route writing to jsonl: endpoints: an exchange completes once its line is on disk, or fails with the disk's error. */
class JsonLinesComponentTest {

    @TempDir
    Path dir;
    private final DefaultCamelContext context = new DefaultCamelContext();
    private JsonLinesWriter writer;

    @BeforeEach
    void start() throws Exception {
        writer = new JsonLinesWriter(dir);
        context.getRegistry().bind(JsonLinesComponent.WRITER_BEAN, writer);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:calls").routeId("calls")
                        .to("jsonl:calls")
                        // runs once the line is on disk: what the route reads then is what a user would find
                        .process(exchange -> exchange.getMessage().setBody(Files.readAllLines(dir.resolve("calls/2026-11-21.jsonl"))));
                from("direct:full").routeId("full").to("jsonl:full");
                // the second step runs on the commit thread that told the first line's outcome
                from("direct:twice").routeId("twice").to("jsonl:first").to("jsonl:second");
            }
        });
        context.start();
    }

    @AfterEach
    void stop() {
        context.stop();
        writer.close();
    }

    @Test
    void theExchangeGoesOnOnceItsLineIsOnDiskInTheDayFileOfItsRecordDate() {
        ProducerTemplate template = context.createProducerTemplate();
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("conn_id", "c1");
        record.put("result", "hung up");
        Object firstRead = template.requestBodyAndHeader("direct:calls", record, WolkvoxHeaders.HEADER_RECORD_DATE, "2026-11-21 10:15:00");
        Object secondRead = template.requestBodyAndHeader("direct:calls", "{\"conn_id\":\"c2\"}", WolkvoxHeaders.HEADER_RECORD_DATE,
                "2026-11-21");
        assertEquals(List.of("{\"conn_id\":\"c1\",\"result\":\"hung up\"}"), firstRead);
        assertEquals(List.of("{\"conn_id\":\"c1\",\"result\":\"hung up\"}", "{\"conn_id\":\"c2\"}"), secondRead);
    }

    @Test
    void aRouteWritingTwoFilesGoesOnWhileMoreLinesWaitForTheDiskThanTheWriterHolds() throws Exception {
        ProducerTemplate template = context.createProducerTemplate();
        String big = "{\"pad\":\"" + "x".repeat(1024 * 1024) + "\"}";
        List<CompletableFuture<Object>> sent = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            sent.add(template.asyncRequestBodyAndHeader("direct:twice", big, WolkvoxHeaders.HEADER_RECORD_DATE, "2026-11-21"));
        }
        for (CompletableFuture<Object> exchange : sent) {
            exchange.get(60, TimeUnit.SECONDS);
        }
        assertEquals(24, Files.readAllLines(dir.resolve("second/2026-11-21.jsonl")).size());
    }

    @Test
    void aLineTheDiskRefusesFailsItsExchange() throws Exception {
        assumeTrue(Files.isWritable(Path.of("/dev/full")), "needs Linux's /dev/full");
        Path day = dir.resolve("full/2026-11-21.jsonl");
        Files.createDirectories(day.getParent());
        Files.createSymbolicLink(day, Path.of("/dev/full"));
        CamelExecutionException failed = assertThrows(CamelExecutionException.class, () -> context.createProducerTemplate()
                .requestBodyAndHeader("direct:full", "{\"conn_id\":\"c1\"}", WolkvoxHeaders.HEADER_RECORD_DATE, "2026-11-21"));
        assertTrue(failed.getCause().getMessage().contains("No space"), failed.getCause().getMessage());
    }

    /** The dead letters' route writes {@code <DLQ_DIR>/dlq} through a writer of its own: dlq is reserved elsewhere only. */
    @Test
    void anEndpointWithAWriterOfItsOwnWritesUnderThatWritersDirectory() throws Exception {
        Path dead = dir.resolve("dead");
        try (JsonLinesWriter deadLetters = new JsonLinesWriter(dead)) {
            context.getRegistry().bind("deadLetterWriter", deadLetters);
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:dead").routeId("dead").to("jsonl:dlq?writer=#deadLetterWriter");
                }
            });
            context.createProducerTemplate().requestBodyAndHeader("direct:dead", "{\"conn_id\":\"c1\"}",
                    WolkvoxHeaders.HEADER_RECORD_DATE, "2026-11-21");
            assertEquals(List.of("{\"conn_id\":\"c1\"}"), Files.readAllLines(dead.resolve("dlq/2026-11-21.jsonl")));
            assertTrue(Files.notExists(dir.resolve("dlq")), "nothing under the sinks' directory");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", ".", "dlq", "schemas", "NUL", "com1.log"})
    void aSinkNameOutsideTheSinkDirectoryOrReservedIsRefusedWhenTheRouteStarts(String name) {
        FailedToCreateRouteException refused = assertThrows(FailedToCreateRouteException.class, () -> context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:escape").routeId("escape").to("jsonl:" + name);
            }
        }));
        assertTrue(refused.getMessage().contains("file sink name '" + name + "'"), refused.getMessage());
    }
}
