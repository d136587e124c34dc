package io.kvcompliance.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * How far a sync is: subscriptions and vaults done out of those found so far, records, the vault rate
 * and the time left at that rate. Totals grow while lists are paged, so the estimate firms up as the
 * sync goes. Thread-safe.
 */
public final class SyncProgress {
    private final Instant startedAt;
    private final AtomicInteger subscriptions = new AtomicInteger();
    private final AtomicInteger subscriptionsDone = new AtomicInteger();
    private final AtomicInteger vaults = new AtomicInteger();
    private final AtomicInteger vaultsDone = new AtomicInteger();
    private final LongAdder records = new LongAdder();

    SyncProgress(Instant startedAt) {
        this.startedAt = startedAt;
    }

    void subscriptionStarted() {
        subscriptions.incrementAndGet();
    }

    void subscriptionDone() {
        subscriptionsDone.incrementAndGet();
    }

    void vaultsListed(int count) {
        vaults.addAndGet(count);
    }

    void vaultDone() {
        vaultsDone.incrementAndGet();
    }

    void record() {
        records.increment();
    }

    public int vaultsDone() {
        return vaultsDone.get();
    }

    public int vaultsFound() {
        return vaults.get();
    }

    /** "2/3 subscriptions, 41/120 vaults, 5321 records, 2.1 vaults/s, about 38 s left". */
    public String line(Instant now) {
        double seconds = Math.max(0.001, Duration.between(startedAt, now).toMillis() / 1000.0);
        int done = vaultsDone.get();
        int found = vaults.get();
        StringBuilder out = new StringBuilder(String.format("%d/%d subscriptions, %d/%d vaults, %d records",
                subscriptionsDone.get(), subscriptions.get(), done, found, records.sum()));
        if (done > 0) {
            double rate = done / seconds;
            out.append(String.format(", %.1f vaults/s", rate));
            if (found > done) {
                out.append(", about ").append(human(Duration.ofSeconds(Math.round((found - done) / rate)))).append(" left");
            }
        }
        return out.toString();
    }

    private static String human(Duration d) {
        if (d.toMinutes() < 2) {
            return d.toSeconds() + " s";
        }
        return d.toHours() < 2 ? d.toMinutes() + " min" : d.toHours() + " h " + d.toMinutesPart() + " min";
    }
}
