package io.kvcompliance.sandbox.arm;

import io.kvcompliance.sandbox.SandboxContext;
import io.kvcompliance.sandbox.arm.ArmCalls.Call;
import io.kvcompliance.sandbox.http.SandboxRequest;
import io.kvcompliance.sandbox.http.SandboxResponse;
import io.kvcompliance.sandbox.model.BuiltInRoles;
import io.kvcompliance.sandbox.model.ListFault;
import io.kvcompliance.sandbox.model.RoleDefinitionDef;
import io.kvcompliance.sandbox.model.VaultRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who can do what: role assignments at a scope (Microsoft.Authorization 2022-04-01, with
 * {@code $filter=atScope()} for assignments at the scope and inherited from above) and role definitions
 * (built-in and custom).
 */
final class ArmAccessRoutes {
    private static final Pattern SCOPE = Pattern.compile(
            "/subscriptions/([^/]+)(?:/resourcegroups/([^/]+)(?:/providers/microsoft\\.keyvault/vaults/([^/]+))?)?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern PRINCIPAL_FILTER = Pattern.compile("principalId\\s+eq\\s+'([^']+)'",
            Pattern.CASE_INSENSITIVE);

    private final ArmCalls calls;
    private final SandboxContext ctx;
    private final RoleAssignmentScopes scopes;

    ArmAccessRoutes(SandboxContext ctx) {
        this.ctx = ctx;
        this.calls = new ArmCalls(ctx);
        this.scopes = new RoleAssignmentScopes(ctx.store(), calls.authorizer);
    }

    /** Needs Microsoft.Authorization/roleAssignments/read at the scope. */
    SandboxResponse roleAssignments(SandboxRequest req, String scope) {
        String op = "arm:roleAssignments.listForScope";
        Matcher m = SCOPE.matcher(scope);
        if (!m.matches()) {
            return ArmErrors.error(400, "InvalidScope", "The scope '" + scope + "' is not a scope the sandbox serves"
                    + " (subscription, resource group or vault).").operation(op);
        }
        Call call = calls.open(req, m.group(1), "roleAssignments", ArmHandler.AUTHORIZATION_VERSIONS, op);
        if (call.refused()) {
            return call.refusal();
        }
        String filter = req.query("$filter");
        boolean atScope = filter != null && filter.toLowerCase(Locale.ROOT).contains("atscope()");
        Optional<RoleAssignmentScopes.Resolved> resolved = scopes.resolve(call.tenant(), call.subscription(), m.group(2),
                m.group(3), atScope);
        if (resolved.isEmpty()) {
            return calls.finish(call, ArmErrors.error(404, "ResourceNotFound", "The scope '" + scope
                    + "' was not found."), op);
        }
        String action = "Microsoft.Authorization/roleAssignments/read";
        if (!resolved.get().allows(call.principal(), action)) {
            return calls.forbidden(call, action, scope, op);
        }
        List<ScopedAssignment> items = resolved.get().assignments();
        Matcher pf = filter == null ? null : PRINCIPAL_FILTER.matcher(filter);
        if (pf != null && pf.find()) {
            String principalId = pf.group(1);
            items = items.stream().filter(a -> a.def().principalId().equalsIgnoreCase(principalId)).toList();
        }
        VaultRef vault = resolved.get().vault();
        ListFault fault = vault == null ? null : vault.vault().faults().get("role-assignments");
        boolean withCondition = req.query("api-version").compareTo("2020-04-01-preview") >= 0;
        return calls.finish(call, calls.page(req, "role-assignments", "ra|" + scope.toLowerCase(Locale.ROOT) + "|"
                + filter, items, false, fault, a -> roleAssignment(a, withCondition)), op);
    }

    private Map<String, Object> roleAssignment(ScopedAssignment a, boolean withCondition) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("roleDefinitionId", a.roleDefinitionId());
        p.put("principalId", a.def().principalId());
        p.put("principalType", a.def().principalType() != null ? a.def().principalType() : "User");
        p.put("scope", a.scope());
        if (withCondition) {
            p.put("condition", a.def().condition());
            p.put("conditionVersion", a.def().conditionVersion());
        }
        String created = a.def().createdOn() != null ? ctx.clock().resolve(a.def().createdOn()).toString()
                : ctx.clock().anchor().minusSeconds(86_400L * 200).toString();
        p.put("createdOn", created);
        p.put("updatedOn", created);
        p.put("createdBy", null);
        p.put("updatedBy", null);
        p.put("delegatedManagedIdentityResourceId", null);
        p.put("description", a.def().description());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("properties", p);
        out.put("id", a.id());
        out.put("type", "Microsoft.Authorization/roleAssignments");
        out.put("name", a.name());
        return out;
    }

    /** Role definitions are readable by any signed-in principal of the tenant, as in Azure. */
    SandboxResponse roleDefinitions(SandboxRequest req, String scope, String roleId) {
        String op = roleId == null ? "arm:roleDefinitions.list" : "arm:roleDefinitions.get";
        Matcher m = SCOPE.matcher(scope);
        String subscriptionId = m.matches() ? m.group(1) : null;
        Call call = calls.open(req, subscriptionId, "roleDefinitions", ArmHandler.AUTHORIZATION_VERSIONS, op);
        if (call.refused()) {
            return call.refusal();
        }
        List<RoleDefinitionDef> roles = new ArrayList<>(BuiltInRoles.all());
        roles.addAll(call.tenant().customRoles());
        String prefix = subscriptionId == null ? "" : "/subscriptions/" + subscriptionId;
        if (roleId != null) {
            return calls.finish(call, roles.stream().filter(r -> r.id().equalsIgnoreCase(roleId)).findFirst()
                    .map(r -> SandboxResponse.json(200, roleDefinition(prefix, r)))
                    .orElseGet(() -> ArmErrors.error(404, "RoleDefinitionDoesNotExist",
                            "The specified role definition with ID '" + roleId + "' does not exist.")), op);
        }
        String filter = Optional.ofNullable(req.query("$filter")).orElse("");
        List<RoleDefinitionDef> filtered = roles.stream().filter(r -> matchesFilter(r, filter)).toList();
        return calls.finish(call, calls.page(req, "role-definitions", "rd|" + scope.toLowerCase(Locale.ROOT) + "|"
                + filter, filtered, false, null, r -> roleDefinition(prefix, r)), op);
    }

    private static boolean matchesFilter(RoleDefinitionDef r, String filter) {
        Matcher name = Pattern.compile("roleName\\s+eq\\s+'([^']+)'", Pattern.CASE_INSENSITIVE).matcher(filter);
        if (name.find() && !r.roleName().equalsIgnoreCase(name.group(1))) {
            return false;
        }
        Matcher type = Pattern.compile("type\\s+eq\\s+'([^']+)'", Pattern.CASE_INSENSITIVE).matcher(filter);
        return !type.find() || r.type().equalsIgnoreCase(type.group(1));
    }

    private static Map<String, Object> roleDefinition(String prefix, RoleDefinitionDef r) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("roleName", r.roleName());
        p.put("type", r.type());
        p.put("description", r.description());
        p.put("assignableScopes", r.assignableScopes().isEmpty() ? List.of("/") : r.assignableScopes());
        p.put("permissions", List.of(Map.of("actions", r.actions(), "notActions", r.notActions(),
                "dataActions", r.dataActions(), "notDataActions", r.notDataActions())));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", prefix + "/providers/Microsoft.Authorization/roleDefinitions/" + r.id());
        out.put("type", "Microsoft.Authorization/roleDefinitions");
        out.put("name", r.id());
        out.put("properties", p);
        return out;
    }
}
