package io.github.wolkvoxcamel.wolkvox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Wolkvox tokens by alias. Routes name a token by its alias ({@code default}); only this class holds the secret,
 * and it never prints it.
 */
public final class WolkvoxTokens {

    public static final String DEFAULT_ALIAS = "default";

    private final Map<String, String> tokens;

    public WolkvoxTokens(Map<String, String> tokens) {
        this.tokens = Map.copyOf(tokens);
    }

    /** @throws IllegalArgumentException naming the alias (never a token) when it is not configured */
    public String token(String alias) {
        String token = tokens.get(alias);
        if (token == null) {
            throw new IllegalArgumentException("no Wolkvox token is configured for alias '" + alias
                    + "' (set WOLKVOX_TOKEN or WOLKVOX_TOKEN_FILE)");
        }
        return token;
    }

    public Set<String> aliases() {
        return tokens.keySet();
    }

    /**
     * The alias that stands for the token behind {@code alias}: the first, in name order, of the aliases holding the
     * same token. Call slots, the daily budget and pauses belong to the token, not to a name for it.
     */
    public String canonical(String alias) {
        String token = token(alias);
        return tokens.entrySet().stream().filter(entry -> entry.getValue().equals(token)).map(Map.Entry::getKey)
                .sorted().findFirst().orElse(alias);
    }

    /**
     * Reads the tokens from the environment: {@code WOLKVOX_TOKEN} (or the file named by {@code WOLKVOX_TOKEN_FILE})
     * is alias {@code default}; {@code WOLKVOX_TOKEN_<ALIAS>} and {@code WOLKVOX_TOKEN_FILE_<ALIAS>} add more, the alias
     * being the lower-cased rest of the name ({@code WOLKVOX_TOKEN_SALES} is {@code sales}).
     */
    public static Map<String, String> fromEnvironment(Map<String, String> env, String defaultToken, String defaultTokenFile) {
        Map<String, String> tokens = new TreeMap<>();
        String fallback = defaultToken.isEmpty() && !defaultTokenFile.isEmpty() ? readFile("WOLKVOX_TOKEN_FILE", defaultTokenFile) : defaultToken;
        if (!fallback.isEmpty()) {
            tokens.put(DEFAULT_ALIAS, fallback);
        }
        env.forEach((name, value) -> {
            if (name.startsWith("WOLKVOX_TOKEN_FILE_") && !value.isBlank()) {
                tokens.putIfAbsent(name.substring("WOLKVOX_TOKEN_FILE_".length()).toLowerCase(Locale.ROOT), readFile(name, value));
            } else if (name.startsWith("WOLKVOX_TOKEN_") && !name.startsWith("WOLKVOX_TOKEN_FILE") && !value.isBlank()) {
                tokens.put(name.substring("WOLKVOX_TOKEN_".length()).toLowerCase(Locale.ROOT), value.trim());
            }
        });
        return tokens;
    }

    private static String readFile(String setting, String file) {
        try {
            return Files.readString(Path.of(file), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + setting + " " + file, e);
        }
    }

    @Override
    public String toString() {
        return "WolkvoxTokens" + tokens.keySet();
    }
}
