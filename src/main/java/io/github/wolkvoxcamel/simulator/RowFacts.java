package io.github.wolkvoxcamel.simulator;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

/**
 * What the values of one catalog row (or one element of a nested list) are made from: the event or the span of time
 * it stands for, the fixed entities it belongs to (an agent, a skill...), and deterministic random sources.
 *
 * @param mode whether the row is one event, a total over a span of time, or an entry of a fixed list
 * @param stable what stays the same for the row whatever the window or clock (rates, averages, which agent)
 * @param v the row's other choices (for an aggregate they depend on the window, for a snapshot on the clock)
 * @param jitter depends on the window asked for, or on the clock for snapshots: counts of two windows differ
 * @param at the event's time; for a total the span's start; for a list entry a fixed date
 * @param end for a total the span's end, else {@code at}
 * @param spanSeconds for a total the seconds it covers (buckets merged by hour of day cover several spans)
 * @param bucket the bucket (or sub-bucket) a bucketed row or nested element stands for, else null
 * @param buckets the buckets of a nested bucketed row, one element each, else empty
 * @param entities entity name to index: the dimensions of an aggregate, and what the request fixed (agent_id=...)
 * @param element the element's place in its nested list (0 for a row)
 */
record RowFacts(Mode mode, Values stable, Values v, Values jitter, LocalDateTime at, LocalDateTime end,
                long spanSeconds, LocalDateTime bucket, List<Span> buckets, Map<String, Integer> entities,
                int element) {

    enum Mode {
        /** One event (a call, a chat, a state) at {@code at}. */
        EVENT,
        /** Counts over {@code [at, end]}: an aggregate, a snapshot since midnight, a counter since the month began. */
        TOTAL,
        /** An entry of a fixed list (configuration): the same on every call. */
        LOOKUP
    }

    /**
     * A part of a window that a bucketed row covers.
     *
     * @param start the bucket's aligned start
     * @param from the first second of the window inside it
     * @param to the last second of the window inside it
     */
    record Span(LocalDateTime start, LocalDateTime from, LocalDateTime to) {

        long seconds() {
            return Duration.between(from, to).toSeconds() + 1;
        }
    }

    RowFacts {
        entities = Map.copyOf(entities);
        buckets = List.copyOf(buckets);
    }

    static RowFacts event(Values values, LocalDateTime at, Map<String, Integer> entities) {
        return new RowFacts(Mode.EVENT, values, values, values, at, at, 0, null, List.of(), entities, 0);
    }

    static RowFacts total(Values stable, Values v, Values jitter, LocalDateTime from, LocalDateTime to, long seconds,
                          LocalDateTime bucket, List<Span> buckets, Map<String, Integer> entities) {
        return new RowFacts(Mode.TOTAL, stable, v, jitter, from, to, seconds, bucket, buckets, entities, 0);
    }

    static RowFacts lookup(Values values, LocalDateTime at, Map<String, Integer> entities) {
        return new RowFacts(Mode.LOOKUP, values, values, values, at, at, 0, null, List.of(), entities, 0);
    }

    /** The index of {@code entity} among {@code pool} of them: the fixed one, else a pick of the row's own. */
    int index(String entity, int pool) {
        Integer fixed = entities.get(entity);
        int base = fixed != null ? fixed : v.pick(entity.hashCode(), pool);
        return Math.floorMod(base + element, pool);
    }

    boolean fixes(String entity) {
        return entities.containsKey(entity);
    }

    /** A salt for {@code field} that differs between the elements of a nested list. */
    int salt(int field) {
        return field + 7919 * element;
    }

    /** Element {@code index} of a nested list: other values, other entities picked (the row's fixed ones kept). */
    RowFacts element(int index) {
        return new RowFacts(mode, stable, v, jitter, at, end, spanSeconds, bucket, buckets, entities, element * 31 + index + 1);
    }

    /** The element of a nested bucketed list that stands for {@code span}, its rates from {@code bucketStable}. */
    RowFacts bucketElement(int index, Span span, Values bucketStable) {
        return new RowFacts(mode, bucketStable, v, jitter, span.from(), span.to(), span.seconds(), span.start(), List.of(),
                entities, element * 31 + index + 1);
    }
}
