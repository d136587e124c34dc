package io.kvcompliance.delivery;

import java.time.Duration;

/**
 * How a destination is retried before its items are spooled: {@code attempts} in all, waiting
 * {@code initialDelay} then twice as long each time, up to {@code maxDelay}.
 */
public record DeliveryRetry(int attempts, Duration initialDelay, Duration maxDelay) {
    public DeliveryRetry {
        if (attempts < 1) {
            throw new IllegalArgumentException("delivery retry attempts must be at least 1, not " + attempts);
        }
    }

    public DeliveryRetry withMaxDelay(Duration max) {
        return new DeliveryRetry(attempts, initialDelay, max);
    }

    /** The wait before attempt {@code attempt + 1}, after {@code attempt} failures (1-based). */
    public Duration delayAfter(int attempt) {
        long millis = initialDelay.toMillis() << Math.min(attempt - 1, 20);
        return Duration.ofMillis(Math.min(millis, maxDelay.toMillis()));
    }
}
