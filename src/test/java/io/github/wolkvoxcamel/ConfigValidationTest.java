package io.github.wolkvoxcamel;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A bad setting stops the main command with exit code 1 and one line that says what is wrong and where. */
class ConfigValidationTest {

    @TempDir
    Path dir;

    /** A report route in one line: the api alone, the rest from the catalog. */
    static final String ONE_LINE = "\n- templatedRoute: { routeTemplateRef: wolkvox-report, routeId: wolkvox-%s, "
            + "parameters: [ { name: api, value: %s } ] }\n";

    private final Map<String, String> set = new HashMap<>();

    @AfterEach
    void clear() {
        set.keySet().forEach(System::clearProperty);
    }

    private String startFails(Map<String, String> settings) throws Exception {
        set.putAll(settings);
        set.putIfAbsent("state.dir", dir.resolve("state").toString());
        set.putIfAbsent("sink.file-dir", dir.resolve("out").toString());
        set.putIfAbsent("camel.management.enabled", "false");
        set.forEach(System::setProperty);
        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exitCode;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            exitCode = Application.run(new String[0]);
        } finally {
            System.setErr(original);
        }
        assertEquals(1, exitCode);
        String message = err.toString(StandardCharsets.UTF_8).strip();
        assertTrue(message.startsWith("wolkvox-camel cannot start: ") && message.lines().count() == 1, message);
        return message;
    }

    @Test
    void aRealServerWithoutTokenSaysWhichSettingIsMissing() throws Exception {
        String message = startFails(Map.of("wolkvox.server", "0004", "wolkvox.token", ""));
        assertTrue(message.contains("https://wv0004.wolkvox.com needs a token: set WOLKVOX_TOKEN or WOLKVOX_TOKEN_FILE"), message);
    }

    @Test
    void aFileModeThatIsNeitherPrivateNorGroupIsNamedBeforeAnythingIsWritten() throws Exception {
        String message = startFails(Map.of("wolkvox.file-mode", "0644"));
        assertTrue(message.contains("WOLKVOX_FILE_MODE (wolkvox.file-mode) must be private or group, not '0644'"), message);
        assertFalse(Files.exists(dir.resolve("state")), "not even the state directory's lock was made");
    }

    @Test
    void aTokenFileThatCannotBeReadIsNamed() throws Exception {
        String message = startFails(Map.of("wolkvox.server", "0004", "wolkvox.token", "",
                "wolkvox.token-file", dir.resolve("missing-token").toString()));
        assertTrue(message.contains("cannot read WOLKVOX_TOKEN_FILE " + dir.resolve("missing-token")), message);
    }

    @Test
    void registryCredentialsOverPlainHttpBeyondLoopbackAreRefused() throws Exception {
        String message = startFails(Map.of("schema-registry.url", "http://10.20.30.40:8081",
                "schema-registry.basic-auth-user-info", "wolkvox:registry-secret"));
        assertTrue(message.contains("SCHEMA_REGISTRY_URL http://10.20.30.40:8081/ is plain http: the registry's "
                + "credentials would cross the network in clear"), message);
        assertFalse(message.contains("registry-secret"), "the secret is not in the message");
    }

    @Test
    void aTypedModeThatIsNeitherTrueNorFalseIsRefused() throws Exception {
        String message = startFails(Map.of("wolkvox.typed", "1"));
        assertTrue(message.contains("WOLKVOX_TYPED (wolkvox.typed) must be true or false, not '1'"), message);
    }

    @Test
    void aSchemaRegistryUrlThatIsNoUrlIsRefused() throws Exception {
        String message = startFails(Map.of("schema-registry.url", "schema-registry:8081"));
        assertTrue(message.contains("SCHEMA_REGISTRY_URL (schema-registry.url) 'schema-registry:8081' is no Schema "
                + "Registry URL: not an http:// or https:// URL with a host"), message);
    }

    @Test
    void aChunkOver31DaysIsRefused() throws Exception {
        String message = startFails(Map.of("wolkvox.chunk-span", "40d"));
        assertTrue(message.contains("chunk span must be between 1 second and 31 days"), message);
    }

    @Test
    void aDurationThatIsNotOneNamesItsSetting() throws Exception {
        String message = startFails(Map.of("wolkvox.retry.base-delay", "two seconds"));
        assertTrue(message.contains("wolkvox.retry.base-delay = 'two seconds' is not a duration"), message);
    }

    @Test
    void aPlainHttpWolkvoxUrlBeyondLoopbackIsRefused() throws Exception {
        String message = startFails(Map.of("wolkvox.base-url", "http://10.20.30.40:8080", "wolkvox.token", "t0ken-value"));
        assertTrue(message.contains("WOLKVOX_BASE_URL http://10.20.30.40:8080 is plain http")
                && message.contains("WOLKVOX_ALLOW_INSECURE_HTTP=true"), message);
        assertFalse(message.contains("t0ken-value"), message);
    }

    @Test
    void aPlainHttpUrlGivenToTheComponentItselfIsRefusedToo() throws Exception {
        // CAMEL_COMPONENT_WOLKVOX_BASE_URL, bound by Camel Main after the setup chose the server
        String message = startFails(Map.of("wolkvox.server", "0004", "wolkvox.token", "t0ken-value",
                "camel.component.wolkvox.base-url", "http://10.20.30.40:8080"));
        assertTrue(message.contains("camel.component.wolkvox.base-url http://10.20.30.40:8080 is plain http")
                && message.contains("WOLKVOX_ALLOW_INSECURE_HTTP=true"), message);
        assertFalse(message.contains("t0ken-value"), message);
    }

    @Test
    void replicasWithoutKafkaAreRefused() throws Exception {
        String message = startFails(Map.of("camel.cluster.file.enabled", "true",
                "camel.cluster.file.root", dir.resolve("cluster").toString()));
        assertTrue(message.contains("Replicas with a cluster service (CAMEL_CLUSTER_*_ENABLED) need KAFKA_BROKERS"), message);
    }

    @Test
    void exactlyOnceWithoutKafkaIsRefused() throws Exception {
        String message = startFails(Map.of("wolkvox.kafka.exactly-once", "true"));
        assertTrue(message.contains("WOLKVOX_KAFKA_EXACTLY_ONCE=true needs KAFKA_BROKERS"), message);
    }

    @Test
    void aFileClusterWithoutRootSaysWhatItNeeds() throws Exception {
        String message = startFails(Map.of("camel.cluster.file.enabled", "true", "kafka.brokers", "localhost:1"));
        assertTrue(message.contains("CAMEL_CLUSTER_FILE_ENABLED=true needs CAMEL_CLUSTER_FILE_ROOT"), message);
    }

    /** Starts with the shipped routes, one file edited, expecting the start to fail. */
    private String startFailsWithEdit(String file, UnaryOperator<String> edit) throws Exception {
        Path routes = dir.resolve("routes");
        TestEnvironment.copyRoutes(routes);
        Files.writeString(routes.resolve(file), edit.apply(Files.readString(routes.resolve(file))));
        return startFails(Map.of("camel.main.routes-include-pattern", "file:" + routes + "/*.yaml"));
    }

    @Test
    void aReportWolkvoxDoesNotHaveIsNamedWithItsRoute() throws Exception {
        String message = startFailsWithEdit("reports.yaml",
                text -> text.replace("{ name: api, value: diagram_3 }", "{ name: api, value: diagram_33 }"));
        assertTrue(message.contains("report route wolkvox-diagram_3 (") && message.contains("templatedRoute")
                && message.contains("asks for api 'diagram_33' in group 'reports_manager', which Wolkvox does not have"), message);
    }

    @Test
    void aReportWhoseRecordsRouteIsMissingIsNamed() throws Exception {
        String message = startFailsWithEdit("reports.yaml", yaml -> yaml.replace("direct:records-agents_detail",
                "direct:records-agent-typo"));
        assertTrue(message.contains("report route wolkvox-agents_detail (") && message.contains("templatedRoute")
                && message.contains("sends its records to direct:records-agent-typo, which no route starts from"), message);
    }

    @Test
    void aCatalogReportThatNeedsAnIdSaysWhichParameterAndWhere() throws Exception {
        String message = startFailsWithEdit("reports.yaml", yaml -> yaml + ONE_LINE.formatted("skill_2", "skill_2"));
        assertTrue(message.contains("report route wolkvox-skill_2")
                && message.contains("api skill_2 in group reports_manager needs parameter skill_id: add skill_id=... to "
                + "the route's params"), message);
    }

    @Test
    void anApiNameSeveralGroupsHaveAsksForTheGroup() throws Exception {
        String message = startFailsWithEdit("reports.yaml", yaml -> yaml + ONE_LINE.formatted("agents", "agents"));
        assertTrue(message.contains("report route wolkvox-agents: api agents is in groups real_time, information"),
                message);
    }

    @Test
    void aYamlSyntaxErrorNamesTheFileAndLine() throws Exception {
        String shipped = Files.readString(Path.of("routes", "sinks.yaml"));
        int line = shipped.substring(0, shipped.indexOf("      steps:")).split("\n", -1).length;
        String message = startFailsWithEdit("sinks.yaml", text -> text.replaceFirst("      steps:", "      steps: [ broken"));
        assertTrue(message.contains("sinks.yaml, line " + line), message);
    }
}
