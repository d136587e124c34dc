package io.kvcompliance.records;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A vault's access policies (ARM {@code Vaults_Get}, {@code properties.accessPolicies}) to one
 * ACCESS_POLICY record per entry. Access policies have no ARM id of their own, so the identity is
 * {@code <vaultId>/accessPolicies/<objectId>[/<applicationId>]}, which Azure keeps unique per vault.
 *
 * <p>Derived flags, deliberately few (permissions are already lower-cased; "all" grants everything):
 * canReadSecretValues = secrets get; canListSecrets = secrets list; canManageKeys, canManageSecrets,
 * canManageCertificates = any permission that changes or deletes objects of that kind; canPurge =
 * purge on any kind (irrecoverable deletion).
 */
public final class AccessPolicyMapper {
    private static final Set<String> KEY_CHANGES = Set.of("create", "update", "import", "delete", "recover",
            "restore", "purge", "rotate", "setrotationpolicy");
    private static final Set<String> SECRET_CHANGES = Set.of("set", "delete", "recover", "restore", "purge");
    private static final Set<String> CERTIFICATE_CHANGES = Set.of("create", "update", "import", "delete", "recover",
            "restore", "purge", "managecontacts", "manageissuers", "setissuers", "deleteissuers");
    private static final List<String> KINDS = List.of("keys", "secrets", "certificates", "storage");

    private final Provenance provenance;

    public AccessPolicyMapper(String apiVersion) {
        this.provenance = Provenance.resourceManager("Vaults_Get", apiVersion);
    }

    public List<ComplianceRecord> map(JsonNode vault, RecordContext ctx) {
        String vaultId = JsonFields.text(vault, "/id");
        RecordContext vaultCtx = ctx.scopedTo(vaultId);
        List<ComplianceRecord> out = new ArrayList<>();
        JsonNode policies = JsonFields.at(vault, "/properties/accessPolicies");
        if (policies != null) {
            for (JsonNode policy : policies) {
                out.add(mapEntry(policy, vaultId, vaultCtx));
            }
        }
        return out;
    }

    private ComplianceRecord mapEntry(JsonNode policy, String vaultId, RecordContext ctx) {
        String objectId = JsonFields.text(policy, "/objectId");
        String applicationId = JsonFields.text(policy, "/applicationId");
        Map<String, List<String>> permissions = new LinkedHashMap<>();
        for (String kind : KINDS) {
            permissions.put(kind, Normalize.permissions(JsonFields.at(policy, "/permissions/" + kind)));
        }
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("tenantId", JsonFields.text(policy, "/tenantId"));
        a.put("objectId", objectId);
        a.put("applicationId", applicationId);
        a.put("permissions", permissions);
        a.put("canReadSecretValues", grants(permissions.get("secrets"), Set.of("get")));
        a.put("canListSecrets", grants(permissions.get("secrets"), Set.of("list")));
        a.put("canManageKeys", grants(permissions.get("keys"), KEY_CHANGES));
        a.put("canManageSecrets", grants(permissions.get("secrets"), SECRET_CHANGES));
        a.put("canManageCertificates", grants(permissions.get("certificates"), CERTIFICATE_CHANGES));
        a.put("canPurge", permissions.values().stream().anyMatch(p -> grants(p, Set.of("purge"))));
        String identity = vaultId + "/accessPolicies/" + objectId + (applicationId != null ? "/" + applicationId : "");
        return ComplianceRecord.create(RecordType.ACCESS_POLICY, identity, identity, ctx, provenance, a);
    }

    private static boolean grants(List<String> granted, Set<String> any) {
        return granted.contains("all") || granted.stream().anyMatch(any::contains);
    }
}
