package io.github.wolkvoxcamel.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Every Wolkvox read api, from the resource {@value #RESOURCE}: what a request needs, what the answer looks like and
 * how its records are keyed, so that a route, the simulator or a schema can start from the api's name alone.
 */
public final class WolkvoxCatalog {

    /** The classpath resource the shipped catalog is read from. */
    public static final String RESOURCE = "wolkvox-catalog.yaml";

    private static WolkvoxCatalog shipped;

    private final List<CatalogEntry> entries;
    private final Map<String, CatalogEntry> byName = new LinkedHashMap<>();

    private WolkvoxCatalog(String resource, List<CatalogEntry> entries) {
        this.entries = List.copyOf(entries);
        for (CatalogEntry entry : entries) {
            if (byName.put(entry.group() + "/" + entry.api(), entry) != null) {
                throw new IllegalArgumentException("resource " + resource + ", entry " + entry.group() + "/"
                        + entry.api() + ": listed twice");
            }
        }
    }

    /**
     * The catalog shipped with the application, read once, on first use.
     *
     * @throws IllegalArgumentException naming the resource and the entry when the resource is malformed
     */
    public static synchronized WolkvoxCatalog shipped() {
        if (shipped == null) {
            try (InputStream yaml = WolkvoxCatalog.class.getResourceAsStream("/" + RESOURCE)) {
                if (yaml == null) {
                    throw new IllegalArgumentException("resource " + RESOURCE + " is not on the classpath");
                }
                shipped = read(RESOURCE, yaml);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read resource " + RESOURCE, e);
            }
        }
        return shipped;
    }

    /** A catalog from YAML in the resource's format; {@code resource} names it in error messages. */
    static WolkvoxCatalog read(String resource, InputStream yaml) {
        return new WolkvoxCatalog(resource, new CatalogReader(resource).read(yaml));
    }

    /** All entries, in the order of Wolkvox's collection: by {@code .php} file, then by api. */
    public List<CatalogEntry> entries() {
        return entries;
    }

    public Optional<CatalogEntry> entry(String group, String api) {
        return Optional.ofNullable(byName.get(group + "/" + api));
    }

    /**
     * The entry of an api named without its group.
     *
     * @throws IllegalArgumentException when several groups have an api of that name (agents, skills, campaigns,
     *         interactions): then only {@link #entry(String, String)} can tell which
     */
    public Optional<CatalogEntry> entry(String api) {
        List<CatalogEntry> named = named(api);
        if (named.size() > 1) {
            throw new IllegalArgumentException("api " + api + " is in groups " + named.stream().map(CatalogEntry::group)
                    .collect(Collectors.joining(", ")) + ": name the group too");
        }
        return named.stream().findFirst();
    }

    /** The entries of every group that has an api of this name. */
    public List<CatalogEntry> named(String api) {
        return entries.stream().filter(entry -> entry.api().equals(api)).toList();
    }
}
