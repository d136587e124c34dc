package io.kvcompliance.sandbox.model;

import java.util.Map;

/** A soft-deleted vault still inside its retention period. */
public record DeletedVaultDef(
        String name,
        String location,
        String resourceGroup,
        String deletionDate,
        String scheduledPurgeDate,
        Boolean purgeProtectionEnabled,
        Map<String, String> tags) {

    public DeletedVaultDef {
        tags = Lists.orEmpty(tags);
    }
}
