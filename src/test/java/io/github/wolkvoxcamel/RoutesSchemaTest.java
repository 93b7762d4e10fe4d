package io.github.wolkvoxcamel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every shipped YAML file is what Camel's own YAML DSL schema (inside camel-yaml-dsl, the one Kaoto and the editors
 * use) accepts, not only what its loader happens to tolerate.
 */
class RoutesSchemaTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final JsonSchema CAMEL_YAML_DSL = camelYamlDsl();

    static Stream<Path> shippedYaml() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            List<Path> yaml = files.filter(file -> file.toString().endsWith(".yaml")).sorted().toList();
            return yaml.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("shippedYaml")
    void camelsSchemaAcceptsIt(Path file) throws IOException {
        JsonNode routes = YAML.readTree(file.toFile());
        Set<ValidationMessage> errors = CAMEL_YAML_DSL.validate(routes);
        assertEquals(Set.of(), errors, file + " against camel-yaml-dsl's schema/camelYamlDsl.json");
    }

    private static JsonSchema camelYamlDsl() {
        try (InputStream schema = RoutesSchemaTest.class.getClassLoader().getResourceAsStream("schema/camelYamlDsl.json")) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(schema);
        } catch (IOException e) {
            throw new IllegalStateException("camel-yaml-dsl's schema is not on the test classpath", e);
        }
    }
}
