package io.kvcompliance.sandbox.arm;

import io.kvcompliance.sandbox.arm.ScopedAssignment.ScopeLevel;
import io.kvcompliance.sandbox.model.BuiltInRoles;
import io.kvcompliance.sandbox.model.DenyAssignmentDef;
import io.kvcompliance.sandbox.model.ManagementGroupDef;
import io.kvcompliance.sandbox.model.Principal;
import io.kvcompliance.sandbox.model.ResourceGroupDef;
import io.kvcompliance.sandbox.model.RoleAssignmentDef;
import io.kvcompliance.sandbox.model.RoleDefinitionDef;
import io.kvcompliance.sandbox.model.SubscriptionDef;
import io.kvcompliance.sandbox.model.TenantDef;
import io.kvcompliance.sandbox.model.TenantStore;
import io.kvcompliance.sandbox.model.VaultRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Azure RBAC as the sandbox enforces it: an action is allowed when a role assignment to the
 * principal (or a group it belongs to) at the scope or above grants it and no deny assignment at
 * the vault blocks it. The same rules answer ARM calls, the data plane of RBAC vaults and the
 * expected inventory, so what the sandbox serves and what it expects can never disagree.
 */
public final class Authorizer {
    private final TenantStore store;
    private final Map<String, Boolean> subscriptionVisibility = new ConcurrentHashMap<>();

    public Authorizer(TenantStore store) {
        this.store = store;
    }

    public List<ScopedAssignment> atOrAbove(TenantDef tenant, SubscriptionDef sub) {
        List<ScopedAssignment> out = new ArrayList<>();
        for (ManagementGroupDef mg : tenant.managementGroups()) {
            if (mg.subscriptionIds().stream().anyMatch(id -> id.equalsIgnoreCase(sub.subscriptionId()))) {
                String scope = "/providers/Microsoft.Management/managementGroups/" + mg.name();
                mg.roleAssignments().forEach(a -> out.add(scoped(tenant, a, scope, ScopeLevel.MANAGEMENT_GROUP, null)));
            }
        }
        String subScope = "/subscriptions/" + sub.subscriptionId();
        sub.roleAssignments().forEach(a -> out.add(scoped(tenant, a, subScope, ScopeLevel.SUBSCRIPTION, sub)));
        return out;
    }

    public List<ScopedAssignment> atOrAbove(TenantDef tenant, SubscriptionDef sub, ResourceGroupDef group) {
        List<ScopedAssignment> out = atOrAbove(tenant, sub);
        String scope = "/subscriptions/" + sub.subscriptionId() + "/resourceGroups/" + group.name();
        group.roleAssignments().forEach(a -> out.add(scoped(tenant, a, scope, ScopeLevel.RESOURCE_GROUP, sub)));
        return out;
    }

    public List<ScopedAssignment> atOrAbove(VaultRef vault) {
        List<ScopedAssignment> out = atOrAbove(vault.tenant(), vault.subscription(), vault.resourceGroup());
        atScope(vault).forEach(out::add);
        return out;
    }

    /** Assignments made at the vault itself. */
    public List<ScopedAssignment> atScope(VaultRef vault) {
        List<ScopedAssignment> out = new ArrayList<>();
        vault.vault().roleAssignments().forEach(a -> out.add(scoped(vault.tenant(), a, vault.armId(), ScopeLevel.VAULT,
                vault.subscription())));
        return out;
    }

    private ScopedAssignment scoped(TenantDef tenant, RoleAssignmentDef a, String scope, ScopeLevel level,
                                    SubscriptionDef sub) {
        return new ScopedAssignment(a, scope, level, role(tenant, a.role()), sub == null ? null : sub.subscriptionId());
    }

    /** A built-in or custom role by GUID or name; an unknown role is a fixture error. */
    public RoleDefinitionDef role(TenantDef tenant, String idOrName) {
        return BuiltInRoles.find(idOrName).or(() -> tenant.customRoles().stream()
                .filter(r -> r.id().equalsIgnoreCase(idOrName) || r.roleName().equalsIgnoreCase(idOrName)).findFirst())
                .orElseThrow(() -> new IllegalArgumentException("Role '" + idOrName + "' in tenant " + tenant.tenantId()
                        + " is neither a built-in role the sandbox knows nor a custom role of the tenant"));
    }

    /** Whether the control-plane action is granted by the assignments and not denied at the vault. */
    public boolean allows(Principal p, List<ScopedAssignment> assignments, String action, List<DenyAssignmentDef> denies) {
        return granted(p, assignments, action, false) && !denied(p, denies, action, false);
    }

    /** Whether the data action (RBAC vaults) is granted and not denied. */
    public boolean allowsData(Principal p, VaultRef vault, String dataAction) {
        return granted(p, atOrAbove(vault), dataAction, true) && !denied(p, vault.vault().denyAssignments(), dataAction, true);
    }

    public boolean allowsOnVault(Principal p, VaultRef vault, String action) {
        return allows(p, atOrAbove(vault), action, vault.vault().denyAssignments());
    }

    private static boolean granted(Principal p, List<ScopedAssignment> assignments, String action, boolean data) {
        for (ScopedAssignment a : assignments) {
            if (!p.grantees().contains(a.def().principalId().toLowerCase(Locale.ROOT))) {
                continue;
            }
            RoleDefinitionDef r = a.role();
            boolean ok = data ? ActionMatcher.grants(r.dataActions(), r.notDataActions(), action)
                    : ActionMatcher.grants(r.actions(), r.notActions(), action);
            if (ok) {
                return true;
            }
        }
        return false;
    }

    private static boolean denied(Principal p, List<DenyAssignmentDef> denies, String action, boolean data) {
        for (DenyAssignmentDef d : denies) {
            boolean applies = d.principals().stream().anyMatch(x -> x.equals("*")
                    || p.grantees().contains(x.toLowerCase(Locale.ROOT)));
            if (applies && ActionMatcher.anyMatches(data ? d.dataActions() : d.actions(), action)) {
                return true;
            }
        }
        return false;
    }

    /** A subscription is listed to a principal holding any assignment at, above or below it. */
    public boolean canSeeSubscription(Principal p, TenantDef tenant, SubscriptionDef sub) {
        String key = p.objectId() + "|" + sub.subscriptionId();
        return subscriptionVisibility.computeIfAbsent(key, k -> holdsAnyAssignment(p, tenant, sub));
    }

    private boolean holdsAnyAssignment(Principal p, TenantDef tenant, SubscriptionDef sub) {
        if (atOrAbove(tenant, sub).stream().anyMatch(a -> holds(p, a.def()))) {
            return true;
        }
        for (ResourceGroupDef group : sub.resourceGroups()) {
            if (group.roleAssignments().stream().anyMatch(a -> holds(p, a))) {
                return true;
            }
            for (VaultRef v : store.vaults(tenant, sub, group)) {
                if (v.vault().roleAssignments().stream().anyMatch(a -> holds(p, a))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean holds(Principal p, RoleAssignmentDef a) {
        return p.grantees().contains(a.principalId().toLowerCase(Locale.ROOT));
    }
}
