package io.kvcompliance.records;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Secret metadata (ARM {@code Secrets_List} item) to a SECRET record; the value is never read or
 * copied. Needs {@code Microsoft.KeyVault/vaults/secrets/read}.
 *
 * <p>backsCertificate: ARM secret items carry no {@code managed} flag (only the data plane does), so
 * the only rule ARM allows is the content type Key Vault gives a certificate's secret:
 * {@code application/x-pkcs12} or {@code application/x-pem-file}. A hand-made secret with one of those
 * content types is reported as backing a certificate too.
 */
public final class SecretMapper {
    private static final Set<String> CERTIFICATE_CONTENT_TYPES = Set.of("application/x-pkcs12",
            "application/x-pem-file");

    private final Provenance provenance;

    public SecretMapper(String apiVersion) {
        this.provenance = Provenance.resourceManager("Secrets_List", apiVersion);
    }

    public ComplianceRecord map(JsonNode secret, RecordContext ctx) {
        String id = JsonFields.text(secret, "/id");
        JsonNode p = JsonFields.at(secret, "/properties");
        String contentType = JsonFields.text(p, "/contentType");
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("id", id);
        a.put("name", JsonFields.text(secret, "/name"));
        a.put("secretUri", Normalize.withoutDefaultPort(JsonFields.text(p, "/secretUri")));
        a.put("contentType", contentType);
        a.put("enabled", JsonFields.bool(p, "/attributes/enabled"));
        a.put("notBefore", Normalize.isoFromEpochSeconds(JsonFields.at(p, "/attributes/nbf")));
        a.put("expires", Normalize.isoFromEpochSeconds(JsonFields.at(p, "/attributes/exp")));
        a.put("created", Normalize.isoFromEpochSeconds(JsonFields.at(p, "/attributes/created")));
        a.put("updated", Normalize.isoFromEpochSeconds(JsonFields.at(p, "/attributes/updated")));
        a.put("backsCertificate", backsCertificate(contentType));
        a.put("tags", JsonFields.tags(secret, "/tags"));
        return ComplianceRecord.create(RecordType.SECRET, id, id, ctx.scopedTo(id), provenance, a);
    }

    private static boolean backsCertificate(String contentType) {
        if (contentType == null) {
            return false;
        }
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return CERTIFICATE_CONTENT_TYPES.contains(mediaType);
    }
}
