package io.kvcompliance.delivery;

import io.kvcompliance.records.ComplianceRecord;
import java.io.IOException;
import java.nio.file.Path;
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
    private final DeliveryAttempts attempts;
    private final List<ComplianceRecord> buffer = new ArrayList<>();
    private String bufferSync;
    private Instant bufferTime;
    private long sequence;
    private long delivered;
    private long spooled;
    private long rejected;
    private long replayed;
    /** Syncs with a batch this destination refused: their ends tombstone nothing. */
    private final java.util.Set<String> recordsMissing = new java.util.HashSet<>();
    /** A spool file could not be read (its sync unknown): no end replayed after it tombstones. */
    private boolean unreadable;
    /** Why the spool could not be written; from then on this destination fails fast instead of retrying. */
    private String spoolBroken;

    public DeliveryChannel(String name, Sink sink, int batchSize, DeliveryRetry retry, Spool spool) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("the batch size of destination " + name + " must be at least 1");
        }
        this.name = name;
        this.sink = sink;
        this.batchSize = batchSize;
        this.retry = retry;
        this.spool = spool;
        this.attempts = new DeliveryAttempts(name, sink, retry, spool.directory());
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
        if (!syncId.equals(bufferSync)) {
            flush();
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
            DeliveryItem.Batch batch = new DeliveryItem.Batch(bufferSync, bufferTime, ++sequence, buffer);
            // cleared whatever happens: a batch that cannot even be spooled is reported once, not per record
            buffer.clear();
            send(batch);
        }
    }

    /** Ends a sync: its last batch, then its end (the database records the run and its tombstones). */
    public synchronized void end(String syncId, Instant syncTime, String status) {
        flush();
        send(new DeliveryItem.SyncEnd(syncId, syncTime, status, true));
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
                item = checked(spool.read(file));
            } catch (IOException | RuntimeException e) {
                // its sync is unknown, so no sync of this spool may tombstone until an operator looks
                spool.reject(file, "unreadable spool file: " + e.getMessage());
                LOG.error("{}: {} is unreadable and kept in rejected/; syncs replayed with it write no tombstones",
                        name, file);
                unreadable = true;
                continue;
            }
            DeliveryAttempts.Outcome outcome = attempts.attempt(item);
            if (outcome == DeliveryAttempts.Outcome.FAILED) {
                break;
            }
            if (outcome == DeliveryAttempts.Outcome.REJECTED) {
                spool.reject(file, attempts.lastReason());
                rejected += item.size();
                recordsMissing.add(item.syncId());
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

    /** The process is stopping: a failing destination is spooled at once, without waiting to retry. */
    public void stopRetrying() {
        attempts.stopRetrying();
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

    /**
     * A sync's end whose records did not all arrive (a batch refused, or a spool file unreadable) must
     * not tombstone: the missing records would look deleted.
     */
    private DeliveryItem checked(DeliveryItem item) {
        if (item instanceof DeliveryItem.SyncEnd end && end.allRecordsArrived()
                && (unreadable || recordsMissing.contains(end.syncId()))) {
            return end.withRecordsMissing();
        }
        return item;
    }

    private void send(DeliveryItem given) {
        DeliveryItem item = checked(given);
        if (spoolBroken != null) {
            throw new IllegalStateException(name + " is down and its spool cannot be written (" + spoolBroken
                    + "): records of this sync are lost for it; free the disk or fix " + spool.directory());
        }
        try {
            deliverOrSpool(item);
        } catch (java.io.UncheckedIOException e) {
            spoolBroken = e.getMessage();
            throw e;
        }
    }

    private void deliverOrSpool(DeliveryItem item) {
        if (!spool.isEmpty()) {
            // something older is waiting: the destination must get it first
            spool.append(item);
            spooled += item.size();
            return;
        }
        DeliveryAttempts.Outcome outcome = attempts.attempt(item);
        if (outcome == DeliveryAttempts.Outcome.DELIVERED) {
            delivered += item.size();
        } else if (outcome == DeliveryAttempts.Outcome.REJECTED) {
            spool.reject(item, attempts.lastReason());
            rejected += item.size();
            recordsMissing.add(item.syncId());
        } else {
            spool.append(item);
            spooled += item.size();
            LOG.warn("{} is down after {} attempts ({}); its records are spooled in {} and replayed at the next sync",
                    name, retry.attempts(), attempts.lastReason(), spool.directory());
        }
    }

}
