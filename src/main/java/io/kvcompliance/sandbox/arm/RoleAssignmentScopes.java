package io.kvcompliance.sandbox.arm;

import io.kvcompliance.sandbox.arm.ScopedAssignment.ScopeLevel;
import io.kvcompliance.sandbox.model.Principal;
import io.kvcompliance.sandbox.model.ResourceGroupDef;
import io.kvcompliance.sandbox.model.SubscriptionDef;
import io.kvcompliance.sandbox.model.TenantDef;
import io.kvcompliance.sandbox.model.TenantStore;
import io.kvcompliance.sandbox.model.VaultRef;
import java.util.List;
import java.util.Optional;

/**
 * Resolves a role-assignment scope (subscription, resource group or vault) to the assignments ARM
 * lists for it: with atScope(), those at the scope and above; without a filter, also those below.
 */
final class RoleAssignmentScopes {
    /** A resolved scope: its assignments, the vault when it is a vault, and how to authorize reading it. */
    record Resolved(List<ScopedAssignment> assignments, VaultRef vault, TenantDef tenant, SubscriptionDef sub,
                    ResourceGroupDef group, Authorizer authorizer) {
        boolean allows(Principal p, String action) {
            if (vault != null) {
                return authorizer.allowsOnVault(p, vault, action);
            }
            List<ScopedAssignment> above = group != null ? authorizer.atOrAbove(tenant, sub, group)
                    : authorizer.atOrAbove(tenant, sub);
            return authorizer.allows(p, above, action, List.of());
        }
    }

    private final TenantStore store;
    private final Authorizer authorizer;

    RoleAssignmentScopes(TenantStore store, Authorizer authorizer) {
        this.store = store;
        this.authorizer = authorizer;
    }

    Optional<Resolved> resolve(TenantDef tenant, SubscriptionDef sub, String groupName, String vaultName, boolean atScope) {
        if (groupName == null) {
            List<ScopedAssignment> list = authorizer.atOrAbove(tenant, sub);
            if (!atScope) {
                sub.resourceGroups().forEach(g -> addBelow(list, tenant, sub, g));
            }
            return Optional.of(new Resolved(list, null, tenant, sub, null, authorizer));
        }
        Optional<ResourceGroupDef> group = store.resourceGroup(sub, groupName);
        if (group.isEmpty()) {
            return Optional.empty();
        }
        if (vaultName == null) {
            List<ScopedAssignment> list = authorizer.atOrAbove(tenant, sub, group.get());
            if (!atScope) {
                store.vaults(tenant, sub, group.get()).forEach(v -> list.addAll(authorizer.atScope(v)));
            }
            return Optional.of(new Resolved(list, null, tenant, sub, group.get(), authorizer));
        }
        return store.vault(vaultName).filter(v -> v.subscriptionId().equalsIgnoreCase(sub.subscriptionId())
                        && v.resourceGroupName().equalsIgnoreCase(groupName))
                .map(v -> new Resolved(authorizer.atOrAbove(v), v, tenant, sub, group.get(), authorizer));
    }

    private void addBelow(List<ScopedAssignment> list, TenantDef tenant, SubscriptionDef sub, ResourceGroupDef g) {
        String scope = "/subscriptions/" + sub.subscriptionId() + "/resourceGroups/" + g.name();
        g.roleAssignments().forEach(a -> list.add(new ScopedAssignment(a, scope, ScopeLevel.RESOURCE_GROUP,
                authorizer.role(tenant, a.role()), sub.subscriptionId())));
        store.vaults(tenant, sub, g).forEach(v -> list.addAll(authorizer.atScope(v)));
    }
}
