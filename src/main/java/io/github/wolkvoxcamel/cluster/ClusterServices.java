package io.github.wolkvoxcamel.cluster;

import io.github.wolkvoxcamel.time.Durations;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.apache.camel.component.kubernetes.cluster.KubernetesClusterService;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The cluster service replicas elect their leaders with, from the {@code camel.cluster.file.*} or
 * {@code camel.cluster.kubernetes.*} settings (environment {@code CAMEL_CLUSTER_FILE_ENABLED=true}, ...): Camel's
 * file-lock service for replicas on one host or a shared volume, or its Kubernetes Lease service. None: one process
 * runs every report, as before.
 */
public final class ClusterServices {

    private ClusterServices() {
    }

    /**
     * @param setting a setting's value, "" when not set
     * @return the configured service (not started), or null when neither is enabled
     * @throws IllegalArgumentException when both are enabled or a needed setting is missing
     */
    public static CamelClusterService fromSettings(Function<String, String> setting) {
        boolean file = Boolean.parseBoolean(setting.apply("camel.cluster.file.enabled"));
        boolean kubernetes = Boolean.parseBoolean(setting.apply("camel.cluster.kubernetes.enabled"));
        if (file && kubernetes) {
            throw new IllegalArgumentException("CAMEL_CLUSTER_FILE_ENABLED and CAMEL_CLUSTER_KUBERNETES_ENABLED are both "
                    + "true: choose one cluster service");
        }
        if (file) {
            return fileLock(setting);
        }
        return kubernetes ? kubernetes(setting) : null;
    }

    private static CamelClusterService fileLock(Function<String, String> setting) {
        String root = setting.apply("camel.cluster.file.root");
        if (root.isEmpty()) {
            throw new IllegalArgumentException("CAMEL_CLUSTER_FILE_ENABLED=true needs CAMEL_CLUSTER_FILE_ROOT, a directory "
                    + "every replica shares (one host, or a shared volume)");
        }
        FileLockClusterService service = new FileLockClusterService();
        service.setRoot(root);
        service.setId(memberId(setting.apply("camel.cluster.file.id")));
        // a leader that died is replaced once its heartbeat is this many intervals old (Camel's multiplier, 5)
        service.setAcquireLockInterval(millis(setting, "camel.cluster.file.acquire-lock-interval"), TimeUnit.MILLISECONDS);
        service.setAcquireLockDelay(millis(setting, "camel.cluster.file.acquire-lock-delay"), TimeUnit.MILLISECONDS);
        return service;
    }

    private static CamelClusterService kubernetes(Function<String, String> setting) {
        KubernetesClusterService service = new KubernetesClusterService();
        String namespace = setting.apply("camel.cluster.kubernetes.namespace");
        if (!namespace.isEmpty()) {
            service.setKubernetesResourcesNamespace(namespace);
        }
        String pod = setting.apply("camel.cluster.kubernetes.pod-name");
        if (!pod.isEmpty()) {
            service.setPodName(pod);
        }
        service.setId(memberId(pod));
        Map<String, String> labels = labels(setting.apply("camel.cluster.kubernetes.cluster-labels"));
        if (!labels.isEmpty()) {
            service.setClusterLabels(labels);
        }
        service.setLeaseDurationMillis(millis(setting, "camel.cluster.kubernetes.lease-duration"));
        service.setRenewDeadlineMillis(millis(setting, "camel.cluster.kubernetes.renew-deadline"));
        service.setRetryPeriodMillis(millis(setting, "camel.cluster.kubernetes.retry-period"));
        return service;
    }

    /** {@code app=wolkvox-camel,tier=integration} as a map. */
    static Map<String, String> labels(String text) {
        Map<String, String> labels = new LinkedHashMap<>();
        Arrays.stream(text.split(",")).map(String::trim).filter(pair -> !pair.isEmpty()).forEach(pair -> {
            int equals = pair.indexOf('=');
            if (equals < 1) {
                throw new IllegalArgumentException("CAMEL_CLUSTER_KUBERNETES_CLUSTER_LABELS: '" + pair + "' is not name=value");
            }
            labels.put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
        });
        return labels;
    }

    /** The member's name in logs and leader files: the one given, or host and pid. */
    private static String memberId(String given) {
        if (!given.isEmpty()) {
            return given;
        }
        String host = System.getenv().getOrDefault("HOSTNAME", "");
        return (host.isEmpty() ? "wolkvox-camel" : host) + "-" + ProcessHandle.current().pid();
    }

    private static long millis(Function<String, String> setting, String name) {
        return Durations.parse(name, setting.apply(name)).toMillis();
    }
}
