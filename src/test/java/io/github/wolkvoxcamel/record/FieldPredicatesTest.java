package io.github.wolkvoxcamel.record;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Predicate;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.language.simple.SimpleLanguage;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FieldPredicatesTest {

    /** Every expression on every body answers as Camel's own Simple does. */
    @Test
    void answersAsSimpleDoes() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            context.start();
            SimpleLanguage simple = new SimpleLanguage();
            simple.setCamelContext(context);
            FieldPredicates fields = new FieldPredicates();
            fields.setCamelContext(context);
            List<String> expressions = List.of("${body[result]} == 'hung up'", "${body[result]} != 'hung up'",
                    "${body[result]} in 'abandon,no answer,failed,busy'", " ${body[result]} == '' ", "${body[n]} == '7'",
                    "${body[result]} == 'hung up' && ${body[n]} == '7'", "${body[result]} contains 'up'");
            Map<String, Object> typed = new HashMap<>();
            typed.put("result", "no answer");
            typed.put("n", 7);
            List<Object> bodies = Arrays.asList(record(Map.of("result", "hung up", "n", "7")), record(Map.of("result", "busy")),
                    record(Map.of("result", "no answer")), record(Map.of("result", "")), record(Map.of("other", "x")),
                    record(typed), Map.of("result", "hung up"), "hung up", null);
            for (String expression : expressions) {
                Predicate expected = simple.createPredicate(expression);
                Predicate actual = fields.createPredicate(expression);
                expected.init(context);
                actual.init(context);
                for (Object body : bodies) {
                    Exchange exchange = new DefaultExchange(context);
                    exchange.getMessage().setBody(body);
                    assertEquals(outcome(expected, exchange), outcome(actual, exchange), expression + " on " + body);
                }
            }
        }
    }

    @Test
    void whatItDoesNotCompileIsSimplesOwn() {
        FieldPredicates fields = new FieldPredicates();
        fields.setCamelContext(new DefaultCamelContext());
        assertFalse(fields.createPredicate("${header.a} == 'b'") instanceof Record);
        assertTrue(fields.createPredicate("${body[result]} == 'b'") instanceof Record);
    }

    /** The answer, or the failure's class (Simple's bean path refuses a body without fields). */
    private static Object outcome(Predicate predicate, Exchange exchange) {
        try {
            return predicate.matches(exchange);
        } catch (RuntimeException e) {
            return e.getClass();
        }
    }

    private static WolkvoxRecord record(Map<String, Object> fields) {
        return new WolkvoxRecord(fields, fields.toString().getBytes(StandardCharsets.UTF_8));
    }
}
