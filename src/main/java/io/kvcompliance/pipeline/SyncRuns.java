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
    private final String tenantId;

    public SyncRuns(String tenantId) {
        this.tenantId = tenantId;
    }

    public SyncRun start() {
        SyncRun sync = new SyncRun();
        sync.tenantId(tenantId);
        return sync;
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
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("status", sync.status().name());
        a.put("startedAt", sync.startedAt().toString());
        a.put("durationMillis", sync.duration().toMillis());
        a.put("principal", sync.principal());
        a.put("recordCounts", sync.counts());
        Map<String, Long> gaps = new TreeMap<>();
        sync.gaps().forEach(g -> gaps.merge(g.status(), 1L, Long::sum));
        a.put("coverageGaps", gaps);
        a.put("azureCalls", sync.callStats());
        a.put("failures", sync.failures());
        // figures before this summary record itself went out (the printed table has the final ones)
        Map<String, Object> delivery = new TreeMap<>();
        sync.deliveries().forEach((name, d) -> delivery.put(name, Map.of("delivered", d.delivered(), "spooled",
                d.spooled(), "rejected", d.rejected(), "replayed", d.replayed(), "pending", d.pending())));
        a.put("delivery", delivery);
        RecordContext ctx = new RecordContext(tenantId == null ? "unknown" : tenantId, null, null, null, null,
                sync.syncId(), sync.startedAt());
        return ComplianceRecord.create(RecordType.SYNC_SUMMARY, "sync/" + sync.syncId(), "sync/" + sync.syncId(), ctx,
                new Provenance(Provenance.COLLECTOR, "Sync", null), a);
    }
}
