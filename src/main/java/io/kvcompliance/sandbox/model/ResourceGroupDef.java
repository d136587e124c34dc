package io.kvcompliance.sandbox.model;

import java.util.List;

/** A resource group: its location, role assignments at its scope, and its vaults. */
public record ResourceGroupDef(
        String name,
        String location,
        List<RoleAssignmentDef> roleAssignments,
        List<VaultDef> vaults) {

    public ResourceGroupDef {
        roleAssignments = Lists.orEmpty(roleAssignments);
        vaults = Lists.orEmpty(vaults);
    }
}
