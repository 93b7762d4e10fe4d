package io.github.wolkvoxcamel.record;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What names a record in a log line instead of its key, which holds callers' phone numbers ({@code diagram_3}:
 * {@code skill_id|date|ani}): 12 hex digits of an HMAC of the key under a secret this process draws at start. The same
 * key gives the same reference in every log line and dead letter ({@code recordRef}) of a run, so they can be matched,
 * while a phone number cannot be found again from it by trying them all, as it could from a plain hash.
 */
public final class RecordRef {

    private static final SecretKeySpec SECRET;

    static {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        SECRET = new SecretKeySpec(secret, "HmacSHA256");
    }

    private RecordRef() {
    }

    /** The reference of {@code key} (null or empty: {@code -}). */
    public static String of(String key) {
        if (key == null || key.isEmpty()) {
            return "-";
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(SECRET);
            return HexFormat.of().formatHex(mac.doFinal(key.getBytes(StandardCharsets.UTF_8)), 0, 6);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform has HmacSHA256", e);
        }
    }
}
