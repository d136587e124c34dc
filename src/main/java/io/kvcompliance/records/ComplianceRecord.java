package io.kvcompliance.records;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One piece of compliance evidence: an envelope saying what Azure object it describes, where and when
 * it was read, and the object's attributes (an allowlisted, normalised view; see the JSON Schema in
 * {@code schema/compliance-record.schema.json}).
 */
@JsonPropertyOrder({"schemaVersion", "recordId", "type", "tenantId", "subscriptionId", "resourceGroup", "vault",
        "azureId", "collectedAt", "syncId", "provenance", "attributesHash", "attributes"})
public record ComplianceRecord(int schemaVersion, String recordId, RecordType type, String tenantId,
                               String subscriptionId, String resourceGroup, String vault, String azureId,
                               String collectedAt, String syncId, Provenance provenance, String attributesHash,
                               Map<String, Object> attributes) {
    public static final int SCHEMA_VERSION = 1;

    public ComplianceRecord {
        if (schemaVersion != SCHEMA_VERSION) {
            throw new IllegalArgumentException("unsupported schemaVersion " + schemaVersion);
        }
        Objects.requireNonNull(recordId, "recordId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(provenance, "provenance");
        // LinkedHashMap keeps the mapper's field order and, unlike Map.copyOf, the explicit nulls
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(attributes, "attributes")));
    }

    /**
     * Builds a record the only way mappers do: id from the identity, hash from the attributes, scope
     * and time from the context, then {@link RecordGuard} before anything leaves the mapper.
     *
     * @param identity the stable identity of the Azure object (its ARM id, data-plane id without
     *                 version, or a synthetic path for access policies and coverage)
     * @param azureId  the id shown to consumers, in Azure's own casing
     */
    public static ComplianceRecord create(RecordType type, String identity, String azureId, RecordContext ctx,
                                          Provenance provenance, Map<String, Object> attributes) {
        ComplianceRecord r = new ComplianceRecord(SCHEMA_VERSION, recordId(type, identity), type, ctx.tenantId(),
                ctx.subscriptionId(), ctx.resourceGroup(), ctx.vaultName(), azureId,
                Normalize.isoInstant(ctx.collectedAt()), ctx.syncId(), provenance,
                RecordJson.attributesHash(attributes), attributes);
        RecordGuard.requireNoSecretMaterial(r);
        return r;
    }

    /**
     * Same Azure object, same id in every sync: a name-based (v3) UUID of {@code type|identity}, the
     * identity lower-cased because ARM ids and Key Vault host names are case-insensitive.
     */
    public static String recordId(RecordType type, String identity) {
        if (identity == null || identity.isBlank()) {
            throw new IllegalArgumentException("a " + type.jsonName() + " record needs an identity");
        }
        String name = type.jsonName() + "|" + ArmId.key(identity);
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
