package io.kvcompliance.sandbox.model;

import java.util.List;

/** An Azure role definition: built-in (see BuiltInRoles) or custom from a fixture. */
public record RoleDefinitionDef(
        String id,
        String roleName,
        String description,
        String type,
        List<String> actions,
        List<String> notActions,
        List<String> dataActions,
        List<String> notDataActions,
        List<String> assignableScopes) {

    public RoleDefinitionDef {
        type = type == null ? "CustomRole" : type;
        actions = Lists.orEmpty(actions);
        notActions = Lists.orEmpty(notActions);
        dataActions = Lists.orEmpty(dataActions);
        notDataActions = Lists.orEmpty(notDataActions);
        assignableScopes = Lists.orEmpty(assignableScopes);
    }
}
