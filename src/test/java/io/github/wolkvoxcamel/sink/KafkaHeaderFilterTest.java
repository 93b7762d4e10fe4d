package io.github.wolkvoxcamel.sink;

import io.github.wolkvoxcamel.state.Fingerprint;
import org.apache.camel.component.kafka.KafkaHeaderFilterStrategy;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KafkaHeaderFilterTest {

    /** Every header filtered, or not, as camel-kafka's own filter does it. */
    @Test
    void filtersAsCamelKafkaDoes() {
        KafkaHeaderFilterStrategy camelKafka = new KafkaHeaderFilterStrategy();
        KafkaHeaderFilter ours = new KafkaHeaderFilter();
        for (String name : List.of("WolkvoxReport", "WolkvoxFingerprint", "wolkvoxreport", "kafka.KEY", "kafka.OVERRIDE_TOPIC",
                "CamelFileName", "camelSomething", "org.apache.camel.x", "tenant", "Wolkvox")) {
            for (Object value : Arrays.asList("v", 7L, null)) {
                assertEquals(camelKafka.applyFilterToCamelHeaders(name, value, null), ours.applyFilterToCamelHeaders(name, value, null),
                        name + "=" + value);
            }
        }
    }

    /** A record's fingerprint is the idempotent consumer's, not a Kafka header: camel-kafka could not write it either. */
    @Test
    void filtersTheFingerprint() {
        assertTrue(new KafkaHeaderFilter().applyFilterToCamelHeaders("WolkvoxFingerprint",
                Fingerprint.of("wolkvox-diagram_1", "c1", "{}".getBytes(StandardCharsets.UTF_8), 0), null));
    }
}
