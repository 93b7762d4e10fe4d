package io.github.wolkvoxcamel.sink;

import io.github.wolkvoxcamel.record.WolkvoxHeaders;
import org.apache.camel.model.ChoiceDefinition;
import org.apache.camel.model.ModelLifecycleStrategy;
import org.apache.camel.model.PipelineDefinition;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.RouteTemplateDefinition;
import org.apache.camel.model.SetHeaderDefinition;
import org.apache.camel.model.ToDefinition;
import org.apache.camel.model.language.ConstantExpression;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The shipped sink's steps in place of {@code to: kamelet:wolkvox-sink?sink=<name>[&topic=<topic>]} in a route as it is
 * added (at start and at each reload): what the Kamelet does (src/main/resources/kamelets/wolkvox-sink.kamelet.yaml),
 * with Kafka and the files, which are known at start, decided once instead of by a filter on a constant per record.
 * A Kamelet copies each exchange it is sent and gives the copy a unit of work of its own, per record and per sink: a
 * third of the record thread's CPU time in bench/run. The steps run with the route's own error handling, as the
 * Kamelet did. A route template's parameters are read into the URI first, so a report route's default sink
 * ({@code to: {{records}}}) is made steps too; a sink named through a property of the application's, or with other
 * options, stays the Kamelet.
 */
public final class ShippedSinkSteps implements ModelLifecycleStrategy {

    private static final List<String> URIS = List.of("kamelet:wolkvox-sink?", "kamelet://wolkvox-sink?");

    private final boolean kafka;
    private final boolean files;

    /** As the Kamelet's wolkvox.sink.kafka and wolkvox.sink.files. */
    public ShippedSinkSteps(boolean kafka, boolean files) {
        this.kafka = kafka;
        this.files = files;
    }

    @Override
    public void onAddRouteDefinition(RouteDefinition route) {
        Map<String, Object> parameters = route.getTemplateParameters();
        inline(route, route.getOutputs(), parameters != null ? parameters : Map.of());
    }

    private void inline(ProcessorDefinition<?> parent, List<ProcessorDefinition<?>> steps, Map<String, Object> parameters) {
        for (int i = 0; i < steps.size(); i++) {
            ProcessorDefinition<?> step = steps.get(i);
            Map<String, String> sink = step instanceof ToDefinition to ? shippedSink(withParameters(to.getUri(), parameters))
                    : null;
            if (sink != null) {
                steps.set(i, steps(parent, sink.get("sink"), sink.getOrDefault("topic", "{{kafka.topic-prefix}}" + sink.get("sink"))));
            } else if (step instanceof ChoiceDefinition choice) {
                // a choice's outputs are a copy of its whens and otherwise, whose steps have the choice as parent
                choice.getWhenClauses().forEach(when -> inline(choice, when.getOutputs(), parameters));
                if (choice.getOtherwise() != null) {
                    inline(choice, choice.getOtherwise().getOutputs(), parameters);
                }
            } else {
                inline(step, step.getOutputs(), parameters);
            }
        }
    }

    private ProcessorDefinition<?> steps(ProcessorDefinition<?> parent, String sink, String topic) {
        PipelineDefinition steps = new PipelineDefinition();
        steps.setParent(parent);
        steps.addOutput(new SetHeaderDefinition(WolkvoxHeaders.HEADER_SINK, new ConstantExpression(sink)));
        if (kafka) {
            steps.addOutput(new ToDefinition("kafka:" + topic));
        }
        if (files) {
            steps.addOutput(new ToDefinition("jsonl:" + sink));
        }
        return steps;
    }

    /**
     * {@code uri} with the route template's parameters in it (a report route's {@code to: {{records}}}, by default
     * {@code kamelet:wolkvox-sink?sink={{api}}}); other placeholders stay.
     */
    static String withParameters(String uri, Map<String, Object> parameters) {
        String resolved = uri;
        // a parameter's value may name another parameter ({{records}} names {{api}}); a few rounds cover the template
        for (int round = 0; round < 3 && resolved != null && resolved.contains("{{"); round++) {
            for (Map.Entry<String, Object> parameter : parameters.entrySet()) {
                if (parameter.getValue() != null) {
                    resolved = resolved.replace("{{" + parameter.getKey() + "}}", parameter.getValue().toString());
                }
            }
        }
        return resolved;
    }

    /** The shipped sink's options ({@code sink}, and {@code topic} if given) in {@code uri}, or null for any other URI. */
    static Map<String, String> shippedSink(String uri) {
        String query = uri == null ? null : URIS.stream().filter(uri::startsWith).findFirst().map(p -> uri.substring(p.length()))
                .orElse(null);
        if (query == null || query.contains("%") || query.contains("+") || query.contains("{{")) {
            return null;
        }
        Map<String, String> options = new HashMap<>();
        for (String option : query.split("&")) {
            String[] nameValue = option.split("=", 2);
            if (nameValue.length != 2 || nameValue[1].isEmpty() || !List.of("sink", "topic").contains(nameValue[0])
                    || options.put(nameValue[0], nameValue[1]) != null) {
                return null;
            }
        }
        return options.containsKey("sink") ? options : null;
    }

    @Override
    public void onRemoveRouteDefinition(RouteDefinition route) {
        // nothing kept per route
    }

    @Override
    public void onAddRouteTemplateDefinition(RouteTemplateDefinition template) {
        // a template's steps are inlined in each route made of it, as it is added
    }

    @Override
    public void onRemoveRouteTemplateDefinition(RouteTemplateDefinition template) {
        // nothing kept per template
    }
}
