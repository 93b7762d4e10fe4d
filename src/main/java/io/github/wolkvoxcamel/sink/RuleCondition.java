package io.github.wolkvoxcamel.sink;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Predicate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A rule's {@code when}: a Simple predicate over a record. It is checked for every record of the rule's report, so
 * its most common part, a plain field read such as {@code ${body[result]}}, is compiled to a read of an exchange
 * variable set from the record just before: the same value, without Simple's bean and OGNL machinery, which cost
 * more per record than the rest of the pipeline. Anything else ({@code ${body[a].length()}}, headers, functions)
 * stays as written.
 */
final class RuleCondition {

    private static final Pattern FIELD_READ = Pattern.compile("\\$\\{body\\[([A-Za-z0-9_]+)]}");
    private static final String VARIABLE_PREFIX = "wolkvoxField_";

    private final Predicate predicate;
    private final String[] fields;
    private final String[] variables;

    private RuleCondition(Predicate predicate, List<String> fields) {
        this.predicate = predicate;
        this.fields = fields.toArray(String[]::new);
        this.variables = fields.stream().map(field -> VARIABLE_PREFIX + field).toArray(String[]::new);
    }

    static RuleCondition compile(CamelContext context, String when) {
        List<String> fields = new ArrayList<>();
        Matcher reads = FIELD_READ.matcher(when);
        StringBuilder rewritten = new StringBuilder();
        while (reads.find()) {
            if (!fields.contains(reads.group(1))) {
                fields.add(reads.group(1));
            }
            reads.appendReplacement(rewritten, Matcher.quoteReplacement("${variable." + VARIABLE_PREFIX + reads.group(1) + "}"));
        }
        reads.appendTail(rewritten);
        Predicate predicate = context.resolveLanguage("simple").createPredicate(rewritten.toString());
        predicate.init(context);
        return new RuleCondition(predicate, fields);
    }

    /** Whether {@code record}, the body of {@code probe}, matches. */
    boolean matches(Exchange probe, Map<String, Object> record) {
        for (int i = 0; i < fields.length; i++) {
            probe.setVariable(variables[i], record.get(fields[i]));
        }
        return predicate.matches(probe);
    }
}
