package io.kvcompliance.sandbox.model;

/**
 * A role assignment at the scope of whatever holds it (management group, subscription,
 * resource group or vault). {@code role} is a role definition GUID or a role name.
 */
public record RoleAssignmentDef(
        String id,
        String principalId,
        String principalType,
        String role,
        String description,
        String condition,
        String conditionVersion,
        String createdOn) {
}
