package io.kvcompliance.records;

import java.time.Instant;
import java.util.Objects;

/**
 * What a mapper needs besides the Azure JSON: where the object was read (tenant, subscription,
 * resource group, vault) and which sync read it. Scope fields may be null above the vault level.
 */
public record RecordContext(String tenantId, String subscriptionId, String resourceGroup, String vaultName,
                            String vaultId, String syncId, Instant collectedAt) {
    public RecordContext {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(syncId, "syncId");
        Objects.requireNonNull(collectedAt, "collectedAt");
    }

    /** A subscription-level context (vault lists, deleted vaults, managed HSMs). */
    public static RecordContext forSubscription(String tenantId, String subscriptionId, String syncId,
                                                Instant collectedAt) {
        return new RecordContext(tenantId, subscriptionId, null, null, null, syncId, collectedAt);
    }

    /** The same sync narrowed to one vault; subscription, group and name come from the vault's ARM id. */
    public RecordContext withVault(String vaultArmId) {
        ArmId id = ArmId.parse(vaultArmId);
        if (id.vaultId() == null) {
            throw new IllegalArgumentException("not a Key Vault id: " + vaultArmId);
        }
        return new RecordContext(tenantId, id.subscriptionId(), id.resourceGroup(), id.vaultName(), id.vaultId(),
                syncId, collectedAt);
    }

    /**
     * The scope an ARM object states about itself wins over the caller's: a record's subscription,
     * group and vault are those of its own id, falling back to the context's where the id is silent.
     */
    RecordContext scopedTo(String armId) {
        ArmId id = ArmId.parse(armId);
        return withScope(JsonFields.orElse(id.subscriptionId(), subscriptionId),
                JsonFields.orElse(id.resourceGroup(), resourceGroup), JsonFields.orElse(id.vaultName(), vaultName),
                JsonFields.orElse(id.vaultId(), vaultId));
    }

    /** The same sync and tenant with an explicit scope, for objects whose scope is not their own id. */
    RecordContext withScope(String subscription, String group, String vault, String vaultArmId) {
        return new RecordContext(tenantId, subscription, group, vault, vaultArmId, syncId, collectedAt);
    }
}
