package io.github.wolkvoxcamel.wolkvox;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WolkvoxTokensTest {

    @TempDir
    Path dir;

    @Test
    void tokensComeFromVariablesAndFilesByAlias() throws Exception {
        Path salesFile = Files.writeString(dir.resolve("sales"), "sales-secret\n");
        Map<String, String> tokens = WolkvoxTokens.fromEnvironment(Map.of(
                "WOLKVOX_TOKEN_BACKUP", "backup-secret",
                "WOLKVOX_TOKEN_FILE_SALES", salesFile.toString(),
                "WOLKVOX_TOKEN_FILE", "ignored here",
                "PATH", "/usr/bin"), "main-secret", "");
        assertEquals(Map.of("default", "main-secret", "backup", "backup-secret", "sales", "sales-secret"), tokens);
        Path defaultFile = Files.writeString(dir.resolve("default"), "from-file");
        assertEquals(Map.of("default", "from-file"), WolkvoxTokens.fromEnvironment(Map.of(), "", defaultFile.toString()));
    }

    @Test
    void aliasesOfOneTokenShareItsSlotsAndNoAliasShowsTheToken() {
        WolkvoxTokens tokens = new WolkvoxTokens(Map.of("default", "same", "sales", "same", "backup", "other"));
        assertEquals("default", tokens.canonical("sales"));
        assertEquals("backup", tokens.canonical("backup"));
        assertFalse(tokens.toString().contains("same"));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> tokens.token("typo"));
        assertTrue(unknown.getMessage().contains("alias 'typo'"));
    }
}
