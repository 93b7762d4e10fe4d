package io.github.wolkvoxcamel;

import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.fail;

/** Compares delivered records with the simulator's, as a user checking a sink would: every key once, nothing else. */
public final class RecordAssertions {

    private RecordAssertions() {
    }

    /** {@code delivered} holds each of {@code expected} exactly once and nothing more; order is free. */
    public static void assertExactlyOnce(String what, Collection<?> expected, Collection<?> delivered) {
        Map<Object, Long> counts = delivered.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        List<Object> duplicated = counts.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
        Set<Object> missing = new LinkedHashSet<>(expected);
        missing.removeAll(counts.keySet());
        Set<Object> unexpected = new LinkedHashSet<>(counts.keySet());
        unexpected.removeAll(new HashSet<>(expected));
        if (!duplicated.isEmpty() || !missing.isEmpty() || !unexpected.isEmpty() || expected.size() != new LinkedHashSet<>(expected).size()) {
            fail(what + ": expected " + expected.size() + " records, delivered " + delivered.size()
                    + "; missing " + missing.size() + " " + first(missing)
                    + "; unexpected " + unexpected.size() + " " + first(unexpected)
                    + "; duplicated " + duplicated.size() + " " + first(duplicated));
        }
    }

    private static List<Object> first(Collection<?> items) {
        return items.stream().limit(5).map(item -> (Object) item).toList();
    }
}
