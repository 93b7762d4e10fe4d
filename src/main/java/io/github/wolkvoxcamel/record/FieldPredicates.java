package io.github.wolkvoxcamel.record;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Predicate;
import org.apache.camel.language.simple.SimpleLanguage;
import org.apache.camel.support.ObjectHelper;

import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Camel's Simple language, with the predicates records routes are made of, {@code ${body[result]} == 'hung up'},
 * {@code != '...'} and {@code in 'a,b,c'}, compiled to a look-up in the record's fields. Simple reads
 * {@code body[result]} through its bean language, which copies the exchange and builds a bean description of the body
 * for every record: most of the time a records route takes. Routes keep Simple's syntax and its results: a value that
 * is not a string (a typed record's number, a field the record lacks), a body that is not a map, and every other
 * expression go to Simple itself.
 */
public final class FieldPredicates extends SimpleLanguage {

    private static final Pattern FIELD_TEST =
            Pattern.compile("\\$\\{body\\[(\\w+)]}\\s+(==|!=|in)\\s+'([^'\\\\$]*)'");

    @Override
    public Predicate createPredicate(String expression) {
        return fieldTest(expression, super.createPredicate(expression));
    }

    @Override
    public Predicate createPredicate(String expression, Object[] properties) {
        return fieldTest(expression, super.createPredicate(expression, properties));
    }

    private static Predicate fieldTest(String expression, Predicate simple) {
        Matcher test = expression == null ? null : FIELD_TEST.matcher(expression.trim());
        if (test == null || !test.matches()) {
            return simple;
        }
        String field = test.group(1);
        String operator = test.group(2);
        String literal = test.group(3);
        // in: the values as Simple splits them
        Set<String> values = new HashSet<>();
        if (operator.equals("in")) {
            for (Iterator<?> each = ObjectHelper.createIterator(literal); each.hasNext(); ) {
                values.add(String.valueOf(each.next()));
            }
        } else {
            values.add(literal);
        }
        boolean negated = operator.equals("!=");
        return new FieldTest(field, values, negated, simple);
    }

    /** The field's string value in (or, negated, not in) the values; anything else as Simple decides it. */
    private record FieldTest(String field, Set<String> values, boolean negated, Predicate simple) implements Predicate {

        @Override
        public boolean matches(Exchange exchange) {
            if (exchange.getMessage().getBody() instanceof Map<?, ?> record && record.get(field) instanceof String value) {
                return values.contains(value) != negated;
            }
            return simple.matches(exchange);
        }

        @Override
        public void init(CamelContext context) {
            simple.init(context);
        }

        @Override
        public void initPredicate(CamelContext context) {
            simple.initPredicate(context);
        }

        @Override
        public String toString() {
            return simple.toString();
        }
    }
}
