package io.bayesfuse.kernels.fusion.state;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * An order-independent 64-bit digest of a set of (source, version) pairs: the sum, modulo 2⁶⁴, of
 * a hash of each pair. Adding or removing one pair updates it in O(1), so a quantity with any
 * number of sources can say which source versions a fused result includes without listing them:
 * two results (two chunks of one model, say) with equal digests were fused from the same source
 * versions, up to a collision chance of about 2⁻⁶⁴ per comparison.
 *
 * <p>The hash is FNV-1a over the source id's UTF-8 bytes mixed with the version by SplitMix64's
 * finaliser: fixed here, so digests agree between instances, runs and releases.
 */
public final class SourceSetDigest {

    private SourceSetDigest() {
    }

    /** The hash of one (source, version) pair. */
    public static long of(String sourceId, long version) {
        long h = 0xcbf29ce484222325L;
        for (byte b : sourceId.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xFF;
            h *= 0x100000001b3L;
        }
        return mix(h ^ mix(version + 0x9E3779B97F4A7C15L));
    }

    /** The digest of {@code digest}'s set with the pair added. */
    public static long add(long digest, String sourceId, long version) {
        return digest + of(sourceId, version);
    }

    /** The digest of {@code digest}'s set with the pair removed. */
    public static long remove(long digest, String sourceId, long version) {
        return digest - of(sourceId, version);
    }

    private static final HexFormat HEX = HexFormat.of();

    /** The digest as 16 lower-case hexadecimal digits, as published. */
    public static String hex(long digest) {
        return HEX.toHexDigits(digest);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
