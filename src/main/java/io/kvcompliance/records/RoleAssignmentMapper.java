package io.kvcompliance.records;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A role assignment that applies to a vault (ARM {@code RoleAssignments_ListForScope} at the vault
 * with {@code $filter=atScope()}, so assignments inherited from above are included) to a
 * ROLE_ASSIGNMENT record. Needs {@code Microsoft.Authorization/roleAssignments/read}.
 *
 * <p>Identity is vault id + assignment id: one management-group assignment applies to every vault
 * below it, and each vault must keep its own record of it.
 */
public final class RoleAssignmentMapper {
    private static final Pattern MANAGEMENT_GROUP = Pattern.compile(
            "^/providers/Microsoft\\.Management/managementGroups/[^/]+$", Pattern.CASE_INSENSITIVE);
    private static final Pattern SUBSCRIPTION = Pattern.compile("^/subscriptions/[^/]+$", Pattern.CASE_INSENSITIVE);
    private static final Pattern RESOURCE_GROUP = Pattern.compile("^/subscriptions/[^/]+/resourceGroups/[^/]+$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern VAULT = Pattern.compile(
            "^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\\.KeyVault/vaults/[^/]+$",
            Pattern.CASE_INSENSITIVE);

    private final Provenance provenance;

    public RoleAssignmentMapper(String apiVersion) {
        this.provenance = Provenance.resourceManager("RoleAssignments_ListForScope", apiVersion);
    }

    /**
     * @param roleNames role definition GUID (lower-case) to name, from {@link RoleDefinitionIndex}
     * @param ctx       a vault-level context ({@link RecordContext#withVault(String)})
     */
    public ComplianceRecord map(JsonNode assignment, Map<String, String> roleNames, RecordContext ctx) {
        String vaultId = Objects.requireNonNull(ctx.vaultId(), "role assignments are mapped for a vault");
        String id = JsonFields.text(assignment, "/id");
        JsonNode p = JsonFields.at(assignment, "/properties");
        String scope = JsonFields.text(p, "/scope");
        String roleGuid = RoleDefinitionIndex.guidOf(JsonFields.text(p, "/roleDefinitionId"));
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("assignmentId", JsonFields.orElse(JsonFields.text(assignment, "/name"), JsonFields.lastSegment(id)));
        a.put("principalId", JsonFields.text(p, "/principalId"));
        a.put("principalType", JsonFields.text(p, "/principalType"));
        a.put("roleDefinitionId", roleGuid);
        a.put("roleName", roleGuid == null ? null : roleNames.get(roleGuid));
        a.put("scope", scope);
        a.put("scopeLevel", scopeLevel(scope));
        a.put("inherited", !trimmed(vaultId).equalsIgnoreCase(trimmed(scope)));
        a.put("condition", JsonFields.text(p, "/condition"));
        a.put("conditionVersion", JsonFields.text(p, "/conditionVersion"));
        a.put("createdOn", Normalize.isoFromText(JsonFields.text(p, "/createdOn")));
        String identity = vaultId + "|" + id;
        return ComplianceRecord.create(RecordType.ROLE_ASSIGNMENT, identity, id, ctx, provenance, a);
    }

    /**
     * root, managementGroup, subscription, resourceGroup or vault, read from the scope string;
     * "resource" for anything narrower than a vault (a single key or secret can carry an assignment).
     */
    static String scopeLevel(String scope) {
        if (scope == null) {
            return null;
        }
        String s = trimmed(scope);
        if (s.isEmpty()) {
            return "root";
        }
        if (MANAGEMENT_GROUP.matcher(s).matches()) {
            return "managementGroup";
        }
        if (SUBSCRIPTION.matcher(s).matches()) {
            return "subscription";
        }
        if (RESOURCE_GROUP.matcher(s).matches()) {
            return "resourceGroup";
        }
        return VAULT.matcher(s).matches() ? "vault" : "resource";
    }

    private static String trimmed(String scope) {
        String s = scope == null ? "" : scope.trim().toLowerCase(Locale.ROOT);
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
