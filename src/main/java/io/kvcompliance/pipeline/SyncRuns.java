package io.kvcompliance.pipeline;

import io.kvcompliance.auth.SignInException;
import io.kvcompliance.records.ComplianceRecord;
import io.kvcompliance.records.Provenance;
import io.kvcompliance.records.RecordContext;
import io.kvcompliance.records.RecordType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** Starts syncs, records their sync-level failures, and ends each with its summary record. */
public final class SyncRuns {
    /** Which process runs the syncs (host and pid): with a clustered schedule, which instance took a fire time. */
    static final String INSTANCE = instance();
    private final String tenantId;

    public SyncRuns(String tenantId) {
        this.tenantId = tenantId;
    }

    /** A sync about to run, so its caller knows its id (and can watch its progress) before it starts. */
    public SyncRun prepare(String trigger) {
        SyncRun sync = new SyncRun(trigger);
        sync.tenantId(tenantId);
        return sync;
    }

    /** The sync route's first step: the sync its caller prepared, or a new one. */
    public SyncRun start(Object prepared) {
        return prepared instanceof SyncRun sync ? sync : prepare("command");
    }

    public void subscriptionStarted(SyncRun sync) {
        sync.progress().subscriptionStarted();
    }

    public void subscriptionDone(SyncRun sync) {
        sync.progress().subscriptionDone();
    }

    /** A page of a subscription's vault list was read: these vaults are now part of the total. */
    public void vaultsListed(SyncRun sync, java.util.List<?> page) {
        sync.progress().vaultsListed(page.size());
    }

    public void vaultDone(SyncRun sync) {
        sync.progress().vaultDone();
    }

    /** The sync itself failed (sign-in, or the subscription list): nothing below it was read. */
    public void failed(SyncRun sync, Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SignInException s) {
                sync.failure(s.getMessage(), s.reconnectRequired());
                return;
            }
        }
        FailureClassifier.Gap gap = FailureClassifier.classify(error);
        sync.failure("the sync could not list subscriptions: " + gap.message(), false);
    }

    /** Marks the sync finished and returns its summary record. */
    public ComplianceRecord finish(SyncRun sync) {
        sync.finished();
        RecordContext ctx = new RecordContext(tenantId == null ? "unknown" : tenantId, null, null, null, null,
                sync.syncId(), sync.startedAt());
        return ComplianceRecord.create(RecordType.SYNC_SUMMARY, "sync/" + sync.syncId(), "sync/" + sync.syncId(), ctx,
                new Provenance(Provenance.COLLECTOR, "Sync", null), summary(sync));
    }

    /** The summary's attributes: the summary record's, and GET /sync/{id}'s once the sync has ended. */
    static Map<String, Object> summary(SyncRun sync) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("status", sync.status().name());
        a.put("trigger", sync.trigger());
        a.put("scheduledFor", sync.scheduledFor() == null ? null : sync.scheduledFor().toString());
        a.put("instance", INSTANCE);
        a.put("startedAt", sync.startedAt().toString());
        a.put("durationMillis", sync.duration().toMillis());
        a.put("principal", sync.principal());
        a.put("recordCounts", sync.figures().counts());
        a.put("coverageGaps", sync.gapsByStatus());
        a.put("azureCalls", sync.figures().callStats());
        a.put("failures", sync.failures());
        // figures so far: in the summary record, before the record itself went out (the table has the final ones)
        Map<String, Object> delivery = new TreeMap<>();
        sync.figures().deliveries().forEach((name, d) -> delivery.put(name, Map.of("delivered", d.delivered(), "spooled",
                d.spooled(), "rejected", d.rejected(), "replayed", d.replayed(), "pending", d.pending())));
        a.put("delivery", delivery);
        return a;
    }

    private static String instance() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            host = "unknown-host";
        }
        return host + "/" + ProcessHandle.current().pid();
    }
}
