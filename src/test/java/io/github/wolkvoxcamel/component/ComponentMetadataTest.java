package io.github.wolkvoxcamel.component;

import io.github.wolkvoxcamel.record.WolkvoxHeaders;
import org.apache.camel.CamelContext;
import org.apache.camel.catalog.EndpointValidationResult;
import org.apache.camel.catalog.RuntimeCamelCatalog;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.PropertyBindingSupport;
import org.apache.camel.tooling.model.BaseOptionModel;
import org.apache.camel.tooling.model.ComponentModel;
import org.apache.camel.tooling.model.JsonMapper;
import org.apache.camel.util.StringHelper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The component's Camel metadata as tooling reads it: the JSON the build generates beside the component
 * (camel-package-maven-plugin), found by Camel's runtime catalog, with every option described; the catalog explains,
 * validates and builds {@code wolkvox:} URIs from it; Camel sets the options with the generated configurers, not by
 * reflection; and the docs' option tables name what the JSON names, with its defaults.
 */
class ComponentMetadataTest {

    private static final String URI = "wolkvox:diagram_1?keyFields=agent_id,@polled_at&delay=10m&token=sales";
    /** A row of a Markdown table: its cells. */
    private static final Pattern ROW = Pattern.compile("^\\|(.*)\\|$", Pattern.MULTILINE);
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    // not started: the component is made and its endpoints configured, but nothing polls or keeps state
    private static CamelContext context;
    private static RuntimeCamelCatalog catalog;
    private static ComponentModel model;

    @BeforeAll
    static void readTheMetadata() {
        context = new DefaultCamelContext();
        catalog = context.getCamelContextExtension().getContextPlugin(RuntimeCamelCatalog.class);
        model = JsonMapper.generateComponentModel(catalog.componentJSonSchema("wolkvox"));
    }

    @AfterAll
    static void close() throws Exception {
        context.close();
    }

    @Test
    void theCatalogDescribesEveryOptionAndHeader() {
        assertEquals("wolkvox:api", model.getSyntax());
        assertTrue(model.isConsumerOnly(), "a report is read from, never sent to");
        assertEquals(WolkvoxComponent.class.getName(), model.getJavaType());

        Map<String, ComponentModel.ComponentOptionModel> component = byName(model.getComponentOptions());
        assertEquals("data/state", component.get("stateDir").getDefaultValue());
        assertTrue(component.get("stateDir").getDescription().startsWith("Where watermarks, call counts"),
                component.get("stateDir").getDescription());
        assertEquals("5m", component.get("pollPeriod").getDefaultValue());
        assertEquals("1000", String.valueOf(component.get("dailyCallLimit").getDefaultValue()));
        assertTrue(component.get("token").isSecret(), "the component's token is the secret");
        assertEquals("security", component.get("token").getGroup());
        assertEquals("consumer (advanced)", component.get("recordCap").getGroup());

        Map<String, ComponentModel.EndpointOptionModel> endpoint = byName(model.getEndpointOptions());
        assertTrue(endpoint.get("api").isRequired());
        assertEquals("path", endpoint.get("api").getKind());
        assertTrue(endpoint.get("keyFields").getDescription().startsWith("The record key: a field, or fields"),
                endpoint.get("keyFields").getDescription());
        assertEquals("default", endpoint.get("token").getDefaultValue());
        assertFalse(endpoint.get("token").isSecret(), "the endpoint's token is an alias, not a token");
        assertEquals("duration", endpoint.get("delay").getType());
        assertEquals("5m", endpoint.get("delay").getDefaultValue(), "the component's pollPeriod, not Camel's 500 ms");
        assertTrue(endpoint.get("delay").getDescription().endsWith("Default value notice: the component's pollPeriod"),
                endpoint.get("delay").getDescription());
        assertEquals(List.of("detail", "aggregate", "realtime"), endpoint.get("shape").getEnums());

        List<String> undescribed = Stream.of(model.getComponentOptions(), model.getEndpointOptions(),
                        model.getEndpointHeaders()).flatMap(List::stream)
                .filter(option -> option.getDescription() == null || option.getDescription().isBlank())
                .map(BaseOptionModel::getName).toList();
        assertEquals(List.of(), undescribed, "options and headers without a description");
        assertEquals(annotatedHeaders(), model.getEndpointHeaders().stream().map(BaseOptionModel::getName).toList(),
                "every header WolkvoxHeaders gives @Metadata, in its order");
    }

    /** The catalog takes a URI apart into its options (their meaning is in the model), checks it and puts it back. */
    @Test
    void theCatalogExplainsChecksAndBuildsUris() throws Exception {
        Map<String, String> options = catalog.endpointProperties(URI);
        assertEquals(Map.of("api", "diagram_1", "keyFields", "agent_id,@polled_at", "delay", "10m", "token", "sales"),
                options);
        // what each option of the URI means, as an editor shows it
        Map<String, ComponentModel.EndpointOptionModel> endpoint = byName(model.getEndpointOptions());
        Map<String, String> explained = options.keySet().stream()
                .collect(Collectors.toMap(Function.identity(), name -> endpoint.get(name).getDescription()));
        assertTrue(explained.get("token").startsWith("The alias of the token to poll with"), explained.toString());
        assertTrue(explained.get("delay").startsWith("Time between polls"), explained.toString());

        assertTrue(catalog.validateProperties("wolkvox", options).isSuccess(), "the URI is valid, 10m a duration");
        Map<String, String> wrong = new LinkedHashMap<>(options);
        wrong.put("shape", "weekly");
        wrong.put("keyField", "agent_id");
        wrong.put("delay", "soon");
        EndpointValidationResult result = catalog.validateProperties("wolkvox", wrong);
        assertEquals(Map.of("shape", "weekly"), result.getInvalidEnum());
        assertEquals(Set.of("keyField"), result.getUnknown());
        assertEquals(Map.of("delay", "soon"), result.getInvalidDuration());
        assertTrue(catalog.validateProperties("wolkvox", Map.of("keyFields", "agent_id")).getRequired()
                .contains("api"), "api is required");

        String built = catalog.asEndpointUri("wolkvox", options, false);
        assertEquals("wolkvox:diagram_1?delay=10m&keyFields=agent_id,@polled_at&token=sales", built);
        assertEquals(options, catalog.endpointProperties(built));
        // the same from the generated URI factory, as Camel's endpoint DSL and route dumps build them
        String generated = context.getCamelContextExtension().getEndpointUriFactory("wolkvox")
                .buildUri("wolkvox", new TreeMap<String, Object>(options), false);
        assertEquals(options, catalog.endpointProperties(generated), generated);
    }

    /**
     * The generated configurers set the options without reflection, as Camel Main does with
     * {@code camel.component.wolkvox.*} (which BareCamelMainTest runs) and Camel with an endpoint URI's options.
     */
    @Test
    void camelSetsTheOptionsWithTheGeneratedConfigurers() {
        WolkvoxComponent component = context.getComponent("wolkvox", WolkvoxComponent.class);
        assertInstanceOf(WolkvoxComponentConfigurer.class, component.getComponentPropertyConfigurer());
        assertInstanceOf(WolkvoxEndpointConfigurer.class, component.getEndpointPropertyConfigurer());

        WolkvoxComponent configured = new WolkvoxComponent();
        Map<String, Object> properties = new LinkedHashMap<>(Map.of("stateDir", "/var/lib/wolkvox",
                "dailyCallLimit", "3000", "token", "t0k3n", "typed", "true", "retryMaxDelay", "1m"));
        assertTrue(PropertyBindingSupport.build().withReflection(false).withIgnoreCase(true)
                .withConfigurer(component.getComponentPropertyConfigurer()).bind(context, configured, properties));
        assertEquals("/var/lib/wolkvox", configured.getStateDir());
        assertEquals(3000, configured.getDailyCallLimit());
        assertEquals("t0k3n", configured.getToken());
        assertTrue(configured.isTyped());
        assertEquals("1m", configured.getRetryMaxDelay());

        WolkvoxEndpoint endpoint = context.getEndpoint(URI + "&initialDelay=2s&shape=aggregate", WolkvoxEndpoint.class);
        assertEquals(600_000, endpoint.getDelay(), "10m read as a duration");
        assertEquals(2_000, endpoint.getInitialDelay());
        assertEquals("agent_id,@polled_at", endpoint.getKeyFields());
        assertEquals("sales", endpoint.getToken());
        assertEquals("aggregate", endpoint.getShape());
        assertEquals(300_000, context.getEndpoint("wolkvox:diagram_3", WolkvoxEndpoint.class).getDelay(),
                "the component's poll period, 5m");
    }

    /**
     * docs/component.md's table of {@code camel.component.wolkvox.*} has every option of the component's own, and
     * each default the JSON has (an empty cell: none); docs/reports.md's table of the endpoint's options names every
     * option the endpoint declares; and the docs name every header.
     */
    @Test
    void theDocsTablesAreTheMetadatas() throws IOException {
        Map<String, ComponentModel.ComponentOptionModel> options = byName(model.getComponentOptions());
        Map<String, Object> documented = new TreeMap<>();
        List<String> wrong = new ArrayList<>();
        for (List<String> row : table(Path.of("docs/component.md"), "## Component options")) {
            List<String> names = codes(row.get(0));
            List<String> defaults = codes(row.get(1));
            if (!defaults.isEmpty() && defaults.size() != names.size()) {
                wrong.add(names + ": " + defaults.size() + " defaults for " + names.size() + " options");
                continue;
            }
            for (int i = 0; i < names.size(); i++) {
                String name = StringHelper.dashToCamelCase(names.get(i));
                documented.put(name, defaults.isEmpty() ? null : defaults.get(i));
                ComponentModel.ComponentOptionModel option = options.get(name);
                Object expected = option == null || option.getDefaultValue() == null ? null
                        : option.getDefaultValue().toString();
                if (option == null || !Objects.equals(expected, documented.get(name))) {
                    wrong.add(names.get(i) + ": documented default " + documented.get(name) + ", metadata "
                            + (option == null ? "has no such option" : expected));
                }
            }
        }
        assertEquals(List.of(), wrong, "docs/component.md's options against the metadata");
        assertEquals(declared(WolkvoxComponent.class, Metadata.class), documented.keySet(),
                "the component's own options, each in docs/component.md");

        Set<String> endpointDocs = table(Path.of("docs/reports.md"), "| option | what | default |").stream()
                .flatMap(row -> codes(row.get(0)).stream())
                .map(name -> name.startsWith("wolkvox:") ? "api" : name).collect(Collectors.toCollection(TreeSet::new));
        Set<String> undocumented = new TreeSet<>(declared(WolkvoxEndpoint.class, UriParam.class));
        undocumented.addAll(declared(WolkvoxEndpoint.class, UriPath.class));
        undocumented.removeAll(endpointDocs);
        // initialDelay is declared again for its type only; the table names it among Camel's scheduler options
        undocumented.remove("initialDelay");
        assertEquals(Set.of(), undocumented, "endpoint options missing from docs/reports.md's table");

        String docs;
        try (Stream<Path> pages = Files.list(Path.of("docs"))) {
            docs = pages.filter(page -> page.toString().endsWith(".md")).sorted().map(ComponentMetadataTest::read)
                    .collect(Collectors.joining("\n"));
        }
        List<String> unnamed = model.getEndpointHeaders().stream().map(BaseOptionModel::getName)
                .filter(header -> !docs.contains("`" + header + "`")).toList();
        assertEquals(List.of(), unnamed, "headers docs/ does not name");
    }

    private static <T extends BaseOptionModel> Map<String, T> byName(List<T> options) {
        return options.stream().collect(Collectors.toMap(BaseOptionModel::getName, Function.identity()));
    }

    /** The headers WolkvoxHeaders declares with @Metadata, in declaration order. */
    private static List<String> annotatedHeaders() {
        List<String> headers = new ArrayList<>();
        for (Field field : WolkvoxHeaders.class.getDeclaredFields()) {
            if (field.isAnnotationPresent(Metadata.class)) {
                try {
                    headers.add((String) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            }
        }
        return headers;
    }

    /** The options a class declares itself, with the annotation that makes them options. */
    private static Set<String> declared(Class<?> type, Class<? extends java.lang.annotation.Annotation> annotation) {
        return Arrays.stream(type.getDeclaredFields()).filter(field -> field.isAnnotationPresent(annotation))
                .map(Field::getName).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The body rows of the first table after the line that starts with {@code after}: each row's cells. */
    private static List<List<String>> table(Path page, String after) {
        String text = read(page);
        int start = text.indexOf(after);
        assertTrue(start >= 0, page + " has " + after);
        Matcher row = ROW.matcher(text.substring(start + after.length()));
        List<List<String>> rows = new ArrayList<>();
        int expected = -1;
        while (row.find() && (expected < 0 || row.start() == expected)) {
            List<String> cells = Arrays.stream(row.group(1).split("(?<!\\\\)\\|", -1)).map(String::trim).toList();
            if (expected >= 0 && !cells.get(0).startsWith("---")) {
                rows.add(cells);
            }
            expected = row.end() + 1;
        }
        assertTrue(rows.size() > 3, page + ": a table after " + after);
        return rows;
    }

    private static List<String> codes(String cell) {
        List<String> codes = new ArrayList<>();
        Matcher code = CODE.matcher(cell);
        while (code.find()) {
            codes.add(code.group(1));
        }
        return codes;
    }

    private static String read(Path page) {
        try {
            return Files.readString(page);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
