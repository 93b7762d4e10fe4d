package io.github.wolkvoxcamel.wolkvox;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.stream.Collectors;

/** The read apis Wolkvox has, as {@code group/api} (from the API documentation), to catch a typo before it polls. */
public final class WolkvoxApis {

    private static final Set<String> KNOWN = load();

    private WolkvoxApis() {
    }

    /** The address of a Wolkvox server's API: {@code 0004} is {@code https://wv0004.wolkvox.com}. */
    public static String serverUrl(String server) {
        return "https://wv" + server + ".wolkvox.com";
    }

    /** The {@code .php} files the read apis live in. */
    public static Set<String> groups() {
        return KNOWN.stream().map(api -> api.substring(0, api.indexOf('/'))).collect(Collectors.toUnmodifiableSet());
    }

    public static boolean known(String group, String api) {
        return KNOWN.contains(group + "/" + api);
    }

    /** Why Wolkvox would not answer a request for {@code group/api}, or null when the api is one of the group's. */
    public static String unknown(String group, String api) {
        return known(group, api) ? null : "asks for api '" + api + "' in group '" + group
                + "', which Wolkvox does not have: check api and group against the Wolkvox API documentation";
    }

    private static Set<String> load() {
        try (InputStream list = WolkvoxApis.class.getResourceAsStream("/wolkvox-read-apis.txt")) {
            return new String(list.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.startsWith("#") && line.contains("/")).collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the list of Wolkvox apis", e);
        }
    }
}
