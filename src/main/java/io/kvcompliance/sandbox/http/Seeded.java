package io.kvcompliance.sandbox.http;

import java.nio.charset.StandardCharsets;

/**
 * Deterministic pseudo-random numbers from a seed and a key, so that a fault or a page variant
 * depends on which request it is, not on the order concurrent requests happen to arrive in.
 */
public final class Seeded {
    private Seeded() {
    }

    /** A 64-bit hash of the seed and the parts (FNV-1a folded through a SplitMix64 finaliser). */
    public static long hash(long seed, Object... parts) {
        long h = 0xcbf29ce484222325L ^ seed;
        for (Object part : parts) {
            for (byte b : String.valueOf(part).getBytes(StandardCharsets.UTF_8)) {
                h ^= b;
                h *= 0x100000001b3L;
            }
            h ^= 0x1f;
            h *= 0x100000001b3L;
        }
        return mix(h);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** A uniform double in [0, 1) for the seed and parts. */
    public static double uniform(long seed, Object... parts) {
        return (hash(seed, parts) >>> 11) * 0x1.0p-53;
    }

    /** 32 lower-case hex characters, the shape of a Key Vault object version. */
    public static String hex32(long seed, Object... parts) {
        return String.format("%016x%016x", hash(seed, parts), hash(seed ^ 0x5bd1e995L, parts));
    }
}
