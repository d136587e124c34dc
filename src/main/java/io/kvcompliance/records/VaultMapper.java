package io.kvcompliance.records;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Vault (ARM {@code Vaults_Get}; list items of {@code Vaults_ListBySubscription} have the same shape)
 * to a VAULT record. Needs {@code Microsoft.KeyVault/vaults/read}.
 */
public final class VaultMapper {
    private final Provenance provenance;

    public VaultMapper(String apiVersion) {
        this.provenance = Provenance.resourceManager("Vaults_Get", apiVersion);
    }

    public ComplianceRecord map(JsonNode vault, RecordContext ctx) {
        String id = JsonFields.text(vault, "/id");
        JsonNode p = JsonFields.at(vault, "/properties");
        Normalize.NetworkRules network = Normalize.networkAcls(JsonFields.at(p, "/networkAcls"));
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("name", JsonFields.text(vault, "/name"));
        a.put("location", JsonFields.text(vault, "/location"));
        a.put("skuFamily", JsonFields.text(p, "/sku/family"));
        a.put("skuName", JsonFields.text(p, "/sku/name"));
        a.put("tenantId", JsonFields.text(p, "/tenantId"));
        a.put("vaultUri", Normalize.vaultUri(JsonFields.text(p, "/vaultUri")));
        a.put("softDeleteEnabled", Normalize.softDeleteEnabled(p));
        a.put("softDeleteRetentionDays", Normalize.softDeleteRetentionDays(p));
        a.put("purgeProtectionEnabled", Normalize.purgeProtectionEnabled(p));
        a.put("rbacAuthorization", Normalize.rbacAuthorization(p));
        a.put("accessPolicyCount", JsonFields.size(p, "/accessPolicies"));
        a.put("publicNetworkAccess", Normalize.publicNetworkAccess(JsonFields.at(p, "/publicNetworkAccess")));
        a.put("networkDefaultAction", network.defaultAction());
        a.put("networkBypass", network.bypass());
        a.put("ipRuleCount", network.ipRuleCount());
        a.put("virtualNetworkRuleCount", network.virtualNetworkRuleCount());
        a.put("privateEndpointConnections", privateEndpoints(JsonFields.at(p, "/privateEndpointConnections")));
        a.put("enabledForDeployment", Normalize.flag(p, "enabledForDeployment"));
        a.put("enabledForDiskEncryption", Normalize.flag(p, "enabledForDiskEncryption"));
        a.put("enabledForTemplateDeployment", Normalize.flag(p, "enabledForTemplateDeployment"));
        a.put("createdAt", Normalize.isoFromText(JsonFields.text(vault, "/systemData/createdAt")));
        a.put("createdBy", JsonFields.text(vault, "/systemData/createdBy"));
        a.put("tags", JsonFields.tags(vault, "/tags"));
        return ComplianceRecord.create(RecordType.VAULT, id, id, ctx.scopedTo(id), provenance, a);
    }

    private static List<Object> privateEndpoints(JsonNode connections) {
        List<Object> out = new ArrayList<>();
        if (connections == null) {
            return out;
        }
        for (JsonNode c : connections) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("id", JsonFields.text(c, "/id"));
            e.put("privateEndpointId", JsonFields.text(c, "/properties/privateEndpoint/id"));
            e.put("status", JsonFields.text(c, "/properties/privateLinkServiceConnectionState/status"));
            out.add(e);
        }
        return out;
    }
}
