package io.kvcompliance.delivery;

import io.kvcompliance.azure.RetryAfter;
import io.kvcompliance.records.ComplianceRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The way to one destination, with nothing lost: records are gathered into batches, each batch is
 * retried per {@link DeliveryRetry}, and a destination that stays down has its batches (and the sync's
 * end) written to its {@link Spool}. While anything is spooled, new items queue behind it, so the
 * destination always receives them in order; {@link #replay} empties the spool at the next sync.
 * Thread-safe: vaults deliver in parallel, one batch at a time goes out.
 */
public final class DeliveryChannel {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryChannel.class);
    private final String name;
    private final Sink sink;
    private final int batchSize;
    private final DeliveryRetry retry;
    private final Spool spool;
    private final List<ComplianceRecord> buffer = new ArrayList<>();
    private String bufferSync;
    private Instant bufferTime;
    private long sequence;
    private long delivered;
    private long spooled;
    private long rejected;
    private long replayed;
    /** Why the last attempt failed or was refused (for the log and the rejected item's .reason file). */
    private String lastReason;

    public DeliveryChannel(String name, Sink sink, int batchSize, DeliveryRetry retry, Spool spool) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("the batch size of destination " + name + " must be at least 1");
        }
        this.name = name;
        this.sink = sink;
        this.batchSize = batchSize;
        this.retry = retry;
        this.spool = spool;
    }

    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return name + ": " + sink + ", batches of " + batchSize + ", " + retry.attempts() + " attempts, spool "
                + spool.directory() + " (" + spool.pendingRecords() + " records waiting, " + spool.rejectedRecords()
                + " rejected)";
    }

    public synchronized void accept(String syncId, Instant syncTime, ComplianceRecord record) {
        if (bufferSync != null && !bufferSync.equals(syncId)) {
            flush();
        }
        if (bufferSync == null || !bufferSync.equals(syncId)) {
            bufferSync = syncId;
            bufferTime = syncTime;
            sequence = 0;
        }
        buffer.add(record);
        if (buffer.size() >= batchSize) {
            flush();
        }
    }

    /** Sends what is buffered as one batch. */
    public synchronized void flush() {
        if (!buffer.isEmpty()) {
            send(new DeliveryItem.Batch(bufferSync, bufferTime, ++sequence, buffer));
            buffer.clear();
        }
    }

    /** Ends a sync: its last batch, then its end (the database records the run and its tombstones). */
    public synchronized void end(String syncId, Instant syncTime, String status) {
        flush();
        send(new DeliveryItem.SyncEnd(syncId, syncTime, status));
    }

    /**
     * Delivers the spool, oldest first, and stops at the first item that still fails (it stays, with
     * everything after it). Returns the records replayed.
     */
    public synchronized long replay() {
        long before = replayed;
        for (Path file : spool.pending()) {
            DeliveryItem item;
            try {
                item = spool.read(file);
            } catch (IOException | RuntimeException e) {
                spool.reject(file, "unreadable spool file: " + e.getMessage());
                continue;
            }
            Outcome outcome = attempt(item);
            if (outcome == Outcome.FAILED) {
                break;
            }
            if (outcome == Outcome.REJECTED) {
                spool.reject(file, lastReason);
                rejected += item.size();
            } else {
                spool.remove(file);
                replayed += item.size();
            }
        }
        if (replayed > before) {
            LOG.info("{}: replayed {} spooled records", name, replayed - before);
        }
        return replayed - before;
    }

    /** This channel's figures since the last {@link #resetStats}. */
    public synchronized DeliveryStats stats() {
        return new DeliveryStats(delivered, spooled, rejected, replayed, spool.pendingRecords());
    }

    public synchronized void resetStats() {
        delivered = 0;
        spooled = 0;
        rejected = 0;
        replayed = 0;
    }

    private void send(DeliveryItem item) {
        if (!spool.isEmpty()) {
            // something older is waiting: the destination must get it first
            spool.append(item);
            spooled += item.size();
            return;
        }
        Outcome outcome = attempt(item);
        if (outcome == Outcome.DELIVERED) {
            delivered += item.size();
        } else if (outcome == Outcome.REJECTED) {
            spool.reject(item, lastReason);
            rejected += item.size();
        } else {
            spool.append(item);
            spooled += item.size();
            LOG.warn("{} is down after {} attempts ({}); its records are spooled in {} and replayed at the next sync",
                    name, retry.attempts(), lastReason, spool.directory());
        }
    }

    private enum Outcome { DELIVERED, REJECTED, FAILED }

    private Outcome attempt(DeliveryItem item) {
        for (int attempt = 1; ; attempt++) {
            try {
                sink.deliver(item);
                return Outcome.DELIVERED;
            } catch (RejectedDeliveryException e) {
                lastReason = e.getMessage();
                LOG.warn("{} refused {} records of sync {}: {}; kept in {}", name, item.size(), item.syncId(),
                        e.getMessage(), spool.directory().resolve("rejected"));
                return Outcome.REJECTED;
            } catch (Exception e) {
                lastReason = e.getMessage();
                if (attempt >= retry.attempts() || !pause(wait(attempt, e))) {
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
