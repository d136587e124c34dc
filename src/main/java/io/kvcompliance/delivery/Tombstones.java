package io.kvcompliance.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Map;

/**
 * Safe tombstones: a record this sync did not see is marked deleted only when its partition was read
 * completely in this sync (coverage COLLECTED). Vault-level objects need their vault's object type
 * collected; vaults, deleted vaults and managed HSMs need their subscription's list collected. A denied,
 * blocked, throttled or failed partition, a subscription left out of the sync, and a sync that failed
 * or needs a reconnect tombstone nothing.
 */
final class Tombstones {
    /** Record type → coverage objectType of the vault partition that lists it. */
    static final Map<String, String> VAULT_PARTITIONS = Map.of("key", "keys", "secret", "secrets",
            "certificate", "certificates", "accessPolicy", "accessPolicies", "roleAssignment", "roleAssignments",
            "diagnosticSetting", "diagnosticSettings");
    /** Record type → coverage objectType of the subscription list that lists it. */
    static final Map<String, String> SUBSCRIPTION_PARTITIONS = Map.of("vault", "vaults",
            "deletedVault", "deletedVaults", "managedHsm", "managedHsms");

    private static final String MARK = "UPDATE records_current SET deleted_at = ? WHERE type = ? AND deleted_at IS NULL"
            + " AND last_sync_id <> ? AND EXISTS (SELECT 1 FROM coverage c WHERE c.sync_id = ? AND c.object_type = ?"
            + " AND c.status = 'COLLECTED' AND LOWER(c.subscription_id) = LOWER(records_current.subscription_id) AND ";
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

    private Tombstones() {
    }

    static int mark(Connection c, String syncId, OffsetDateTime syncTime, String status) throws SQLException {
        if (status == null || status.equals("FAILED") || status.equals("RECONNECT_REQUIRED")) {
            return 0;
        }
        int marked = 0;
        for (Map.Entry<String, String> e : VAULT_PARTITIONS.entrySet()) {
            marked += mark(c, MARK + SAME_VAULT, syncId, syncTime, e.getKey(), e.getValue(), false);
        }
        for (Map.Entry<String, String> e : SUBSCRIPTION_PARTITIONS.entrySet()) {
            boolean vault = e.getKey().equals("vault");
            marked += mark(c, MARK + SUBSCRIPTION_SCOPE + (vault ? NOT_LISTED : ""), syncId, syncTime, e.getKey(),
                    e.getValue(), vault);
        }
        return marked;
    }

    private static int mark(Connection c, String sql, String syncId, OffsetDateTime syncTime, String type,
                            String objectType, boolean notListed) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, syncTime);
            s.setString(2, type);
            s.setString(3, syncId);
            s.setString(4, syncId);
            s.setString(5, objectType);
            if (notListed) {
                s.setString(6, syncId);
            }
            return s.executeUpdate();
        }
    }
}
