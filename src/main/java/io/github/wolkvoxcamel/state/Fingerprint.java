package io.github.wolkvoxcamel.state;

import java.nio.charset.StandardCharsets;

/**
 * What identifies a delivered record for de-duplication: 128 bits of MurmurHash3 (x64, 128-bit variant) over its
 * report route, key and content, so that a record is skipped only when the same key with the same content was
 * delivered before, and {@link #keyHash} alone, to tell a new version of a key from a first delivery.
 *
 * @param keyHash 64 bits of the route and key
 * @param hour the hour of the record's date, where {@link DeliveredRecords} keeps it ({@link DeliveredRecords#hourOf})
 */
public record Fingerprint(long high, long low, long keyHash, long hour) {

    private static final long C1 = 0x87c37b91114253d5L;
    private static final long C2 = 0x4cf5ad432745937fL;

    /** @param json the record's content as delivered (compact JSON, in Wolkvox's field order) */
    public static Fingerprint of(String scope, String key, byte[] json, long hour) {
        long[] keyHash = identity(scope, key);
        long[] content = murmur3(json, 0, json.length, keyHash[0] ^ keyHash[1]);
        return new Fingerprint(content[0], content[1], keyHash[0], hour);
    }

    /** The {@link #keyHash} of every version of the record of route {@code scope} with key {@code key}. */
    public static long keyHash(String scope, String key) {
        return identity(scope, key)[0];
    }

    /**
     * What stands for the key of a record that has none (not valid JSON, or its key field missing): its content, so
     * that the record is known again wherever it is read.
     */
    public static String contentKey(byte[] json) {
        long[] content = murmur3(json, 0, json.length, 0);
        return "content:" + Long.toHexString(content[0]) + Long.toHexString(content[1]);
    }

    private static long[] identity(String scope, String key) {
        byte[] identity = (scope + '\u0000' + key).getBytes(StandardCharsets.UTF_8);
        return murmur3(identity, 0, identity.length, 0x9747b28cL);
    }

    /**
     * The content hash in hex: the message id Camel's idempotent consumer asks for once a record (the repository
     * itself reads the fingerprint from the record's header).
     */
    @Override
    public String toString() {
        return Long.toHexString(high) + '-' + Long.toHexString(low);
    }

    @SuppressWarnings("fallthrough") // the tail bytes of the block, as the reference implementation reads them
    static long[] murmur3(byte[] data, int offset, int length, long seed) {
        long h1 = seed;
        long h2 = seed;
        int blocks = length / 16;
        for (int i = 0; i < blocks; i++) {
            int at = offset + i * 16;
            long k1 = littleEndian(data, at);
            long k2 = littleEndian(data, at + 8);
            k1 *= C1;
            k1 = Long.rotateLeft(k1, 31);
            k1 *= C2;
            h1 ^= k1;
            h1 = Long.rotateLeft(h1, 27);
            h1 += h2;
            h1 = h1 * 5 + 0x52dce729;
            k2 *= C2;
            k2 = Long.rotateLeft(k2, 33);
            k2 *= C1;
            h2 ^= k2;
            h2 = Long.rotateLeft(h2, 31);
            h2 += h1;
            h2 = h2 * 5 + 0x38495ab5;
        }
        long k1 = 0;
        long k2 = 0;
        int tail = offset + blocks * 16;
        switch (length & 15) {
            case 15: k2 ^= (long) (data[tail + 14] & 0xff) << 48;
            case 14: k2 ^= (long) (data[tail + 13] & 0xff) << 40;
            case 13: k2 ^= (long) (data[tail + 12] & 0xff) << 32;
            case 12: k2 ^= (long) (data[tail + 11] & 0xff) << 24;
            case 11: k2 ^= (long) (data[tail + 10] & 0xff) << 16;
            case 10: k2 ^= (long) (data[tail + 9] & 0xff) << 8;
            case 9:
                k2 ^= data[tail + 8] & 0xff;
                k2 *= C2;
                k2 = Long.rotateLeft(k2, 33);
                k2 *= C1;
                h2 ^= k2;
            case 8: k1 ^= (long) (data[tail + 7] & 0xff) << 56;
            case 7: k1 ^= (long) (data[tail + 6] & 0xff) << 48;
            case 6: k1 ^= (long) (data[tail + 5] & 0xff) << 40;
            case 5: k1 ^= (long) (data[tail + 4] & 0xff) << 32;
            case 4: k1 ^= (long) (data[tail + 3] & 0xff) << 24;
            case 3: k1 ^= (long) (data[tail + 2] & 0xff) << 16;
            case 2: k1 ^= (long) (data[tail + 1] & 0xff) << 8;
            case 1:
                k1 ^= data[tail] & 0xff;
                k1 *= C1;
                k1 = Long.rotateLeft(k1, 31);
                k1 *= C2;
                h1 ^= k1;
            default:
                break;
        }
        h1 ^= length;
        h2 ^= length;
        h1 += h2;
        h2 += h1;
        h1 = fmix(h1);
        h2 = fmix(h2);
        h1 += h2;
        h2 += h1;
        return new long[] {h1, h2};
    }

    private static long littleEndian(byte[] data, int at) {
        return (data[at] & 0xffL) | (data[at + 1] & 0xffL) << 8 | (data[at + 2] & 0xffL) << 16 | (data[at + 3] & 0xffL) << 24
                | (data[at + 4] & 0xffL) << 32 | (data[at + 5] & 0xffL) << 40 | (data[at + 6] & 0xffL) << 48
                | (data[at + 7] & 0xffL) << 56;
    }

    private static long fmix(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }
}
