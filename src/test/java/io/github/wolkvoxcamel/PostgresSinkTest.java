package io.github.wolkvoxcamel;

import io.github.wolkvoxcamel.simulator.WolkvoxSimulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * IVR calls written to a PostgreSQL table by a records route's sql: step, a real server started for the test: every
 * record up to the watermark is a row, field for field, when the watermark moves.
 */
class PostgresSinkTest {

    private static final String SHIPPED = "        - to: kamelet:wolkvox-sink?sink=diagram_1\n";
    private static final String TO_TABLE = """
                    - to: "sql:insert into ivr_calls (conn_id, rp_id, date, result, customer_id) values (:#conn_id, :#rp_id, :#date, :#result, :#customer_id) on conflict (conn_id, rp_id, date) do update set result = excluded.result, customer_id = excluded.customer_id?dataSource=#wolkvoxDb"
            """;

    @TempDir
    Path routes;

    @Test
    void everyRecordIsARowWhenTheWatermarkMoves() throws Exception {
        try (TestPostgres postgres = TestPostgres.start()) {
            try (Connection db = postgres.connect(); Statement sql = db.createStatement()) {
                sql.execute("create table ivr_calls (conn_id text, rp_id text, date text, result text, customer_id text, "
                        + "primary key (conn_id, rp_id, date))");
            }
            TestEnvironment.copyRoutes(routes, SHIPPED, TO_TABLE + SHIPPED);
            try (TestEnvironment env = TestEnvironment.start(WolkvoxSimulator.builder(), Map.of(
                    "camel.main.routes-include-pattern", "file:" + routes + "/*.yaml",
                    "camel.main.routes-reload-directory", routes.toString(),
                    "camel.beans.wolkvoxDb", "#class:org.postgresql.ds.PGSimpleDataSource",
                    "camel.beans.wolkvoxDb.url", postgres.jdbcUrl()));
                 RunningApp app = RunningApp.start()) {
                await().atMost(Duration.ofSeconds(60)).until(() -> env.watermark("wolkvox-diagram_1") != null);
                LocalDateTime end = env.watermark("wolkvox-diagram_1");
                List<Map<String, String>> rows = rows(postgres);
                List<Map<String, String>> expected = new ArrayList<>();
                for (Map<String, String> record : env.simulator.records("reports_manager", "diagram_1", env.initialFrom, end,
                        Map.of("customer_id", ""))) {
                    Map<String, String> row = new LinkedHashMap<>();
                    for (String column : List.of("conn_id", "rp_id", "date", "result", "customer_id")) {
                        row.put(column, record.get(column));
                    }
                    expected.add(row);
                }
                assertTrue(expected.size() > 100, "diagram_1 has records to write");
                RecordAssertions.assertExactlyOnce("ivr_calls rows", expected, rows);
                assertEquals(expected.size(), env.fileRecords("diagram_1").size(), "and each went to its file sink too");
            }
        }
    }

    private static List<Map<String, String>> rows(TestPostgres postgres) throws Exception {
        List<Map<String, String>> rows = new ArrayList<>();
        try (Connection db = postgres.connect(); Statement sql = db.createStatement();
             ResultSet result = sql.executeQuery("select conn_id, rp_id, date, result, customer_id from ivr_calls")) {
            while (result.next()) {
                Map<String, String> row = new LinkedHashMap<>();
                for (String column : List.of("conn_id", "rp_id", "date", "result", "customer_id")) {
                    row.put(column, result.getString(column));
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
