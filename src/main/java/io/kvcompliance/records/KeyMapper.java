package io.kvcompliance.records;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Key metadata (ARM {@code Keys_List} item, same shape as {@code Keys_Get}) to a KEY record. ARM
 * never returns key material here; if a JWK ever rode along, nothing of it is copied. Needs
 * {@code Microsoft.KeyVault/vaults/keys/read}.
 */
public final class KeyMapper {
    private final Provenance provenance;

    public KeyMapper(String apiVersion) {
        this.provenance = Provenance.resourceManager("Keys_List", apiVersion);
    }

    public ComplianceRecord map(JsonNode key, RecordContext ctx) {
        String id = JsonFields.text(key, "/id");
        JsonNode p = JsonFields.at(key, "/properties");
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("id", id);
        a.put("name", JsonFields.text(key, "/name"));
        a.put("keyUri", Normalize.withoutDefaultPort(JsonFields.text(p, "/keyUri")));
        a.put("keyType", JsonFields.text(p, "/kty"));
        a.put("keySize", JsonFields.integer(p, "/keySize"));
        a.put("curveName", JsonFields.text(p, "/curveName"));
        a.put("keyOperations", Normalize.sortedSet(JsonFields.strings(p, "/keyOps")));
        a.put("enabled", JsonFields.bool(p, "/attributes/enabled"));
        a.put("notBefore", Normalize.isoFromEpochSeconds(JsonFields.at(p, "/attributes/nbf")));
        a.put("expires", Normalize.isoFromEpochSeconds(JsonFields.at(p, "/attributes/exp")));
        a.put("created", Normalize.isoFromEpochSeconds(JsonFields.at(p, "/attributes/created")));
        a.put("updated", Normalize.isoFromEpochSeconds(JsonFields.at(p, "/attributes/updated")));
        a.put("recoveryLevel", JsonFields.text(p, "/attributes/recoveryLevel"));
        a.put("exportable", JsonFields.bool(p, "/attributes/exportable"));
        a.put("rotationPolicy", rotationPolicy(JsonFields.at(p, "/rotationPolicy")));
        a.put("tags", JsonFields.tags(key, "/tags"));
        return ComplianceRecord.create(RecordType.KEY, id, id, ctx.scopedTo(id), provenance, a);
    }

    /**
     * The rotation policy as a compliance check reads it: is automatic rotation on (a "rotate" action
     * exists), when it fires, and when the owner is notified. Null when the key has no policy.
     */
    private static Map<String, Object> rotationPolicy(JsonNode policy) {
        if (policy == null) {
            return null;
        }
        JsonNode rotate = action(policy, "rotate");
        JsonNode notify = action(policy, "notify");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("enabled", rotate != null);
        out.put("rotateAfter", JsonFields.text(rotate, "/trigger/timeAfterCreate"));
        out.put("rotateBeforeExpiry", JsonFields.text(rotate, "/trigger/timeBeforeExpiry"));
        out.put("expiryTime", JsonFields.text(policy, "/attributes/expiryTime"));
        out.put("notifyBeforeExpiry", JsonFields.text(notify, "/trigger/timeBeforeExpiry"));
        return out;
    }

    // action types arrive as "Rotate" from ARM and "rotate" from the data plane
    private static JsonNode action(JsonNode policy, String type) {
        JsonNode actions = JsonFields.at(policy, "/lifetimeActions");
        if (actions != null) {
            for (JsonNode a : actions) {
                if (type.equalsIgnoreCase(JsonFields.text(a, "/action/type"))) {
                    return a;
                }
            }
        }
        return null;
    }
}
