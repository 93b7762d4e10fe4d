package io.github.wolkvoxcamel.sink;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Predicate;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A rule's condition decides exactly as the Simple predicate it was written as. */
class RuleConditionTest {

    private static CamelContext context;

    @BeforeAll
    static void start() {
        context = new DefaultCamelContext();
        context.start();
    }

    @AfterAll
    static void stop() {
        context.stop();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "${body[result]} == 'hung up'",
            "${body[result]} in 'abandon,no answer,failed,busy'",
            "${body[result]} == 'hung up' && ${header.WolkvoxReport} == 'diagram_1'",
            "${body[agent]} == ${body[supervisor]} || ${body[result]} == 'answered'",
            "${body[missing]} == null && ${body[agent]} == '7'",
            "${body[duration]} > 60",
            "${body[result].length()} > 7"})
    void decidesAsThePlainSimplePredicate(String when) {
        Predicate plain = context.resolveLanguage("simple").createPredicate(when);
        plain.init(context);
        RuleCondition condition = RuleCondition.compile(context, when);
        List<Map<String, Object>> records = List.of(
                record("hung up", "7", "7", "61"), record("no answer", "7", "8", "5"),
                record("answered", "1", "2", "600"), record("busy", null, null, "0"));
        Exchange probe = new DefaultExchange(context);
        int matched = 0;
        for (Map<String, Object> record : records) {
            probe.getMessage().setBody(record);
            probe.getMessage().setHeader("WolkvoxReport", "diagram_1");
            Exchange reference = new DefaultExchange(context);
            reference.getMessage().setBody(record);
            reference.getMessage().setHeader("WolkvoxReport", "diagram_1");
            boolean expected = plain.matches(reference);
            assertEquals(expected, condition.matches(probe, record), when + " on " + record);
            matched += expected ? 1 : 0;
        }
        assertTrue(matched > 0 && matched < records.size(), "the records tell matching from not matching: " + when);
    }

    private static Map<String, Object> record(String result, String agent, String supervisor, String duration) {
        Map<String, Object> record = new HashMap<>();
        record.put("result", result);
        record.put("agent", agent);
        record.put("supervisor", supervisor);
        record.put("duration", duration);
        return record;
    }
}
