package io.github.wolkvoxcamel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.apache.camel.component.kamelet.KameletComponent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every shipped YAML file is what Camel's own YAML DSL schema (inside camel-yaml-dsl, the one Kaoto and the editors
 * use) accepts, not only what its loader happens to tolerate; the shipped Kamelets' templates too, and the Kamelets
 * carry what Kaoto and Camel K list them by.
 */
class RoutesSchemaTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final JsonSchema CAMEL_YAML_DSL = camelYamlDsl();
    /** Where camel-kamelet looks for {@code <name>.kamelet.yaml} unless told otherwise, as a source directory. */
    private static final Path KAMELETS = Path.of("src", "main", "resources", "kamelets");

    static Stream<Path> shippedYaml() throws IOException {
        return list(Path.of("routes"), ".yaml");
    }

    static Stream<Path> shippedKamelets() throws IOException {
        return list(KAMELETS, ".kamelet.yaml");
    }

    @ParameterizedTest
    @MethodSource("shippedYaml")
    void camelsSchemaAcceptsIt(Path file) throws IOException {
        JsonNode routes = YAML.readTree(file.toFile());
        Set<ValidationMessage> errors = CAMEL_YAML_DSL.validate(routes);
        assertEquals(Set.of(), errors, file + " against camel-yaml-dsl's schema/camelYamlDsl.json");
    }

    /**
     * A Kamelet's spec.template is read as the body of a routeTemplate with the Kamelet's name as its id (camel-yaml-dsl's
     * KameletRoutesBuilderLoader; Camel K wraps it the same way), so it is validated as one.
     */
    @ParameterizedTest
    @MethodSource("shippedKamelets")
    void camelsSchemaAcceptsTheKameletsTemplate(Path file) throws IOException {
        JsonNode kamelet = YAML.readTree(file.toFile());
        assertTrue(kamelet.at("/spec/template").isObject(), file + " has a spec.template");
        ObjectNode routeTemplate = YAML.createObjectNode().put("id", kamelet.at("/metadata/name").asText());
        routeTemplate.setAll((ObjectNode) kamelet.at("/spec/template").deepCopy());
        ArrayNode routes = YAML.createArrayNode().add(YAML.createObjectNode().set("routeTemplate", routeTemplate));
        Set<ValidationMessage> errors = CAMEL_YAML_DSL.validate(routes);
        assertEquals(Set.of(), errors, file + " spec.template against camel-yaml-dsl's schema/camelYamlDsl.json");
    }

    /** What Kaoto and Camel K list and describe a Kamelet by, and what camel-kamelet finds it by. */
    @ParameterizedTest
    @MethodSource("shippedKamelets")
    void theKameletIsWellFormedForTooling(Path file) throws IOException {
        JsonNode kamelet = YAML.readTree(file.toFile());
        assertEquals("camel.apache.org/v1", kamelet.path("apiVersion").asText(), file + " apiVersion");
        assertEquals("Kamelet", kamelet.path("kind").asText(), file + " kind");
        String name = kamelet.at("/metadata/name").asText();
        assertEquals(file.getFileName().toString(), name + ".kamelet.yaml", "kamelet:" + name + " is looked up by file name");
        assertTrue(Set.of("source", "sink", "action").contains(
                kamelet.at("/metadata/labels/camel.apache.org~1kamelet.type").asText()), file + " kamelet.type label");
        for (String annotation : List.of("kamelet.support.level", "provider", "kamelet.group")) {
            assertFalse(kamelet.at("/metadata/annotations/camel.apache.org~1" + annotation).asText().isBlank(),
                    file + " annotation camel.apache.org/" + annotation);
        }
        JsonNode definition = kamelet.at("/spec/definition");
        assertFalse(definition.path("title").asText().isBlank(), file + " spec.definition.title");
        assertFalse(definition.path("description").asText().isBlank(), file + " spec.definition.description");
        assertEquals("object", definition.path("type").asText(), file + " spec.definition.type");
        JsonNode properties = definition.path("properties");
        assertFalse(properties.isEmpty(), file + " has properties");
        String template = YAML.writeValueAsString(kamelet.at("/spec/template"));
        properties.properties().forEach(property -> {
            String what = file + " property " + property.getKey();
            assertFalse(property.getValue().path("title").asText().isBlank(), what + " has a title");
            assertFalse(property.getValue().path("description").asText().isBlank(), what + " has a description");
            assertFalse(property.getValue().path("type").asText().isBlank(), what + " has a type");
            assertTrue(template.contains("{{" + property.getKey() + "}}") || template.contains("{{?" + property.getKey() + "}}"),
                    what + " is used by the template");
        });
        for (JsonNode required : definition.path("required")) {
            assertTrue(properties.has(required.asText()), file + " required " + required + " is a property");
        }
        assertTrue(kamelet.at("/spec/dependencies").isArray(), file + " spec.dependencies");
        if (kamelet.at("/metadata/labels/camel.apache.org~1kamelet.type").asText().equals("source")) {
            JsonNode steps = kamelet.at("/spec/template/from/steps");
            assertEquals("kamelet:sink", steps.get(steps.size() - 1).path("to").asText(),
                    file + " template ends in kamelet:sink, as the catalog's (and Kaoto's) source Kamelets do");
        } else {
            assertEquals("kamelet:source", kamelet.at("/spec/template/from/uri").asText(),
                    file + " template starts from kamelet:source, as the catalog's (and Kaoto's) Kamelets do");
        }
    }

    @Test
    void theShippedSinkIsAKameletCamelFindsByDefault() throws IOException {
        assertEquals("classpath:" + KAMELETS.getFileName(), new KameletComponent().getLocation(),
                "camel-kamelet's default location, which the application leaves as it is");
        JsonNode sink = YAML.readTree(KAMELETS.resolve("wolkvox-sink.kamelet.yaml").toFile());
        assertEquals("sink", sink.at("/metadata/labels/camel.apache.org~1kamelet.type").asText());
        JsonNode definition = sink.at("/spec/definition");
        assertEquals(List.of("sink"), texts(definition.path("required")), "sink is required, topic is not");
        assertEquals(List.of("sink", "topic"), names(definition.path("properties")));
        assertEquals("{{kafka.topic-prefix}}{{sink}}", definition.at("/properties/topic/default").asText(),
                "the topic is the prefix and the sink's name unless given");
        assertEquals("application/json", sink.at("/spec/types/in/mediaType").asText());
        assertTrue(texts(sink.at("/spec/dependencies")).containsAll(List.of("camel:kafka", "camel:kamelet")),
                sink.at("/spec/dependencies").toString());
        // a routeTemplate of the same id in routes/ would be used instead of the Kamelet, unseen by Kaoto and Camel K
        for (Path file : shippedYaml().toList()) {
            for (JsonNode entry : YAML.readTree(file.toFile())) {
                assertFalse(entry.at("/routeTemplate/id").asText().equals("wolkvox-sink"), file + " redefines wolkvox-sink");
            }
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Stream<Path> list(Path directory, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            List<Path> found = files.filter(file -> file.toString().endsWith(suffix)).sorted().toList();
            return found.stream();
        }
    }

    private static JsonSchema camelYamlDsl() {
        try (InputStream schema = RoutesSchemaTest.class.getClassLoader().getResourceAsStream("schema/camelYamlDsl.json")) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(schema);
        } catch (IOException e) {
            throw new IllegalStateException("camel-yaml-dsl's schema is not on the test classpath", e);
        }
    }
}
