package io.kvcompliance.azure;

import java.time.Duration;
import java.util.function.Function;

/**
 * The knobs of {@link RetryPolicy}, with the kv.retry.* keys that set them.
 *
 * @param baseDelay          first backoff step (1 s; the Key Vault ladder is 1, 2, 4, 8, 16 steps)
 * @param maxDelay           cap of an exponential backoff step before jitter
 * @param maxRetryAfter      cap of a server's Retry-After
 * @param maxThrottledRetries retries after 429
 * @param maxTransientRetries retries after 408/500/502/503/504 and I/O failures
 * @param jitter             +/- share applied to computed backoffs (never to a Retry-After)
 */
public record RetrySettings(Duration baseDelay, Duration maxDelay, Duration maxRetryAfter, int maxThrottledRetries,
                            int maxTransientRetries, double jitter) {
    public static final String BASE_DELAY_MS = "kv.retry.base-delay-ms";
    public static final String MAX_DELAY_SECONDS = "kv.retry.max-delay-seconds";
    public static final String MAX_RETRY_AFTER_SECONDS = "kv.retry.max-retry-after-seconds";
    public static final String MAX_THROTTLED_RETRIES = "kv.retry.max-throttled-retries";
    public static final String MAX_TRANSIENT_RETRIES = "kv.retry.max-transient-retries";
    public static final String JITTER = "kv.retry.jitter";

    public RetrySettings {
        if (baseDelay.isNegative() || maxDelay.isNegative() || maxRetryAfter.isNegative()) {
            throw new IllegalArgumentException("Retry delays must not be negative");
        }
        if (maxThrottledRetries < 0 || maxTransientRetries < 0) {
            throw new IllegalArgumentException("Retry counts must not be negative");
        }
        if (!(jitter >= 0 && jitter < 1)) {
            throw new IllegalArgumentException("Jitter must be in [0, 1), was " + jitter);
        }
    }

    public static RetrySettings defaults() {
        return new RetrySettings(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(60), 5, 3, 0.2);
    }

    /** Reads the kv.retry.* keys; an absent key keeps its default, a bad one fails naming the key. */
    public static RetrySettings fromProperties(Function<String, String> property) {
        RetrySettings d = defaults();
        return new RetrySettings(
                Duration.ofMillis(number(property, BASE_DELAY_MS, d.baseDelay.toMillis())),
                Duration.ofSeconds(number(property, MAX_DELAY_SECONDS, d.maxDelay.toSeconds())),
                Duration.ofSeconds(number(property, MAX_RETRY_AFTER_SECONDS, d.maxRetryAfter.toSeconds())),
                (int) number(property, MAX_THROTTLED_RETRIES, d.maxThrottledRetries),
                (int) number(property, MAX_TRANSIENT_RETRIES, d.maxTransientRetries),
                fraction(property, JITTER, d.jitter));
    }

    private static long number(Function<String, String> property, String key, long fallback) {
        String v = property.apply(key);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            long n = Long.parseLong(v.trim());
            if (n < 0 || n > Integer.MAX_VALUE) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + "=" + v + " is not a whole number >= 0: set it like " + key
                    + "=" + fallback + " (the default), or remove it", e);
        }
    }

    private static double fraction(Function<String, String> property, String key, double fallback) {
        String v = property.apply(key);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            double n = Double.parseDouble(v.trim());
            if (!(n >= 0 && n < 1)) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + "=" + v + " is not a fraction in [0, 1): set it like " + key
                    + "=" + fallback + " (the default, +/-20%), or remove it", e);
        }
    }
}
