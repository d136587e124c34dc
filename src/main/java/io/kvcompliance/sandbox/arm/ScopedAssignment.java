package io.kvcompliance.sandbox.arm;

import io.kvcompliance.sandbox.model.RoleAssignmentDef;
import io.kvcompliance.sandbox.model.RoleDefinitionDef;

/** A role assignment placed at its scope, with its role definition resolved. */
public record ScopedAssignment(RoleAssignmentDef def, String scope, ScopeLevel level, RoleDefinitionDef role,
                               String subscriptionId) {

    /** Where an assignment sits, from the widest scope to the narrowest. */
    public enum ScopeLevel { MANAGEMENT_GROUP, SUBSCRIPTION, RESOURCE_GROUP, VAULT }

    /** The assignment's GUID: the fixture's, or one derived from scope, principal and role. */
    public String name() {
        if (def.id() != null) {
            return def.id();
        }
        return java.util.UUID.nameUUIDFromBytes((scope + "|" + def.principalId() + "|" + role.id())
                .toLowerCase(java.util.Locale.ROOT).getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    }

    public String id() {
        return scope + "/providers/Microsoft.Authorization/roleAssignments/" + name();
    }

    /** ARM prefixes role definition ids with the subscription when the assignment lives in one. */
    public String roleDefinitionId() {
        String prefix = subscriptionId == null ? "" : "/subscriptions/" + subscriptionId;
        return prefix + "/providers/Microsoft.Authorization/roleDefinitions/" + role.id();
    }
}
