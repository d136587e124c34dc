package io.kvcompliance.sandbox.model;

import java.util.List;

/** A management group above some subscriptions; its role assignments are inherited by them. */
public record ManagementGroupDef(
        String name,
        String displayName,
        List<String> subscriptionIds,
        List<RoleAssignmentDef> roleAssignments) {

    public ManagementGroupDef {
        subscriptionIds = Lists.orEmpty(subscriptionIds);
        roleAssignments = Lists.orEmpty(roleAssignments);
    }
}
