package io.github.wolkvoxcamel;

import io.github.wolkvoxcamel.simulator.Drift;
import io.github.wolkvoxcamel.simulator.WolkvoxSimulator;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code verify}: each report route of routes/ called once over the last hour, its answer compared with the catalog,
 * as an operator onboarding a new operation reads it; against the simulator's drift mode it names each difference
 * the simulator introduced and nothing else, and without a server (the embedded simulator) it finds nothing.
 */
class VerifyCommandTest {

    /** Runs the command as {@code java -jar ... verify ...} would, returning what it printed; the exit code first. */
    private static List<String> verify(String... args) throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream console = System.out;
        int exit;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try (RunningApp app = RunningApp.start(args)) {
            exit = app.awaitExit(Duration.ofSeconds(60));
        } finally {
            System.setOut(console);
        }
        List<String> lines = new ArrayList<>();
        lines.add("exit " + exit);
        printed.toString(StandardCharsets.UTF_8).lines().filter(line -> !line.isBlank()
                && !line.matches("^\\d\\d:\\d\\d:\\d\\d.*|^(INFO|WARN|DEBUG|ERROR) .*")).forEach(lines::add);
        return lines;
    }

    private static String answered(TestEnvironment env, String route, String group, String api, String tail) {
        WolkvoxSimulator.Call call = env.simulator.calls().stream().filter(c -> c.api().equals(api)).findFirst()
                .orElseThrow();
        String name = route + " (" + group + "/" + api + ")";
        return call.status() == 404 ? name + ": answered, 0 records: nothing to compare with the catalog; try a longer --window"
                : name + ": answered, " + call.records() + " records, " + tail.replace("N", String.valueOf(call.records()));
    }

    @Test
    void namesEveryDifferenceTheSimulatorIntroducedWithTheCatalogLineAndStopsAtTheCallLimit() throws Exception {
        try (TestEnvironment env = TestEnvironment.start(WolkvoxSimulator.builder().drift("diagram_1", new Drift(
                Map.of("ani", "caller"), Map.of("queue_id", "7"), Set.of("conn_id"), Map.of("date", "dd/MM/yyyy HH:mm:ss"))),
                Map.of())) {
            List<String> printed = verify("verify", "--max-calls", "4");
            assertEquals(4, env.simulator.calls().size(), "one call a report, four at most: " + env.simulator.calls());
            assertTrue(printed.get(1).matches("verify 5 report route\\(s\\) against " + env.simulator.baseUrl()
                    + " over \\S+ \\.\\. \\S+ \\(the last 1h; realtime reports answer their own horizon\\), at most 4 "
                    + "call\\(s\\)"), printed.get(1));
            String all = env.simulator.calls().get(0).records() + " of " + env.simulator.calls().get(0).records();
            assertEquals(Stream.of("exit 1",
                    answered(env, "wolkvox-diagram_1", "reports_manager", "diagram_1", "5 difference(s) from the catalog:"),
                    "  date date: expected date-time, came text like 99/99/9999 99:99:99, in N of N records; such "
                            + "records are dated by their window's day: point dateField (wolkvox-catalog.yaml line 1126) "
                            + "at a field in yyyy-MM-dd HH:mm:ss, or set dateField in the report's route",
                    "  ani missing: expected text, came absent, in N of N records; remove the field, or correct its "
                            + "name to the one the answer uses (wolkvox-catalog.yaml line 1121)",
                    "  conn_id key-missing: expected key field, text, came absent, in N of N records; correct "
                            + "keyFields (wolkvox-catalog.yaml line 1125), or set keyFields in the report's route",
                    "  caller added: expected absent, came text, in N of N records; to keep it, add {name: caller, "
                            + "type: String} to the entry's fields (wolkvox-catalog.yaml line 1114)",
                    "  queue_id added: expected absent, came text, in N of N records; to keep it, add {name: "
                            + "queue_id, type: String} to the entry's fields (wolkvox-catalog.yaml line 1114)",
                    answered(env, "wolkvox-diagram_3", "reports_manager", "diagram_3", "as the catalog says"),
                    answered(env, "wolkvox-campaign_10", "reports_manager", "campaign_10", "as the catalog says"),
                    answered(env, "wolkvox-calls_last_10", "real_time", "calls_last_10", "as the catalog says"),
                    "wolkvox-agents_detail (customer/agents_detail): not called: the limit of 4 call(s) is reached "
                            + "(--max-calls)",
                    "verify done: 4 call(s), 5 difference(s) from the catalog").map(line -> line.replace("N of N", all))
                    .toList(), withoutHeader(printed));
            assertFalse(env.simulator.calls().stream().anyMatch(call -> call.status() != 200 && call.status() != 404));
        }
    }

    @Test
    void withoutAServerItVerifiesAgainstTheEmbeddedSimulatorAndFindsNothing() throws Exception {
        try (TestEnvironment env = TestEnvironment.start(WolkvoxSimulator.builder(), Map.of("wolkvox.base-url", "",
                "wolkvox.server", ""))) {
            List<String> printed = verify("verify");
            assertEquals("exit 0", printed.get(0), String.join("\n", printed));
            assertTrue(printed.get(1).startsWith("verify 5 report route(s) against http://127.0.0.1:"), printed.get(1));
            assertEquals(5, printed.stream().filter(line -> line.endsWith(": answered, 0 records: nothing to compare "
                    + "with the catalog; try a longer --window") || line.endsWith(" records, as the catalog says")).count(),
                    String.join("\n", printed));
            assertEquals("verify done: 5 call(s), 0 difference(s) from the catalog", printed.get(printed.size() - 1));
            assertTrue(env.simulator.calls().isEmpty(), "the configured simulator is not the one called");
        }
    }

    private static List<String> withoutHeader(List<String> printed) {
        List<String> rest = new ArrayList<>(printed);
        rest.remove(1);
        return rest;
    }
}
