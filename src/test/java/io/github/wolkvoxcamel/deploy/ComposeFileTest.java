package io.github.wolkvoxcamel.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml publishes nothing beyond this machine and hands the Wolkvox token to the application as a
 * secret file, never as an environment value (which `docker inspect` and every child process would show).
 */
class ComposeFileTest {

    private static final String APP = "wolkvox-camel";
    /** WOLKVOX_TOKEN and WOLKVOX_TOKEN_<ALIAS> hold tokens; WOLKVOX_TOKEN_FILE and WOLKVOX_TOKEN_FILE_<ALIAS> name files. */
    private static final Pattern TOKEN_VALUE = Pattern.compile("WOLKVOX_TOKEN(?!_FILE)(_.+)?");

    private static JsonNode compose;

    @BeforeAll
    static void parse() throws IOException {
        compose = new YAMLMapper().readTree(Path.of("docker-compose.yml").toFile());
    }

    @Test
    void everyPublishedPortIsOnLoopback() {
        List<String> published = new ArrayList<>();
        compose.path("services").properties().forEach(service -> service.getValue().path("ports").forEach(port -> {
            // short syntax "host_ip:host_port:container_port", or the long syntax with host_ip
            String hostIp = port.isTextual() ? port.asText().split(":")[0] : port.path("host_ip").asText();
            assertEquals("127.0.0.1", hostIp, service.getKey() + " publishes " + port + " beyond this machine");
            published.add(service.getKey() + " " + port.asText());
        }));
        assertTrue(published.contains(APP + " 127.0.0.1:9876:9876"), "the management port is not published: " + published);
    }

    @Test
    void noServiceGetsATokenInItsEnvironment() {
        compose.path("services").properties().forEach(service -> environment(service.getValue()).keySet()
                .forEach(name -> assertFalse(TOKEN_VALUE.matcher(name).matches(), service.getKey() + " sets " + name)));
    }

    @Test
    void theTokenIsASecretFileFromTheShellsWolkvoxToken() throws IOException {
        JsonNode app = compose.path("services").path(APP);
        assertEquals(1, app.path("secrets").size());
        JsonNode secret = app.path("secrets").get(0);
        assertEquals("wolkvox_token", secret.path("source").asText());
        // the image runs as this user (Dockerfile USER): a root-owned 0400 file would be unreadable to it
        assertEquals(dockerfileUser(), secret.path("uid").asText() + ":" + secret.path("gid").asText());
        assertEquals("/run/secrets/wolkvox_token", environment(app).get("WOLKVOX_TOKEN_FILE"));
        assertEquals("WOLKVOX_TOKEN", compose.path("secrets").path("wolkvox_token").path("environment").asText());
    }

    /** Compose refuses an environment secret whose variable is unset: .env sets it, empty, and never to a token. */
    @Test
    void dotEnvSetsAnEmptyToken() throws IOException {
        List<String> lines = Files.readAllLines(Path.of(".env")).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
        assertEquals(List.of("WOLKVOX_TOKEN="), lines, ".env must hold no token, nor anything else");
    }

    @Test
    void managementListensOnAllInterfacesInsideTheContainer() {
        assertEquals("0.0.0.0", environment(compose.path("services").path(APP)).get("MANAGEMENT_HOST"));
    }

    /** The Dockerfile's last USER, uid:gid. */
    static String dockerfileUser() throws IOException {
        List<String> users = Files.readAllLines(Path.of("Dockerfile")).stream().filter(line -> line.startsWith("USER "))
                .map(line -> line.substring("USER ".length()).trim()).toList();
        assertFalse(users.isEmpty(), "the Dockerfile sets no USER");
        return users.get(users.size() - 1);
    }

    /** A service's environment, from its map or its list of NAME=value. */
    private static Map<String, String> environment(JsonNode service) {
        Map<String, String> environment = new LinkedHashMap<>();
        JsonNode node = service.path("environment");
        if (node.isArray()) {
            node.forEach(entry -> {
                String[] nameValue = entry.asText().split("=", 2);
                environment.put(nameValue[0], nameValue.length > 1 ? nameValue[1] : null);
            });
        } else {
            node.properties().forEach(entry -> environment.put(entry.getKey(), entry.getValue().asText()));
        }
        return environment;
    }
}
