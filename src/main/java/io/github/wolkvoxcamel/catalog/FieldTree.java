package io.github.wolkvoxcamel.catalog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The structure of a catalog entry's records (what the simulator answers and a report's schema describes), from its fields' answer names: {@code x[]} a list of objects whose
 * fields are named {@code x[].y}, {@code x{}} an object whose fields are named {@code x.y}, an {@code Array} typed
 * field without fields of its own a list of strings, anything else a string.
 */
public final class FieldTree {

    public enum Kind { LEAF, STRINGS, LIST, OBJECT }

    /**
     * One field of a record.
     *
     * @param path the catalog's answer name, e.g. {@code active_chats[].conversation[].date}
     * @param key the JSON key inside its parent, e.g. {@code date}, {@code conversation}
     */
    public record Node(String path, String key, Kind kind, String type, ValueKind value, List<Node> children) {

        public boolean nested() {
            return kind != Kind.LEAF;
        }

        /** Whether this node or one below it is a leaf with one of {@code keys}. */
        public boolean holds(Set<String> keys) {
            if (kind == Kind.LEAF || kind == Kind.STRINGS) {
                return keys.contains(key);
            }
            return children.stream().anyMatch(child -> child.holds(keys));
        }
    }

    private FieldTree() {
    }

    /** The top-level fields of a record, in the catalog's order, each with its nested fields. */
    public static List<Node> parse(List<CatalogField> fields) {
        // the prefix a container's fields start with (x[] for a list, x for an object), to its answer name
        Map<String, String> containerOf = new HashMap<>();
        for (CatalogField field : fields) {
            String name = field.answerName();
            if (name.endsWith("[]")) {
                containerOf.put(name, name);
            } else if (name.endsWith("{}")) {
                containerOf.put(name.substring(0, name.length() - 2), name);
            }
        }
        Map<String, List<CatalogField>> childrenOf = new LinkedHashMap<>();
        List<CatalogField> top = new ArrayList<>();
        Map<String, String> keyOf = new HashMap<>();
        for (CatalogField field : fields) {
            String name = field.answerName();
            String parentPrefix = null;
            for (String prefix : containerOf.keySet()) {
                if (name.startsWith(prefix + ".") && (parentPrefix == null || prefix.length() > parentPrefix.length())) {
                    parentPrefix = prefix;
                }
            }
            String key = parentPrefix == null ? name : name.substring(parentPrefix.length() + 1);
            keyOf.put(name, key.endsWith("[]") || key.endsWith("{}") ? key.substring(0, key.length() - 2) : key);
            if (parentPrefix == null) {
                top.add(field);
            } else {
                childrenOf.computeIfAbsent(containerOf.get(parentPrefix), p -> new ArrayList<>()).add(field);
            }
        }
        return nodes(top, childrenOf, keyOf);
    }

    private static List<Node> nodes(List<CatalogField> fields, Map<String, List<CatalogField>> childrenOf,
                                    Map<String, String> keyOf) {
        List<Node> nodes = new ArrayList<>();
        for (CatalogField field : fields) {
            String name = field.answerName();
            List<Node> children = nodes(childrenOf.getOrDefault(name, List.of()), childrenOf, keyOf);
            Kind kind;
            if (name.endsWith("{}")) {
                kind = Kind.OBJECT;
            } else if (name.endsWith("[]") && !children.isEmpty()) {
                kind = Kind.LIST;
            } else if (name.endsWith("[]") || field.type() != null && field.type().startsWith("Array")) {
                kind = Kind.STRINGS;
            } else {
                kind = Kind.LEAF;
            }
            nodes.add(new Node(name, keyOf.get(name), kind, field.type(), field.value(),
                    List.copyOf(children)));
        }
        return List.copyOf(nodes);
    }
}
