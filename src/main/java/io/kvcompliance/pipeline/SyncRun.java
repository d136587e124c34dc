package io.kvcompliance.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * One sync in progress: its id, trigger and start, coverage gaps, sync-level failures, what it learnt on
 * the way (role names, the subscriptions listed), its progress and its figures ({@link SyncFigures}).
 * Thread-safe: vaults are collected in parallel.
 */
public final class SyncRun {
    /** How a sync ended, and the command's exit code for it. */
    public enum Status {
        COMPLETE(0), INCOMPLETE(3), INTERRUPTED(3), RECONNECT_REQUIRED(4), FAILED(1);

        public final int exitCode;

        Status(int exitCode) {
            this.exitCode = exitCode;
        }
    }

    /** A partition that was not fully read. */
    public record Gap(String scope, String objectType, String status, Integer httpStatus, String errorCode) {
    }

    private final String syncId = UUID.randomUUID().toString();
    private final Instant startedAt = Instant.now();
    private final SyncProgress progress = new SyncProgress(startedAt);
    private final String trigger;
    private volatile boolean interrupted;
    private volatile boolean liveProgress;
    private volatile java.time.Instant scheduledFor;
    private final SyncFigures figures = new SyncFigures(progress);
    private final ConcurrentLinkedQueue<Gap> gaps = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    private final Map<String, String> roleNames = new ConcurrentHashMap<>();
    private final java.util.Set<String> listedSubscriptions = ConcurrentHashMap.newKeySet();
    private volatile String tenantId;
    private volatile boolean reconnectRequired;
    private volatile Instant finishedAt;
    private volatile String principal;

    SyncRun(String trigger) {
        this.trigger = trigger;
    }

    /** What started it: "command", "schedule", "api". */
    public String trigger() {
        return trigger;
    }

    /** The fire time a scheduled sync runs for (null for other triggers). */
    public java.time.Instant scheduledFor() {
        return scheduledFor;
    }

    void scheduledFor(java.time.Instant fireTime) {
        this.scheduledFor = fireTime;
    }

    public SyncProgress progress() {
        return progress;
    }

    /**
     * The collector is shutting down: Azure calls not yet made are refused, the partitions they belong
     * to end FAILED, and the sync ends INTERRUPTED, which tombstones nothing.
     */
    public void interrupt() {
        interrupted = true;
    }

    public boolean interrupted() {
        return interrupted;
    }

    /** A terminal shows this sync's progress live, so the periodic progress log stays quiet. */
    public void liveProgress(boolean live) {
        liveProgress = live;
    }

    public boolean liveProgress() {
        return liveProgress;
    }

    /** Whether the sync has ended (its summary exists). */
    public boolean isFinished() {
        return finishedAt != null;
    }

    public String syncId() {
        return syncId;
    }

    public Instant startedAt() {
        return startedAt;
    }

    /** Records per type, Azure calls, delivery per destination, the files published. */
    public SyncFigures figures() {
        return figures;
    }

    public void gap(Gap gap) {
        gaps.add(gap);
    }

    /** Coverage gaps per status (DENIED, THROTTLED, ...). */
    public Map<String, Long> gapsByStatus() {
        Map<String, Long> out = new java.util.TreeMap<>();
        gaps.forEach(g -> out.merge(g.status(), 1L, Long::sum));
        return out;
    }

    public List<Gap> gaps() {
        return new ArrayList<>(gaps);
    }

    /** A failure of the sync itself (sign-in, the subscription list), not of one partition. */
    public void failure(String message, boolean reconnect) {
        failures.add(message);
        reconnectRequired |= reconnect;
    }

    /**
     * A partition met a dead grant (the refresh token was revoked mid-sync): the whole sync needs a
     * reconnect, reported once however many partitions hit it.
     */
    public void reconnectRequired(String message) {
        synchronized (failures) {
            if (!reconnectRequired) {
                failure(message, true);
            }
        }
    }

    public List<String> failures() {
        return new ArrayList<>(failures);
    }

    public void listedSubscription(String subscriptionId) {
        listedSubscriptions.add(subscriptionId.toLowerCase(java.util.Locale.ROOT));
    }

    public boolean wasListed(String subscriptionId) {
        return listedSubscriptions.contains(subscriptionId.toLowerCase(java.util.Locale.ROOT));
    }

    /** The tenant the sync signed in to (kv.auth.tenant-id), for records not scoped to a subscription. */
    public String tenantId() {
        return tenantId;
    }

    void tenantId(String tenantId) {
        this.tenantId = tenantId;
    }

    public void roleName(String roleDefinitionGuid, String name) {
        roleNames.put(roleDefinitionGuid.toLowerCase(java.util.Locale.ROOT), name);
    }

    public Map<String, String> roleNames() {
        return roleNames;
    }

    public void principal(String description) {
        this.principal = description;
    }

    public String principal() {
        return principal;
    }

    void finished() {
        finishedAt = Instant.now();
    }

    /** When the sync ended, or null while it runs. */
    public Instant finishedAt() {
        return finishedAt;
    }

    public Duration duration() {
        return Duration.between(startedAt, finishedAt != null ? finishedAt : Instant.now());
    }

    /**
     * COMPLETE when everything readable was read: denied, blocked or consent gaps are findings, not
     * failures. INCOMPLETE when a partition failed or stayed throttled after retries. INTERRUPTED when
     * the collector stopped before the sync could finish.
     */
    public Status status() {
        if (reconnectRequired) {
            return Status.RECONNECT_REQUIRED;
        }
        if (!failures.isEmpty()) {
            return Status.FAILED;
        }
        if (interrupted) {
            return Status.INTERRUPTED;
        }
        boolean unread = gaps.stream().anyMatch(g -> g.status().equals("FAILED") || g.status().equals("THROTTLED"));
        return unread ? Status.INCOMPLETE : Status.COMPLETE;
    }
}
