package io.github.wolkvoxcamel.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.wolkvoxcamel.catalog.CatalogEntry;
import io.github.wolkvoxcamel.catalog.ReportSchema;
import io.github.wolkvoxcamel.kafka.KafkaTopics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The JSON Schema of each polled report for Kafka consumers: on the compacted topic {@code <prefix>schemas}, keyed
 * {@code <group>/<api>} (the record headers WolkvoxGroup and WolkvoxReport), and, when a Schema Registry is set, in
 * it as JSON Schema under the subject {@code <report's topic>-value} (Confluent's default subject name). Published at
 * every start, so both follow the catalog of the version running; a failure is logged and delivery goes on.
 */
public final class SchemaPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaPublisher.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String REGISTRY_MEDIA_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final int ATTEMPTS = 5;
    private static final Duration FIRST_PAUSE = Duration.ofSeconds(4);

    private final Properties client;
    private final String topicPrefix;
    private final URI registry;
    private final String registryUserInfo;
    private final boolean typed;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final ExecutorService publishing = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "wolkvox-schemas");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param client bootstrap servers and security settings
     * @param registry the Schema Registry's URL, or null for none
     * @param registryUserInfo {@code user:password} for the registry's basic authentication, or empty (then the URL's
     *        own, if it has one)
     * @param typed whether records are delivered typed (WOLKVOX_TYPED): the schemas say so
     */
    public SchemaPublisher(Properties client, String topicPrefix, URI registry, String registryUserInfo, boolean typed) {
        this.client = client;
        this.topicPrefix = topicPrefix;
        // user:password@ in the URL is taken as the basic authentication, as Confluent's clients do
        this.registry = registry == null ? null : URI.create(withoutUserInfo(registry));
        this.registryUserInfo = !registryUserInfo.isEmpty() || registry == null || registry.getUserInfo() == null
                ? registryUserInfo : registry.getUserInfo();
        this.typed = typed;
    }

    /** The compacted topic of the schemas. */
    public String topic() {
        return topicPrefix + SchemaFiles.DIRECTORY;
    }

    /**
     * Publishes each report's schema, under its schema name (its api, or {@code <group>.<api>} for an api name several
     * groups have, as in its schema file's name). Kafka or a registry that does not answer is tried again a few
     * times, a minute in all; a registry's refusal is not.
     */
    public void publish(Map<CatalogEntry, String> reports) {
        if (retrying("on the topic " + topic(), () -> toTopic(reports))) {
            LOG.info("The JSON Schemas of {} reports are on the topic {}", reports.size(), topic());
        }
        if (registry == null) {
            return;
        }
        for (Map.Entry<CatalogEntry, String> report : reports.entrySet()) {
            // a registry that stays unreachable for one subject is not tried again for each of the others
            if (!retrying("in the Schema Registry at " + registry,
                    () -> toRegistry(report.getKey(), report.getValue()))) {
                return;
            }
        }
    }

    /** {@link #publish} on the publisher's one thread: runs of a start and of reloads one after the other. */
    public void publishSoon(Map<CatalogEntry, String> reports) {
        publishing.execute(() -> publish(reports));
    }

    /** Makes {@code attempt} until it does not throw, ATTEMPTS times at most; whether it got through. */
    private static boolean retrying(String where, Runnable attempt) {
        Duration pause = FIRST_PAUSE;
        for (int tried = 1; ; tried++) {
            try {
                attempt.run();
                return true;
            } catch (RuntimeException e) {
                if (tried == ATTEMPTS) {
                    LOG.warn("The reports' JSON Schemas are not {} after {} attempts: {}", where, tried, e.getMessage());
                    return false;
                }
            }
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            pause = pause.multipliedBy(2);
        }
    }

    private void toTopic(Map<CatalogEntry, String> reports) {
        KafkaTopics.createIfMissing(client, topic(), Map.of(TopicConfig.CLEANUP_POLICY_CONFIG,
                TopicConfig.CLEANUP_POLICY_COMPACT), "the schema topic");
        Properties config = new Properties();
        config.putAll(client);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (CatalogEntry entry : reports.keySet()) {
                sent.add(producer.send(new ProducerRecord<>(topic(), entry.group() + "/" + entry.api(), schema(entry))));
            }
            for (Future<RecordMetadata> schema : sent) {
                schema.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Kafka did not take them: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Registers the schema as a new version of its subject; the registry keeps one version per distinct schema. */
    private void toRegistry(CatalogEntry entry, String name) {
        String subject = topicPrefix + name + "-value";
        String body = JSON.createObjectNode().put("schemaType", "JSON").put("schema", schema(entry)).toString();
        HttpRequest.Builder request = HttpRequest.newBuilder(registry.resolve("subjects/"
                        + URLEncoder.encode(subject, StandardCharsets.UTF_8) + "/versions"))
                .timeout(TIMEOUT)
                .header("Content-Type", REGISTRY_MEDIA_TYPE)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (!registryUserInfo.isEmpty()) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    registryUserInfo.getBytes(StandardCharsets.UTF_8)));
        }
        HttpResponse<String> answer;
        try {
            answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("subject " + subject + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (answer.statusCode() >= 500) {
            throw new IllegalStateException("subject " + subject + ": HTTP " + answer.statusCode() + " "
                    + registryMessage(answer.body()));
        }
        if (answer.statusCode() / 100 != 2) {
            LOG.warn("The Schema Registry refused the schema of subject {}: HTTP {} {}", subject, answer.statusCode(),
                    registryMessage(answer.body()));
        }
    }

    /** The URL without any {@code user:password@}: what logs and messages may show. */
    public static String withoutUserInfo(URI url) {
        return url.getUserInfo() == null ? url.toString() : url.toString().replace(url.getRawUserInfo() + "@", "");
    }

    private String schema(CatalogEntry entry) {
        return ReportSchema.of(entry, typed).toString();
    }

    /** The registry's own words for a refusal ({@code {"error_code":409,"message":"..."}}), or its body's start. */
    private static String registryMessage(String body) {
        try {
            JsonNode error = JSON.readTree(body);
            if (error != null && error.hasNonNull("message")) {
                return error.get("message").asText();
            }
        } catch (IOException e) {
            // not JSON: a proxy's page, shown as it starts
        }
        return body.length() > 200 ? body.substring(0, 200) + "..." : body;
    }
}
