package io.kvcompliance.delivery;

import io.kvcompliance.azure.RetryAfter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One item's way to a destination under its {@link DeliveryRetry}: delivered, refused for good, or failed
 * after every attempt (the channel then spools it). Waits the backoff, or a receiver's longer
 * Retry-After; stops waiting when the process is stopping.
 */
final class DeliveryAttempts {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryAttempts.class);
    private final String name;
    private final Sink sink;
    private final DeliveryRetry retry;
    private final Path spoolDirectory;
    private volatile boolean stopping;
    /** Why the last attempt failed or was refused (for the log and the rejected item's .reason file). */
    private String lastReason;

    DeliveryAttempts(String name, Sink sink, DeliveryRetry retry, Path spoolDirectory) {
        this.name = name;
        this.sink = sink;
        this.retry = retry;
        this.spoolDirectory = spoolDirectory;
    }

    void stopRetrying() {
        stopping = true;
    }

    String lastReason() {
        return lastReason;
    }

    enum Outcome { DELIVERED, REJECTED, FAILED }

    Outcome attempt(DeliveryItem item) {
        for (int attempt = 1; ; attempt++) {
            try {
                sink.deliver(item);
                return Outcome.DELIVERED;
            } catch (InterruptedException e) {
                // shutting down: the batch goes to the spool, not lost
                Thread.currentThread().interrupt();
                lastReason = "interrupted: the collector is stopping";
                return Outcome.FAILED;
            } catch (RejectedDeliveryException e) {
                lastReason = e.getMessage();
                LOG.warn("{} refused {} records of sync {}: {}; kept in {}", name, item.size(), item.syncId(),
                        e.getMessage(), spoolDirectory.resolve("rejected"));
                return Outcome.REJECTED;
            } catch (Exception e) {
                lastReason = e.getMessage();
                if (attempt >= retry.attempts() || stopping || !pause(wait(attempt, e))) {
                    return Outcome.FAILED;
                }
                LOG.info("{}: attempt {} of {} failed ({}); retrying", name, attempt, retry.attempts(), e.getMessage());
            }
        }
    }

    /** The backoff, or the receiver's Retry-After when it asks for longer (never beyond max-delay). */
    private Duration wait(int attempt, Exception failure) {
        Duration backoff = retry.delayAfter(attempt);
        if (failure instanceof WebhookSink.RetryableStatusException busy) {
            Duration asked = RetryAfter.parse(busy.retryAfter(), Clock.systemUTC(), retry.maxDelay()).orElse(Duration.ZERO);
            return asked.compareTo(backoff) > 0 ? asked : backoff;
        }
        return backoff;
    }

    /** Waits before the next attempt; false when interrupted (shutting down: spool instead of waiting). */
    private boolean pause(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
