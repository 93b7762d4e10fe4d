package io.github.wolkvoxcamel.sink;

import io.github.wolkvoxcamel.record.WolkvoxHeaders;
import org.apache.camel.component.kafka.serde.DefaultKafkaHeaderSerializer;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * camel-kafka's header serializer, with the bytes of a window's headers kept while their value stays the same: the
 * report, group, window bounds and fetch time are one {@code String} each for every record of a window, which
 * camel-kafka would encode again for each record. Every other header, and any value of another type, is serialized as
 * camel-kafka serializes it.
 */
public final class KafkaHeaderSerializer extends DefaultKafkaHeaderSerializer {

    /** A value and its bytes; immutable, so threads may share it without a lock. */
    private record Encoded(String value, byte[] bytes) {
    }

    // the last value of each window header: the record thread and camel-kafka's workers serialize records at once
    private final AtomicReferenceArray<Encoded> last = new AtomicReferenceArray<>(5);

    @Override
    public byte[] serialize(String key, Object value) {
        int header = value instanceof String ? windowHeader(key) : -1;
        if (header < 0) {
            return super.serialize(key, value);
        }
        Encoded encoded = last.get(header);
        // the same object, not an equal one: a window's records share its header values (and a new window's start
        // and fetch time are new objects), so one comparison tells
        if (encoded == null || encoded.value() != value) {
            encoded = new Encoded((String) value, super.serialize(key, value));
            last.set(header, encoded);
        }
        return encoded.bytes();
    }

    private static int windowHeader(String key) {
        return switch (key) {
            case WolkvoxHeaders.HEADER_REPORT -> 0;
            case WolkvoxHeaders.HEADER_GROUP -> 1;
            case WolkvoxHeaders.HEADER_WINDOW_START -> 2;
            case WolkvoxHeaders.HEADER_WINDOW_END -> 3;
            case WolkvoxHeaders.HEADER_FETCHED_AT -> 4;
            default -> -1;
        };
    }
}
