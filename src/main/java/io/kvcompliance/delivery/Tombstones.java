package io.kvcompliance.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Map;

/**
 * Safe tombstones: a record this sync did not see is marked deleted only when its partition was read
 * completely in this sync (coverage COLLECTED). Vault-level objects need their vault's object type
 * collected; vaults, deleted vaults and managed HSMs need their subscription's list collected, and the
 * objects of a vault that disappeared go with it. A denied, blocked, throttled or failed partition, a
 * subscription left out of the sync, and a sync that failed, was interrupted or needs a reconnect
 * tombstone nothing (an interrupted sync never reached the vaults its lists named).
 * Every tombstone adds a 'deleted' history row, so history alone answers "what existed on a date".
 */
final class Tombstones {
    /** Record type → coverage objectType of the vault partition that lists it. */
    static final Map<String, String> VAULT_PARTITIONS = Map.of("key", "keys", "secret", "secrets",
            "certificate", "certificates", "accessPolicy", "accessPolicies", "roleAssignment", "roleAssignments",
            "diagnosticSetting", "diagnosticSettings");
    /** Record type → coverage objectType of the subscription list that lists it. */
    static final Map<String, String> SUBSCRIPTION_PARTITIONS = Map.of("vault", "vaults",
            "deletedVault", "deletedVaults", "managedHsm", "managedHsms");

    /**
     * Not seen by this sync means last seen before it started (not "last written by another sync"): a
     * record a newer or overlapping sync saw is never tombstoned by an older one.
     */
    private static final String MARK = "UPDATE records_current SET deleted_at = ?, deleted_by_sync = ? WHERE type = ?"
            + " AND deleted_at IS NULL AND last_seen < ? AND EXISTS (SELECT 1 FROM coverage c WHERE c.sync_id = ?"
            + " AND c.object_type = ? AND c.status = 'COLLECTED'"
            + " AND LOWER(c.subscription_id) = LOWER(records_current.subscription_id) AND ";
    private static final String SAME_VAULT = "LOWER(c.vault) = LOWER(records_current.vault))";
    private static final String SUBSCRIPTION_SCOPE = "c.vault IS NULL)";
    /**
     * A vault the list returned is collected as a partition of its own (objectType vault, from the vault
     * GET); when that GET is denied or fails there is no vault record, yet the vault still exists. So a
     * vault is gone only when the list was read and no partition of that vault was reported in the sync.
     */
    private static final String NOT_LISTED = " AND NOT EXISTS (SELECT 1 FROM coverage v WHERE v.sync_id = ?"
            + " AND LOWER(v.vault) = LOWER(records_current.vault)"
            + " AND LOWER(v.subscription_id) = LOWER(records_current.subscription_id))";
    /** Objects of a vault this sync tombstoned: nothing read them, but their vault is gone. */
    private static final String CHILDREN = "UPDATE records_current SET deleted_at = ?, deleted_by_sync = ?"
            + " WHERE deleted_at IS NULL AND last_seen < ? AND type IN ("
            + String.join(", ", VAULT_PARTITIONS.keySet().stream().map(t -> "'" + t + "'").toList()) + ")"
            + " AND EXISTS (SELECT 1 FROM records_current v WHERE v.type = 'vault' AND v.deleted_by_sync = ?"
            + " AND LOWER(v.vault) = LOWER(records_current.vault)"
            + " AND LOWER(v.subscription_id) = LOWER(records_current.subscription_id))";
    /** One 'deleted' history row per tombstone of this sync (guarded, so a replayed end adds none). */
    private static final String HISTORY = "INSERT INTO records_history (record_id, attributes_hash, attributes,"
            + " valid_from, sync_id, change_kind) SELECT r.record_id, r.attributes_hash, r.attributes, r.deleted_at,"
            + " r.deleted_by_sync, 'deleted' FROM records_current r WHERE r.deleted_by_sync = ? AND NOT EXISTS"
            + " (SELECT 1 FROM records_history h WHERE h.record_id = r.record_id AND h.sync_id = r.deleted_by_sync"
            + " AND h.change_kind = 'deleted')";

    private Tombstones() {
    }

    /**
     * Only a sync that ended COMPLETE or INCOMPLETE, all of whose records arrived, tombstones: FAILED,
     * RECONNECT_REQUIRED and INTERRUPTED syncs never do, nor one with a batch lost on the way.
     */
    static int mark(Connection c, String syncId, OffsetDateTime syncTime, String status, boolean allRecordsArrived)
            throws SQLException {
        if (!allRecordsArrived || !("COMPLETE".equals(status) || "INCOMPLETE".equals(status))) {
            return 0;
        }
        int marked = 0;
        for (Map.Entry<String, String> e : VAULT_PARTITIONS.entrySet()) {
            marked += update(c, MARK + SAME_VAULT, syncTime, syncId, e.getKey(), syncTime, syncId, e.getValue());
        }
        for (Map.Entry<String, String> e : SUBSCRIPTION_PARTITIONS.entrySet()) {
            if (e.getKey().equals("vault")) {
                marked += update(c, MARK + SUBSCRIPTION_SCOPE + NOT_LISTED, syncTime, syncId, e.getKey(), syncTime,
                        syncId, e.getValue(), syncId);
            } else {
                marked += update(c, MARK + SUBSCRIPTION_SCOPE, syncTime, syncId, e.getKey(), syncTime, syncId,
                        e.getValue());
            }
        }
        marked += update(c, CHILDREN, syncTime, syncId, syncTime, syncId);
        update(c, HISTORY, syncId);
        return marked;
    }

    private static int update(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            return s.executeUpdate();
        }
    }
}
