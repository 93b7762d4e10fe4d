package io.github.wolkvoxcamel.record;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.Map;
import java.util.Set;

/**
 * One Wolkvox record: its fields, read-only and in the order Wolkvox sent them (so YAML rules can say
 * {@code ${body[result]}}), and its JSON text, made once while parsing so that no sink serialises it again.
 * {@link #toString()} is the JSON, which is what Camel hands to a String-typed sink such as Kafka.
 */
public final class WolkvoxRecord extends AbstractMap<String, Object> {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Object> fields;
    private final byte[] json;
    private final String unreadable;

    /**
     * A record read from an answer, with its JSON as it was read: {@code json} must be {@code fields} as compact UTF-8
     * JSON, which the reader writes while parsing so that no sink serialises the record again.
     */
    public WolkvoxRecord(Map<String, Object> fields, byte[] json) {
        this(fields, json, null);
    }

    private WolkvoxRecord(Map<String, Object> fields, byte[] json, String unreadable) {
        this.fields = Collections.unmodifiableMap(fields);
        this.json = json;
        this.unreadable = unreadable;
    }

    /**
     * A record made of {@code fields} (strings, numbers, booleans, lists and maps), its JSON written once here: a
     * record the typed mode converted.
     */
    public static WolkvoxRecord of(Map<String, Object> fields) {
        try {
            return new WolkvoxRecord(fields, JSON.writeValueAsBytes(fields));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the record cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** A record of a whole answer that is no valid JSON object by itself (a byte that is not UTF-8...): its raw bytes. */
    public static WolkvoxRecord unreadable(byte[] raw, String reason) {
        return new WolkvoxRecord(Map.of(), raw, reason);
    }

    /** Why the record could not be read, or null for a record read whole. */
    public String unreadable() {
        return unreadable;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return fields.entrySet();
    }

    @Override
    public Object get(Object key) {
        return fields.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return fields.containsKey(key);
    }

    /** The record as compact JSON, UTF-8 (for an {@link #unreadable} record: its raw bytes). Shared: do not modify. */
    public byte[] json() {
        return json;
    }

    @Override
    public String toString() {
        return new String(json, StandardCharsets.UTF_8);
    }
}
