package io.kvcompliance.pipeline;

/**
 * Where a read happens: a subscription, or a vault within it. Coverage records and the records
 * mapped from a read carry these coordinates.
 */
public record Scope(SyncRun sync, String tenantId, String subscriptionId, String subscriptionName, String resourceGroup,
                    String vaultName, String vaultId, String vaultUri) {

    public boolean isVault() {
        return vaultId != null;
    }

    /** The ARM id coverage is reported against: the vault, or the subscription. */
    public String azureId() {
        return isVault() ? vaultId : "/subscriptions/" + subscriptionId;
    }
}
