package io.kvcompliance.records;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A soft-deleted vault (ARM {@code Vaults_ListDeleted}) to a DELETED_VAULT record. Needs
 * {@code Microsoft.KeyVault/deletedVaults/read}. The record's resource group and vault are those of
 * the original vault id, so a deleted vault sits next to the records it used to have.
 */
public final class DeletedVaultMapper {
    private final Provenance provenance;

    public DeletedVaultMapper(String apiVersion) {
        this.provenance = Provenance.resourceManager("Vaults_ListDeleted", apiVersion);
    }

    public ComplianceRecord map(JsonNode deleted, RecordContext ctx) {
        String id = JsonFields.text(deleted, "/id");
        JsonNode p = JsonFields.at(deleted, "/properties");
        String vaultId = JsonFields.text(p, "/vaultId");
        ArmId original = ArmId.parse(vaultId);
        String name = JsonFields.text(deleted, "/name");
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("name", name);
        a.put("vaultId", vaultId);
        a.put("location", JsonFields.text(p, "/location"));
        a.put("deletionDate", Normalize.isoFromText(JsonFields.text(p, "/deletionDate")));
        a.put("scheduledPurgeDate", Normalize.isoFromText(JsonFields.text(p, "/scheduledPurgeDate")));
        // same rule as a live vault's enablePurgeProtection: absent means it was off
        a.put("purgeProtectionEnabled", Boolean.TRUE.equals(JsonFields.bool(p, "/purgeProtectionEnabled")));
        a.put("tags", JsonFields.tags(p, "/tags"));
        RecordContext scoped = ctx.withScope(JsonFields.orElse(ArmId.parse(id).subscriptionId(), ctx.subscriptionId()),
                original.resourceGroup(), JsonFields.orElse(original.vaultName(), name), vaultId);
        return ComplianceRecord.create(RecordType.DELETED_VAULT, id, id, scoped, provenance, a);
    }
}
