package io.github.wolkvoxcamel.wolkvox;

import java.util.Map;
import java.util.Set;

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

    @Override
    public String toString() {
        return "WolkvoxTokens" + tokens.keySet();
    }
}
