package io.kvcompliance.delivery;

import io.kvcompliance.records.ComplianceRecord;
import io.kvcompliance.records.RecordJson;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One batch of the record store, sorted into JDBC batches by what each record needs: new (insert the
 * current row and a history row), unchanged (move last_seen only), changed or reappearing (update the
 * current row, clear deleted_at, add a history row). Plain UPDATE and INSERT, so H2 and PostgreSQL agree.
 */
final class StoreBatch {
    /** What the store already holds for a record id. */
    record Existing(String hash, boolean deleted, OffsetDateTime lastSeen) {
    }

    private static final String INSERT_CURRENT = "INSERT INTO records_current (record_id, type, tenant_id,"
            + " subscription_id, resource_group, vault, azure_id, attributes, attributes_hash, first_seen, last_seen,"
            + " deleted_at, last_sync_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)";
    private static final String UPDATE_CHANGED = "UPDATE records_current SET type = ?, tenant_id = ?,"
            + " subscription_id = ?, resource_group = ?, vault = ?, azure_id = ?, attributes = ?, attributes_hash = ?,"
            + " last_seen = ?, deleted_at = NULL, deleted_by_sync = NULL, last_sync_id = ? WHERE record_id = ?";
    private static final String UPDATE_SEEN = "UPDATE records_current SET last_seen = ?, last_sync_id = ? WHERE record_id = ?";
    private static final String INSERT_HISTORY = "INSERT INTO records_history (record_id, attributes_hash, attributes,"
            + " valid_from, sync_id, change_kind) VALUES (?, ?, ?, ?, ?, ?)";
    private static final String DELETE_COVERAGE = "DELETE FROM coverage WHERE sync_id = ? AND scope = ? AND object_type = ?";
    private static final String INSERT_COVERAGE = "INSERT INTO coverage (sync_id, scope, object_type, subscription_id,"
            + " vault, status, item_count, http_status, error_code, message) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final Connection connection;
    private final List<Object[]> inserts = new ArrayList<>();
    private final List<Object[]> changes = new ArrayList<>();
    private final List<Object[]> seen = new ArrayList<>();
    private final List<Object[]> history = new ArrayList<>();
    private final List<Object[]> coverageKeys = new ArrayList<>();
    private final List<Object[]> coverage = new ArrayList<>();

    private int stale;

    StoreBatch(Connection connection) {
        this.connection = connection;
    }

    void record(String syncId, OffsetDateTime syncTime, ComplianceRecord r, Existing existing) {
        if (existing != null && existing.lastSeen().isAfter(syncTime)) {
            // a newer sync already wrote this record (a late replay, or a sync of another instance): the
            // older view never overwrites it
            stale++;
            return;
        }
        String attributes = RecordJson.canonical(r.attributes());
        String change;
        if (existing == null) {
            inserts.add(new Object[] {r.recordId(), r.type().jsonName(), r.tenantId(), r.subscriptionId(),
                    r.resourceGroup(), r.vault(), r.azureId(), attributes, r.attributesHash(), syncTime, syncTime, syncId});
            change = "created";
        } else if (existing.hash().equals(r.attributesHash()) && !existing.deleted()) {
            seen.add(new Object[] {syncTime, syncId, r.recordId()});
            return;
        } else {
            changes.add(new Object[] {r.type().jsonName(), r.tenantId(), r.subscriptionId(), r.resourceGroup(),
                    r.vault(), r.azureId(), attributes, r.attributesHash(), syncTime, syncId, r.recordId()});
            change = existing.deleted() ? "reappeared" : "changed";
        }
        history.add(new Object[] {r.recordId(), r.attributesHash(), attributes, syncTime, syncId, change});
    }

    /** Records left as they were because a newer sync had written them. */
    int stale() {
        return stale;
    }

    void coverage(String syncId, ComplianceRecord r) {
        Map<String, Object> a = r.attributes();
        String objectType = (String) a.get("objectType");
        String suffix = "/coverage/" + objectType;
        String scope = r.azureId().endsWith(suffix) ? r.azureId().substring(0, r.azureId().length() - suffix.length()) : r.azureId();
        coverageKeys.add(new Object[] {syncId, scope, objectType});
        coverage.add(new Object[] {syncId, scope, objectType, r.subscriptionId(), r.vault(), a.get("status"),
                a.get("itemCount"), a.get("httpStatus"), a.get("errorCode"), a.get("message")});
    }

    void summary(String syncId, OffsetDateTime syncTime, ComplianceRecord r) throws SQLException {
        upsertSyncRun(connection, syncId, syncTime, (String) r.attributes().get("status"), null,
                RecordJson.canonical(r.attributes()));
    }

    void execute() throws SQLException {
        run(INSERT_CURRENT, inserts);
        run(UPDATE_CHANGED, changes);
        run(UPDATE_SEEN, seen);
        run(INSERT_HISTORY, history);
        run(DELETE_COVERAGE, coverageKeys);
        run(INSERT_COVERAGE, coverage);
    }

    private void run(String sql, List<Object[]> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            for (Object[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    s.setObject(i + 1, row[i]);
                }
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /**
     * Update-then-insert of a sync run: the summary record brings status and summary, the sync's end
     * brings finished_at; whichever comes first inserts the row. Null values keep what is stored.
     */
    static void upsertSyncRun(Connection c, String syncId, OffsetDateTime startedAt, String status,
                              OffsetDateTime finishedAt, String summary) throws SQLException {
        try (PreparedStatement u = c.prepareStatement("UPDATE sync_runs SET status = COALESCE(?, status),"
                + " finished_at = COALESCE(?, finished_at), summary = COALESCE(?, summary) WHERE sync_id = ?")) {
            u.setObject(1, status);
            u.setObject(2, finishedAt);
            u.setObject(3, summary);
            u.setString(4, syncId);
            if (u.executeUpdate() > 0) {
                return;
            }
        }
        try (PreparedStatement i = c.prepareStatement("INSERT INTO sync_runs (sync_id, started_at, finished_at, status,"
                + " summary) VALUES (?, ?, ?, ?, ?)")) {
            i.setString(1, syncId);
            i.setObject(2, startedAt);
            i.setObject(3, finishedAt);
            i.setObject(4, status);
            i.setObject(5, summary);
            i.executeUpdate();
        }
    }
}
