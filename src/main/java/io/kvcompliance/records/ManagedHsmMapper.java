package io.kvcompliance.records;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A managed HSM pool (ARM {@code ManagedHsms_ListBySubscription} item) to a MANAGED_HSM record.
 * Needs {@code Microsoft.KeyVault/managedHSMs/read}. An HSM is not a vault: the record's
 * {@code vault} is null and its name is an attribute.
 */
public final class ManagedHsmMapper {
    private final Provenance provenance;

    public ManagedHsmMapper(String apiVersion) {
        this.provenance = Provenance.resourceManager("ManagedHsms_ListBySubscription", apiVersion);
    }

    public ComplianceRecord map(JsonNode hsm, RecordContext ctx) {
        String id = JsonFields.text(hsm, "/id");
        JsonNode p = JsonFields.at(hsm, "/properties");
        Normalize.NetworkRules network = Normalize.networkAcls(JsonFields.at(p, "/networkAcls"));
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("name", JsonFields.text(hsm, "/name"));
        a.put("location", JsonFields.text(hsm, "/location"));
        a.put("skuFamily", JsonFields.text(hsm, "/sku/family"));
        a.put("skuName", JsonFields.text(hsm, "/sku/name"));
        a.put("tenantId", JsonFields.text(p, "/tenantId"));
        a.put("hsmUri", Normalize.vaultUri(JsonFields.text(p, "/hsmUri")));
        a.put("softDeleteEnabled", Normalize.softDeleteEnabled(p));
        a.put("softDeleteRetentionDays", Normalize.softDeleteRetentionDays(p));
        a.put("purgeProtectionEnabled", Normalize.managedHsmPurgeProtectionEnabled(p));
        a.put("publicNetworkAccess", Normalize.publicNetworkAccess(JsonFields.at(p, "/publicNetworkAccess")));
        a.put("networkDefaultAction", network.defaultAction());
        a.put("networkBypass", network.bypass());
        a.put("initialAdminObjectIds", Normalize.sortedSet(JsonFields.strings(p, "/initialAdminObjectIds")));
        a.put("provisioningState", JsonFields.text(p, "/provisioningState"));
        a.put("statusMessage", JsonFields.text(p, "/statusMessage"));
        a.put("securityDomainActivationStatus", JsonFields.text(p, "/securityDomainProperties/activationStatus"));
        a.put("tags", JsonFields.tags(hsm, "/tags"));
        ArmId arm = ArmId.parse(id);
        RecordContext scoped = ctx.withScope(JsonFields.orElse(arm.subscriptionId(), ctx.subscriptionId()),
                arm.resourceGroup(), null, null);
        return ComplianceRecord.create(RecordType.MANAGED_HSM, id, id, scoped, provenance, a);
    }
}
