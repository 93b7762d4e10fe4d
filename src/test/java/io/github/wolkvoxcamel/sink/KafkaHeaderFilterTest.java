package io.github.wolkvoxcamel.sink;

import org.apache.camel.component.kafka.KafkaHeaderFilterStrategy;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class KafkaHeaderFilterTest {

    /** Every header filtered, or not, as camel-kafka's own filter does it. */
    @Test
    void filtersAsCamelKafkaDoes() {
        KafkaHeaderFilterStrategy camelKafka = new KafkaHeaderFilterStrategy();
        KafkaHeaderFilter ours = new KafkaHeaderFilter();
        for (String name : List.of("WolkvoxReport", "WolkvoxFingerprint", "wolkvoxreport", "kafka.KEY", "kafka.OVERRIDE_TOPIC",
                "CamelFileName", "camelSomething", "org.apache.camel.x", "tenant", "Wolkvox")) {
            for (Object value : Arrays.asList("v", null)) {
                assertEquals(camelKafka.applyFilterToCamelHeaders(name, value, null), ours.applyFilterToCamelHeaders(name, value, null),
                        name + "=" + value);
            }
        }
    }
}
