package io.github.wolkvoxcamel.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Lints deploy/kubernetes. Every document must parse into fabric8's typed Kubernetes model with no field the model
 * does not know: a typo such as {@code readinesProbe} would otherwise show only when applied to a cluster, as an
 * error or a mere warning. kubectl's kustomize (when kubectl is installed) must build the kustomization. And what an
 * operator relies on must hold: two replicas, probes on the management port, the token as a mounted file, an
 * unprivileged read-only container, and a Role that grants leader election exactly what it uses.
 */
class KubernetesManifestsTest {

    private static final Path DIR = Path.of("deploy", "kubernetes");
    private static final String KUSTOMIZATION = "kustomization.yaml";
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final String MANAGEMENT = "management";

    /** The resources of each manifest file, by file name. */
    private static Map<String, List<HasMetadata>> manifests;

    @BeforeAll
    static void parse() throws IOException {
        manifests = new TreeMap<>();
        for (Path file : manifestFiles()) {
            try (InputStream in = Files.newInputStream(file)) {
                manifests.put(file.getFileName().toString(), resources(SERIALIZATION.unmarshal(in)));
            }
        }
        assertFalse(manifests.isEmpty(), "no manifests in " + DIR.toAbsolutePath());
    }

    @Test
    void everyDocumentIsAKnownKindWithOnlyFieldsTheModelKnows() {
        List<String> problems = new ArrayList<>();
        manifests.forEach((file, resources) -> {
            for (HasMetadata resource : resources) {
                if (resource instanceof GenericKubernetesResource) {
                    problems.add(file + ": unknown kind " + resource.getApiVersion() + "/" + resource.getKind());
                } else {
                    unknownFields(resource).forEach(field -> problems.add(file + ": unknown field " + field));
                }
            }
        });
        assertEquals(List.of(), problems);
    }

    /** The check above can fail: misspelt fields are found with their path, a value of the wrong type fails to parse. */
    @Test
    void unknownFieldsAreFoundWithTheirPath() {
        String broken = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: x}
                spec:
                  replica: 2
                  selector: {matchLabels: {app: x}}
                  template:
                    metadata: {labels: {app: x}}
                    spec:
                      containers:
                        - name: x
                          image: x
                          readinesProbe: {httpGet: {path: /, port: 1}}
                          securityContext: {runAsNonroot: true}
                """;
        assertEquals(Set.of("spec.replica", "spec.template.spec.containers[0].readinesProbe",
                "spec.template.spec.containers[0].securityContext.runAsNonroot"),
                new TreeSet<>(unknownFields(parse(broken))));
        String wrongType = broken.replace("runAsNonroot: true", "runAsNonRoot: yes-please");
        assertThrows(IllegalArgumentException.class, () -> parse(wrongType));
    }

    private static HasMetadata parse(String yaml) {
        return SERIALIZATION.unmarshal(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void manifestsNameNoNamespace() {
        all().forEach(resource -> assertNull(resource.getMetadata().getNamespace(),
                () -> describe(resource) + " names a namespace: the manifests go to the one they are applied to"));
    }

    @Test
    void kustomizationListsEveryManifestAndNoSecret() throws IOException {
        JsonNode kustomization = new YAMLMapper().readTree(DIR.resolve(KUSTOMIZATION).toFile());
        Set<String> listed = new TreeSet<>();
        kustomization.path("resources").forEach(entry -> listed.add(entry.asText()));
        assertEquals(manifests.keySet(), listed);
        assertFalse(all().anyMatch(resource -> "Secret".equals(resource.getKind())),
                "a Secret in the kustomization would overwrite the real token at every apply");
    }

    /** kubectl's own kustomize builds the kustomization (it refuses unknown kustomization fields and missing files). */
    @Test
    void kustomizeBuildsEveryManifest() throws Exception {
        Path kubectl = onPath("kubectl");
        Assumptions.assumeTrue(kubectl != null, "kubectl is not on the PATH: only the fabric8 checks ran");
        Path output = Files.createTempFile("kustomize-", ".yaml");
        try {
            Process process = new ProcessBuilder(kubectl.toString(), "kustomize", DIR.toString())
                    .redirectOutput(output.toFile()).redirectError(ProcessBuilder.Redirect.PIPE).start();
            assertTrue(process.waitFor(2, TimeUnit.MINUTES), "kubectl kustomize did not finish");
            String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, process.exitValue(), "kubectl kustomize failed: " + errors);
            List<HasMetadata> built;
            try (InputStream in = Files.newInputStream(output)) {
                built = resources(SERIALIZATION.unmarshal(in));
            }
            assertEquals(names(all()), names(built.stream()));
            built.forEach(resource -> assertEquals(List.of(), unknownFields(resource), describe(resource)));
        } finally {
            Files.delete(output);
        }
    }

    @Test
    void twoReplicasRunAsTheServiceAccount() {
        Deployment deployment = only(Deployment.class);
        assertEquals(2, deployment.getSpec().getReplicas());
        assertEquals(only(ServiceAccount.class).getMetadata().getName(), pod().getServiceAccountName());
        assertNotEquals(Boolean.FALSE, pod().getAutomountServiceAccountToken(), "leader election needs the API token");
    }

    @Test
    void probesAskTheManagementPortForReadinessAndLiveness() {
        Container container = container();
        assertProbe(container.getReadinessProbe(), "/observe/health/ready");
        assertProbe(container.getLivenessProbe(), "/observe/health/live");
        if (container.getStartupProbe() != null) {
            assertProbe(container.getStartupProbe(), "/observe/health/live");
        }
    }

    @Test
    void managementListensOnAllInterfacesOnTheNamedPort() {
        assertEquals("0.0.0.0", env("MANAGEMENT_HOST").getValue());
        assertEquals(Integer.valueOf(env("MANAGEMENT_PORT").getValue()), managementPort().getContainerPort());
    }

    @Test
    void theTokenIsAFileFromTheSecretVolume() {
        Path tokenFile = Path.of(env("WOLKVOX_TOKEN_FILE").getValue());
        VolumeMount mount = container().getVolumeMounts().stream()
                .filter(m -> tokenFile.getParent().equals(Path.of(m.getMountPath()))).findFirst()
                .orElseThrow(() -> new AssertionError("nothing is mounted at " + tokenFile.getParent()));
        assertEquals(Boolean.TRUE, mount.getReadOnly());
        Volume volume = volume(mount.getName());
        assertNotNull(volume.getSecret(), mount.getName() + " is not a Secret volume");
        assertEquals("wolkvox-token", volume.getSecret().getSecretName());
        assertTrue(volume.getSecret().getItems().isEmpty(), "every key of the Secret is a file (token, and aliases)");
        assertEquals("token", tokenFile.getFileName().toString());
        // 0440: the fsGroup reads it, nobody else
        assertEquals(0440, volume.getSecret().getDefaultMode());
        assertEquals(pod().getSecurityContext().getRunAsGroup(), pod().getSecurityContext().getFsGroup());
        for (EnvVar var : container().getEnv()) {
            assertFalse(var.getName().equals("WOLKVOX_TOKEN") || var.getValueFrom() != null
                    && var.getValueFrom().getSecretKeyRef() != null, var.getName() + " puts a secret in the environment");
        }
    }

    @Test
    void theContainerRunsUnprivilegedOnAReadOnlyRoot() throws IOException {
        PodSecurityContext podSecurity = pod().getSecurityContext();
        SecurityContext security = container().getSecurityContext();
        // a container's own setting wins over the pod's
        assertEquals(Boolean.TRUE, security.getRunAsNonRoot() != null ? security.getRunAsNonRoot() : podSecurity.getRunAsNonRoot());
        Long uid = security.getRunAsUser() != null ? security.getRunAsUser() : podSecurity.getRunAsUser();
        assertEquals(ComposeFileTest.dockerfileUser(), uid + ":" + podSecurity.getRunAsGroup(),
                "the Dockerfile's USER and the pod's user differ");
        assertEquals(Boolean.TRUE, security.getReadOnlyRootFilesystem());
        assertEquals(Boolean.FALSE, security.getAllowPrivilegeEscalation());
        assertEquals(List.of("ALL"), security.getCapabilities().getDrop());
        assertEquals("RuntimeDefault", podSecurity.getSeccompProfile().getType());
        // with a read-only root, /data (state, sinks, dead letters) and /tmp (spooled answers) must be volumes
        for (String path : List.of("/data", "/tmp")) {
            VolumeMount mount = container().getVolumeMounts().stream().filter(m -> path.equals(m.getMountPath()))
                    .findFirst().orElseThrow(() -> new AssertionError(path + " is not mounted"));
            assertNotNull(volume(mount.getName()).getEmptyDir(), path + " is not an emptyDir");
        }
    }

    @Test
    void theRoleGrantsExactlyLeasesAndPods() {
        Map<String, Set<String>> granted = new TreeMap<>();
        for (PolicyRule rule : only(Role.class).getRules()) {
            assertTrue(rule.getResourceNames().isEmpty(), "resourceNames cannot limit create or list");
            for (String group : rule.getApiGroups()) {
                for (String resource : rule.getResources()) {
                    granted.merge(group + "/" + resource, new TreeSet<>(rule.getVerbs()), (a, b) -> {
                        a.addAll(b);
                        return a;
                    });
                }
            }
        }
        assertEquals(Map.of(
                "coordination.k8s.io/leases", Set.of("get", "list", "watch", "create", "update", "patch"),
                "/pods", Set.of("get", "list", "watch")), granted);
    }

    @Test
    void theRoleBindingGivesTheRoleToThePodsServiceAccount() {
        RoleBinding binding = only(RoleBinding.class);
        assertEquals("Role", binding.getRoleRef().getKind());
        assertEquals(only(Role.class).getMetadata().getName(), binding.getRoleRef().getName());
        assertEquals(1, binding.getSubjects().size());
        Subject subject = binding.getSubjects().get(0);
        assertEquals("ServiceAccount", subject.getKind());
        assertEquals(pod().getServiceAccountName(), subject.getName());
        assertNull(subject.getNamespace(), "an empty namespace means the RoleBinding's own");
    }

    /** The pods that take part in leader election are exactly this Deployment's. */
    @Test
    void leaderElectionUsesThePodsOwnNameNamespaceAndLabels() {
        assertEquals("true", env("CAMEL_CLUSTER_KUBERNETES_ENABLED").getValue());
        assertEquals("metadata.namespace", fieldPath("CAMEL_CLUSTER_KUBERNETES_NAMESPACE"));
        assertEquals("metadata.name", fieldPath("CAMEL_CLUSTER_KUBERNETES_POD_NAME"));
        Map<String, String> clusterLabels = new LinkedHashMap<>();
        for (String pair : env("CAMEL_CLUSTER_KUBERNETES_CLUSTER_LABELS").getValue().split(",")) {
            String[] keyValue = pair.split("=", 2);
            assertEquals(2, keyValue.length, "not key=value: " + pair);
            clusterLabels.put(keyValue[0].trim(), keyValue[1].trim());
        }
        Deployment deployment = only(Deployment.class);
        assertEquals(deployment.getSpec().getSelector().getMatchLabels(), clusterLabels);
        Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
        assertTrue(podLabels.entrySet().containsAll(clusterLabels.entrySet()), "the pods lack the cluster labels");
    }

    @Test
    void resourcesAreRequestedAndLimitedAndTheHeapFollowsTheLimit() {
        Map<String, Quantity> requests = container().getResources().getRequests();
        Map<String, Quantity> limits = container().getResources().getLimits();
        for (String resource : List.of("cpu", "memory")) {
            assertNotNull(requests.get(resource), "no " + resource + " request");
            assertNotNull(limits.get(resource), "no " + resource + " limit");
            BigDecimal request = requests.get(resource).getNumericalAmount();
            assertTrue(request.compareTo(limits.get(resource).getNumericalAmount()) <= 0, resource + " request above its limit");
        }
        // a 267 MB answer peaks at ~300 MB RSS and a day-long run at ~430 MB (BENCHMARKS.md)
        assertTrue(limits.get("memory").getNumericalAmount().longValue() >= 512L << 20, "memory limit below 512Mi");
        String javaOptions = env("JAVA_TOOL_OPTIONS").getValue();
        assertTrue(javaOptions.contains("-XX:MaxRAMPercentage=") || javaOptions.contains("-Xmx"), javaOptions);
    }

    @Test
    void theServiceAndTheBudgetSelectThePods() {
        Map<String, String> podLabels = only(Deployment.class).getSpec().getSelector().getMatchLabels();
        Service service = only(Service.class);
        assertEquals(podLabels, service.getSpec().getSelector());
        ServicePort port = service.getSpec().getPorts().stream().filter(p -> MANAGEMENT.equals(p.getName())).findFirst()
                .orElseThrow(() -> new AssertionError("no port named " + MANAGEMENT));
        assertEquals(MANAGEMENT, port.getTargetPort().getStrVal());
        assertEquals(managementPort().getContainerPort(), port.getPort());
        PodDisruptionBudget budget = only(PodDisruptionBudget.class);
        assertEquals(podLabels, budget.getSpec().getSelector().getMatchLabels());
        assertTrue(budget.getSpec().getMinAvailable().getIntVal() < only(Deployment.class).getSpec().getReplicas());
    }

    /** The pods read their settings from the ConfigMap shipped here, which polls Wolkvox, not the simulator. */
    @Test
    void thePodsReadTheShippedSettings() {
        List<EnvFromSource> envFrom = container().getEnvFrom();
        assertEquals(1, envFrom.size());
        ConfigMap settings = only(ConfigMap.class);
        assertEquals(settings.getMetadata().getName(), envFrom.get(0).getConfigMapRef().getName());
        assertNotEquals(Boolean.TRUE, envFrom.get(0).getConfigMapRef().getOptional());
        for (String key : List.of("WOLKVOX_SERVER", "KAFKA_BROKERS")) {
            assertFalse(settings.getData().getOrDefault(key, "").isBlank(), key + " is empty");
        }
        assertFalse(settings.getData().keySet().stream().anyMatch(key -> key.contains("TOKEN")), "a token in a ConfigMap");
    }

    private static void assertProbe(Probe probe, String path) {
        assertNotNull(probe, "no probe for " + path);
        assertEquals(path, probe.getHttpGet().getPath());
        assertEquals(MANAGEMENT, probe.getHttpGet().getPort().getStrVal());
    }

    /**
     * The dotted paths of the fields the typed model did not know: fabric8 keeps them (and values of the wrong
     * type) in each object's additionalProperties instead of failing.
     */
    static List<String> unknownFields(Object resource) {
        List<String> unknown = new ArrayList<>();
        collectUnknown(resource, "", unknown);
        return unknown;
    }

    private static void collectUnknown(Object value, String path, List<String> unknown) {
        if (value instanceof Collection<?> list) {
            int i = 0;
            for (Object element : list) {
                collectUnknown(element, path + "[" + i++ + "]", unknown);
            }
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((key, element) -> collectUnknown(element, path + "[" + key + "]", unknown));
        } else if (value != null && value.getClass().getName().startsWith("io.fabric8.kubernetes.api.model.")) {
            for (Method getter : value.getClass().getMethods()) {
                if (getter.getName().equals("getAdditionalProperties") && getter.getParameterCount() == 0) {
                    Map<?, ?> additional = (Map<?, ?>) invoke(getter, value);
                    additional.keySet().forEach(key -> unknown.add(join(path, String.valueOf(key))));
                } else {
                    JsonProperty property = getter.getAnnotation(JsonProperty.class);
                    if (property != null && getter.getParameterCount() == 0 && !Modifier.isStatic(getter.getModifiers())) {
                        collectUnknown(invoke(getter, value), join(path, property.value()), unknown);
                    }
                }
            }
        }
    }

    private static String join(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    private static Object invoke(Method getter, Object target) {
        try {
            return getter.invoke(target);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException(getter.toString(), e);
        }
    }

    private static List<Path> manifestFiles() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.filter(f -> f.toString().endsWith(".yaml") && !f.getFileName().toString().equals(KUSTOMIZATION))
                    .sorted().toList();
        }
    }

    /** One document parses to a resource, several to a list of them. */
    private static List<HasMetadata> resources(Object parsed) {
        if (parsed instanceof List<?> list) {
            return list.stream().map(HasMetadata.class::cast).toList();
        }
        return List.of((HasMetadata) parsed);
    }

    private static Stream<HasMetadata> all() {
        return manifests.values().stream().flatMap(List::stream);
    }

    private static <T extends HasMetadata> T only(Class<T> type) {
        List<T> found = all().filter(type::isInstance).map(type::cast).toList();
        assertEquals(1, found.size(), "expected one " + type.getSimpleName() + " in " + DIR);
        return found.get(0);
    }

    private static Set<String> names(Stream<HasMetadata> resources) {
        return resources.map(KubernetesManifestsTest::describe).collect(Collectors.toCollection(TreeSet::new));
    }

    private static String describe(HasMetadata resource) {
        return resource.getKind() + "/" + resource.getMetadata().getName();
    }

    private static PodSpec pod() {
        return only(Deployment.class).getSpec().getTemplate().getSpec();
    }

    private static Container container() {
        assertEquals(1, pod().getContainers().size());
        return pod().getContainers().get(0);
    }

    private static EnvVar env(String name) {
        return container().getEnv().stream().filter(var -> name.equals(var.getName())).findFirst()
                .orElseThrow(() -> new AssertionError("the container does not set " + name));
    }

    private static String fieldPath(String name) {
        return env(name).getValueFrom().getFieldRef().getFieldPath();
    }

    private static ContainerPort managementPort() {
        return container().getPorts().stream().filter(p -> MANAGEMENT.equals(p.getName())).findFirst()
                .orElseThrow(() -> new AssertionError("no container port named " + MANAGEMENT));
    }

    private static Volume volume(String name) {
        return pod().getVolumes().stream().filter(v -> name.equals(v.getName())).findFirst()
                .orElseThrow(() -> new AssertionError("no volume " + name));
    }

    private static Path onPath(String command) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(dir -> !dir.isEmpty()).map(dir -> Path.of(dir, command)).filter(Files::isExecutable)
                .findFirst().orElse(null);
    }
}
