package io.kvcompliance.sandbox.http;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Resource Manager's read throttling: a token bucket per key (principal and subscription, or the
 * subscription's global bucket) that starts full at {@code burst} and refills continuously.
 * Source: learn.microsoft.com "Understand how Azure Resource Manager throttles requests" (250 / 25 per s).
 */
public final class TokenBucketLimiter {
    /** Outcome of one take: allowed or not, tokens left, and seconds to wait when refused. */
    public record Outcome(boolean allowed, long remaining, long retryAfterSeconds) {
    }

    private final LongSupplier nanoClock;
    private final Map<String, double[]> buckets = new ConcurrentHashMap<>();

    public TokenBucketLimiter(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /** Takes one token from the key's bucket; a refused request takes nothing. */
    public Outcome take(String key, int burst, double refillPerSecond) {
        double[] bucket = buckets.computeIfAbsent(key, k -> new double[] {burst, nanoClock.getAsLong()});
        synchronized (bucket) {
            long now = nanoClock.getAsLong();
            double elapsed = (now - (long) bucket[1]) / 1e9;
            bucket[0] = Math.min(burst, bucket[0] + elapsed * refillPerSecond);
            bucket[1] = now;
            if (bucket[0] >= 1) {
                bucket[0] -= 1;
                return new Outcome(true, (long) Math.floor(bucket[0]), 0);
            }
            long wait = refillPerSecond <= 0 ? 60 : (long) Math.ceil((1 - bucket[0]) / refillPerSecond);
            return new Outcome(false, 0, Math.max(1, wait));
        }
    }

    /** Gives a token back (the global bucket refused after the principal's bucket allowed). */
    public void giveBack(String key, int burst) {
        double[] bucket = buckets.get(key);
        if (bucket != null) {
            synchronized (bucket) {
                bucket[0] = Math.min(burst, bucket[0] + 1);
            }
        }
    }

    public void reset() {
        buckets.clear();
    }
}
