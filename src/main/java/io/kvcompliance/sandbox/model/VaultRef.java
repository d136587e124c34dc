package io.kvcompliance.sandbox.model;

/** A vault together with where it lives: tenant, subscription and resource group. */
public record VaultRef(TenantDef tenant, SubscriptionDef subscription, ResourceGroupDef resourceGroup, VaultDef vault) {

    public String subscriptionId() {
        return subscription.subscriptionId();
    }

    public String resourceGroupName() {
        return resourceGroup.name();
    }

    public String name() {
        return vault.name();
    }

    public String location() {
        return vault.location() != null ? vault.location() : resourceGroup.location();
    }

    /** ARM resource id, in the casing ARM uses. */
    public String armId() {
        return resourceGroupScope() + "/providers/Microsoft.KeyVault/vaults/" + vault.name();
    }

    public String resourceGroupScope() {
        return "/subscriptions/" + subscriptionId() + "/resourceGroups/" + resourceGroup.name();
    }

    public String subscriptionScope() {
        return "/subscriptions/" + subscriptionId();
    }
}
