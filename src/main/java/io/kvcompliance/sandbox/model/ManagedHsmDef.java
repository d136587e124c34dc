package io.kvcompliance.sandbox.model;

import java.util.List;
import java.util.Map;

/** A managed HSM pool (listed by subscription, collected as its own record type). */
public record ManagedHsmDef(
        String name,
        String resourceGroup,
        String location,
        String sku,
        List<String> initialAdminObjectIds,
        Boolean enableSoftDelete,
        Integer softDeleteRetentionInDays,
        Boolean enablePurgeProtection,
        String publicNetworkAccess,
        String provisioningState,
        String statusMessage,
        Map<String, String> tags) {

    public ManagedHsmDef {
        sku = sku == null ? "Standard_B1" : sku;
        initialAdminObjectIds = Lists.orEmpty(initialAdminObjectIds);
        provisioningState = provisioningState == null ? "Succeeded" : provisioningState;
        tags = Lists.orEmpty(tags);
    }
}
