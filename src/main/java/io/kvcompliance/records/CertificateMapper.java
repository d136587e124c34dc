package io.kvcompliance.records;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Key Vault data-plane certificates to CERTIFICATE records: the bundle of {@code GetCertificate}
 * (GET /certificates/{name}, with the public {@code cer} and the policy) or, when only the list is
 * readable, a {@code GetCertificates} item. Needs certificates get/list (access policy) or
 * {@code Microsoft.KeyVault/vaults/certificates/read} (RBAC). The identity is the id without version,
 * so a renewal updates the same record.
 */
public final class CertificateMapper {
    private final Provenance bundle;
    private final Provenance listItem;

    public CertificateMapper(String apiVersion) {
        this.bundle = Provenance.keyVault("GetCertificate", apiVersion);
        this.listItem = Provenance.keyVault("GetCertificates", apiVersion);
    }

    public ComplianceRecord map(JsonNode certificate, RecordContext ctx) {
        X509Facts x509 = X509Facts.parse(JsonFields.text(certificate, "/cer"));
        JsonNode policy = JsonFields.at(certificate, "/policy");
        Map<String, Object> a = common(certificate, x509);
        a.put("policyIssuerName", JsonFields.text(policy, "/issuer/name"));
        a.put("validityMonths", JsonFields.integer(policy, "/x509_props/validity_months"));
        a.put("keyType", JsonFields.text(policy, "/key_props/kty"));
        a.put("keySize", JsonFields.integer(policy, "/key_props/key_size"));
        a.put("curve", JsonFields.text(policy, "/key_props/crv"));
        a.put("exportable", JsonFields.bool(policy, "/key_props/exportable"));
        a.put("contentType", JsonFields.text(certificate, "/contentType"));
        return finish(a, certificate, ctx, bundle);
    }

    /** Only what a list item carries; the fields the bundle alone has are null (absent, not false). */
    public ComplianceRecord mapListItem(JsonNode item, RecordContext ctx) {
        Map<String, Object> a = common(item, null);
        a.put("policyIssuerName", null);
        a.put("validityMonths", null);
        a.put("keyType", null);
        a.put("keySize", null);
        a.put("curve", null);
        a.put("exportable", null);
        a.put("contentType", null);
        return finish(a, item, ctx, listItem);
    }

    private static Map<String, Object> common(JsonNode c, X509Facts x509) {
        DataPlaneId id = DataPlaneId.parse(JsonFields.text(c, "/id"));
        String thumbprint = JsonFields.orElse(X509Facts.thumbprintFromX5t(JsonFields.text(c, "/x5t")),
                x509 == null ? null : x509.sha1Thumbprint());
        String nbf = Normalize.isoFromEpochSeconds(JsonFields.at(c, "/attributes/nbf"));
        String exp = Normalize.isoFromEpochSeconds(JsonFields.at(c, "/attributes/exp"));
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("id", id.objectId());
        a.put("name", id.name());
        a.put("version", id.version());
        a.put("thumbprint", thumbprint);
        a.put("subject", x509 == null ? null : x509.subject());
        a.put("issuer", x509 == null ? null : x509.issuer());
        a.put("serialNumber", x509 == null ? null : x509.serialNumber());
        a.put("selfSigned", x509 == null ? null : x509.selfSigned());
        a.put("notBefore", JsonFields.orElse(nbf, x509 == null ? null : x509.notBefore()));
        a.put("notAfter", JsonFields.orElse(exp, x509 == null ? null : x509.notAfter()));
        a.put("enabled", JsonFields.bool(c, "/attributes/enabled"));
        a.put("created", Normalize.isoFromEpochSeconds(JsonFields.at(c, "/attributes/created")));
        a.put("updated", Normalize.isoFromEpochSeconds(JsonFields.at(c, "/attributes/updated")));
        a.put("tags", JsonFields.tags(c, "/tags"));
        return a;
    }

    private static ComplianceRecord finish(Map<String, Object> a, JsonNode c, RecordContext ctx, Provenance p) {
        DataPlaneId id = DataPlaneId.parse(JsonFields.text(c, "/id"));
        // the vault's host name is its name, for a caller that has no vault-level context
        RecordContext scoped = ctx.vaultName() != null ? ctx
                : ctx.withScope(ctx.subscriptionId(), ctx.resourceGroup(), id.vaultName(), ctx.vaultId());
        return ComplianceRecord.create(RecordType.CERTIFICATE, id.objectId(), id.objectId(), scoped, p, a);
    }

    /** https://{vault}.{suffix}[:443]/certificates/{name}[/{version}], port dropped. */
    private record DataPlaneId(String objectId, String name, String version, String vaultName) {
        static DataPlaneId parse(String raw) {
            if (raw == null) {
                throw new IllegalArgumentException("certificate without id");
            }
            URI uri = URI.create(Normalize.withoutDefaultPort(raw.trim()));
            String[] seg = uri.getPath().replaceAll("^/+|/+$", "").split("/");
            if (seg.length < 2 || !seg[0].equalsIgnoreCase("certificates")) {
                throw new IllegalArgumentException("not a certificate id: " + raw);
            }
            String base = uri.getScheme() + "://" + uri.getRawAuthority();
            String vault = uri.getHost() == null ? null : uri.getHost().split("\\.", 2)[0];
            return new DataPlaneId(base + "/certificates/" + seg[1], seg[1], seg.length > 2 ? seg[2] : null, vault);
        }
    }
}
