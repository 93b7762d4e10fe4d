package io.github.wolkvoxcamel.sink;

import org.apache.camel.component.kafka.serde.DefaultKafkaHeaderSerializer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

class KafkaHeaderSerializerTest {

    /** Every header's bytes are camel-kafka's own, whatever its name and value. */
    @Test
    void serializesAsCamelKafkaDoes() {
        DefaultKafkaHeaderSerializer camelKafka = new DefaultKafkaHeaderSerializer();
        KafkaHeaderSerializer ours = new KafkaHeaderSerializer();
        for (String name : List.of("WolkvoxReport", "WolkvoxGroup", "WolkvoxWindowStart", "WolkvoxWindowEnd", "WolkvoxFetchedAt",
                "WolkvoxRecordKey", "WolkvoxRecordDate", "tenant")) {
            for (Object value : List.of("diagram_1", "2026-12-07T10:00-05:00", "Bogotá", 7L, 3, 2.5, true)) {
                assertArrayEquals(camelKafka.serialize(name, value), ours.serialize(name, value), name + "=" + value);
                // twice: the kept bytes are the same bytes
                assertArrayEquals(camelKafka.serialize(name, value), ours.serialize(name, value), name + "=" + value);
            }
        }
    }

    /** A window's header value, the same object on each of its records, is encoded once; a new window's value anew. */
    @Test
    void encodesAWindowsHeaderOnce() {
        KafkaHeaderSerializer ours = new KafkaHeaderSerializer();
        String start = "2026-12-07T10:00-05:00";
        byte[] first = ours.serialize("WolkvoxWindowStart", start);
        assertSame(first, ours.serialize("WolkvoxWindowStart", start));
        String nextStart = "2026-12-07T10:49-05:00";
        assertArrayEquals(nextStart.getBytes(), ours.serialize("WolkvoxWindowStart", nextStart));
        // an equal value that is another object (a reloaded route's, a user's own header) is encoded again
        String equal = new String(nextStart.toCharArray());
        assertNotSame(ours.serialize("WolkvoxWindowStart", nextStart), ours.serialize("WolkvoxWindowStart", equal));
        // a record's own header is never kept
        String key = "c1|7|2026-12-07 10:00:00";
        assertNotSame(ours.serialize("WolkvoxRecordKey", key), ours.serialize("WolkvoxRecordKey", key));
    }
}
