package io.kvcompliance.sandbox.model;

import java.util.List;

/** One Entra ID tenant: who can sign in, which apps exist, and the subscriptions it owns. */
public record TenantDef(
        String tenantId,
        String displayName,
        String defaultDomain,
        List<UserDef> users,
        List<GroupDef> groups,
        List<ApplicationDef> applications,
        List<RoleDefinitionDef> customRoles,
        List<ManagementGroupDef> managementGroups,
        List<SubscriptionDef> subscriptions) {

    public TenantDef {
        users = Lists.orEmpty(users);
        groups = Lists.orEmpty(groups);
        applications = Lists.orEmpty(applications);
        customRoles = Lists.orEmpty(customRoles);
        managementGroups = Lists.orEmpty(managementGroups);
        subscriptions = Lists.orEmpty(subscriptions);
    }
}
