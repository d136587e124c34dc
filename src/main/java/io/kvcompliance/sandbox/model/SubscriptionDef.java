package io.kvcompliance.sandbox.model;

import java.util.List;
import java.util.Map;

/** A subscription with its resource groups, subscription-scope role assignments and tombstones. */
public record SubscriptionDef(
        String subscriptionId,
        String displayName,
        String state,
        Map<String, String> tags,
        List<RoleAssignmentDef> roleAssignments,
        List<ResourceGroupDef> resourceGroups,
        List<DeletedVaultDef> deletedVaults,
        List<ManagedHsmDef> managedHsms) {

    public SubscriptionDef {
        state = state == null ? "Enabled" : state;
        tags = Lists.orEmpty(tags);
        roleAssignments = Lists.orEmpty(roleAssignments);
        resourceGroups = Lists.orEmpty(resourceGroups);
        deletedVaults = Lists.orEmpty(deletedVaults);
        managedHsms = Lists.orEmpty(managedHsms);
    }
}
