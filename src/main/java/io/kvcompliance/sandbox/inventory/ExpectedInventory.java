package io.kvcompliance.sandbox.inventory;

import java.util.List;
import java.util.Map;

/**
 * What a perfect collector signed in as one principal would report against this sandbox: the
 * subscriptions and vaults it can see, every object it can read, and a coverage entry per vault and
 * object type for what it cannot (DENIED, BLOCKED_BY_NETWORK, CONSENT_REQUIRED, FAILED). Tests compare
 * collector output with this instead of hand-copied numbers.
 */
public record ExpectedInventory(
        String principal,
        String tenantId,
        List<Subscription> subscriptions,
        List<Vault> vaults) {

    /** Object types a collector covers per vault, in the order they are reported. */
    public static final List<String> VAULT_OBJECT_TYPES = List.of("vault", "accessPolicies", "keys", "secrets",
            "certificates", "roleAssignments", "diagnosticSettings");

    /** Coverage of one partition: status, the HTTP status and Azure error code when not collected, item count. */
    public record Coverage(String status, Integer httpStatus, String errorCode, Integer count) {
        public static Coverage collected(int count) {
            return new Coverage("COLLECTED", null, null, count);
        }

        public static Coverage gap(String status, int httpStatus, String errorCode) {
            return new Coverage(status, httpStatus, errorCode, null);
        }

        public boolean collected() {
            return "COLLECTED".equals(status);
        }
    }

    /** A visible subscription, its deleted vaults and managed HSMs, and coverage of its lists. */
    public record Subscription(String subscriptionId, String displayName, String state, List<String> vaultNames,
                               List<String> deletedVaults, List<String> managedHsms, Map<String, Coverage> coverage) {
    }

    /** A visible vault and what can be read of it. */
    public record Vault(String subscriptionId, String resourceGroup, String name, String armId, boolean rbac,
                        Map<String, Coverage> coverage, List<String> keys, List<String> secrets,
                        List<String> certificates, List<String> roleAssignmentIds, List<String> accessPolicyObjectIds,
                        List<String> diagnosticSettings) {
    }

    public Vault vault(String name) {
        return vaults.stream().filter(v -> v.name().equalsIgnoreCase(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("vault " + name + " is not visible to " + principal));
    }

    /** Total objects a perfect collector reads, per object type. */
    public Map<String, Integer> counts() {
        Map<String, Integer> out = new java.util.TreeMap<>();
        for (Vault v : vaults) {
            v.coverage().forEach((type, c) -> out.merge(type, c.count() == null ? 0 : c.count(), Integer::sum));
        }
        return out;
    }
}
