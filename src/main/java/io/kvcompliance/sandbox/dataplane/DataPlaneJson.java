package io.kvcompliance.sandbox.dataplane;

import io.kvcompliance.sandbox.fixture.FixtureClock;
import io.kvcompliance.sandbox.http.Seeded;
import io.kvcompliance.sandbox.model.CertificateDef;
import io.kvcompliance.sandbox.model.KeyDef;
import io.kvcompliance.sandbox.model.SecretDef;
import io.kvcompliance.sandbox.model.VaultRef;
import io.kvcompliance.sandbox.tls.MintedCertificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Key Vault data-plane JSON (KeyItem, SecretItem, CertificateItem, CertificateBundle, policy), times
 * in Unix seconds. Value and key-material answers live here too, because the sandbox must answer
 * them like Azure to catch a collector that asks.
 */
final class DataPlaneJson {
    private final FixtureClock clock;
    private final long seed;
    private final CertificateView certificates;

    DataPlaneJson(FixtureClock clock, long seed, CertificateView certificates) {
        this.clock = clock;
        this.seed = seed;
        this.certificates = certificates;
    }

    String version(VaultRef v, String type, String name) {
        return Seeded.hex32(seed, v.name(), type, name);
    }

    private Map<String, Object> attributes(Boolean enabled, String nbf, String exp, String created, String updated,
                                           String recoveryLevel) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("enabled", enabled);
        putIfSet(a, "nbf", clock.epochSeconds(nbf));
        putIfSet(a, "exp", clock.epochSeconds(exp));
        putIfSet(a, "created", clock.epochSeconds(created));
        putIfSet(a, "updated", clock.epochSeconds(updated != null ? updated : created));
        a.put("recoverableDays", 90);
        a.put("recoveryLevel", recoveryLevel != null ? recoveryLevel : "Recoverable+Purgeable");
        return a;
    }

    Map<String, Object> keyItem(String base, KeyDef k) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("kid", base + "/keys/" + k.name());
        Map<String, Object> a = attributes(k.enabled(), k.notBefore(), k.expires(), k.created(), k.updated(), k.recoveryLevel());
        putIfSet(a, "exportable", k.exportable());
        out.put("attributes", a);
        out.put("tags", k.tags());
        if (k.managed()) {
            out.put("managed", true);
        }
        return out;
    }

    Map<String, Object> secretItem(String base, SecretDef s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", base + "/secrets/" + s.name());
        out.put("attributes", attributes(s.enabled(), s.notBefore(), s.expires(), s.created(), s.updated(), s.recoveryLevel()));
        out.put("tags", s.tags());
        putIfSet(out, "contentType", s.contentType());
        if (s.managed()) {
            out.put("managed", true);
        }
        return out;
    }

    Map<String, Object> certificateItem(String base, VaultRef v, CertificateDef c) {
        MintedCertificate m = certificates.mint(v, c);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", base + "/certificates/" + c.name());
        out.put("x5t", m.x5t());
        out.put("attributes", certificateAttributes(c));
        out.put("tags", c.tags());
        out.put("subject", "");
        return out;
    }

    private Map<String, Object> certificateAttributes(CertificateDef c) {
        Map<String, Object> a = attributes(c.enabled(), null, null, c.created(), c.updated(), null);
        a.put("nbf", certificates.notBefore(c).getEpochSecond());
        a.put("exp", certificates.notAfter(c).getEpochSecond());
        return a;
    }

    Map<String, Object> certificateBundle(String base, VaultRef v, CertificateDef c) {
        MintedCertificate m = certificates.mint(v, c);
        String version = version(v, "certificate", c.name());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", base + "/certificates/" + c.name() + "/" + version);
        out.put("kid", base + "/keys/" + c.name() + "/" + version);
        out.put("sid", base + "/secrets/" + c.name() + "/" + version);
        out.put("x5t", m.x5t());
        out.put("cer", m.cerBase64());
        out.put("contentType", c.contentType());
        out.put("attributes", certificateAttributes(c));
        out.put("policy", policy(base, c));
        out.put("tags", c.tags());
        return out;
    }

    Map<String, Object> policy(String base, CertificateDef c) {
        Map<String, Object> key = new LinkedHashMap<>();
        key.put("exportable", c.exportable());
        key.put("kty", c.kty());
        putIfSet(key, "key_size", c.keySize() != null ? c.keySize() : c.kty().startsWith("RSA") ? 2048 : null);
        key.put("reuse_key", false);
        putIfSet(key, "crv", c.curveName());
        Map<String, Object> x509 = new LinkedHashMap<>();
        x509.put("subject", c.subject() != null ? c.subject() : "CN=" + c.name());
        x509.put("ekus", List.of("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"));
        x509.put("sans", Map.of("dns_names", c.dnsNames()));
        x509.put("key_usage", c.kty().startsWith("EC") ? List.of("digitalSignature") : List.of("digitalSignature", "keyEncipherment"));
        x509.put("validity_months", c.validityMonths());
        Map<String, Object> trigger = c.daysBeforeExpiry() != null ? Map.of("days_before_expiry", c.daysBeforeExpiry())
                : Map.of("lifetime_percentage", c.lifetimePercentage() != null ? c.lifetimePercentage() : 80);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", base + "/certificates/" + c.name() + "/policy");
        out.put("key_props", key);
        out.put("secret_props", Map.of("contentType", c.contentType()));
        out.put("x509_props", x509);
        out.put("lifetime_actions", List.of(Map.of("trigger", trigger, "action", Map.of("action_type", c.lifetimeAction()))));
        Map<String, Object> issuer = new LinkedHashMap<>();
        issuer.put("name", c.issuer());
        issuer.put("cert_transparency", false);
        out.put("issuer", issuer);
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("enabled", true);
        putIfSet(a, "created", clock.epochSeconds(c.created()));
        putIfSet(a, "updated", clock.epochSeconds(c.updated() != null ? c.updated() : c.created()));
        out.put("attributes", a);
        return out;
    }

    /** SecretBundle: what a value read returns. The sandbox serves it only to count the violation. */
    Map<String, Object> secretBundle(String base, VaultRef v, SecretDef s) {
        Map<String, Object> out = secretItem(base, s);
        out.put("id", base + "/secrets/" + s.name() + "/" + version(v, "secret", s.name()));
        out.put("value", s.value() != null ? s.value() : "sandbox-value-" + version(v, "value", s.name()).substring(0, 12));
        if (s.managed()) {
            out.put("kid", base + "/keys/" + s.name() + "/" + version(v, "key", s.name()));
        }
        return out;
    }

    /** KeyBundle with the public JWK (n, e or x, y): key material the collector must never request. */
    Map<String, Object> keyBundle(String base, VaultRef v, KeyDef k) {
        Map<String, Object> jwk = new LinkedHashMap<>();
        jwk.put("kid", base + "/keys/" + k.name() + "/" + version(v, "key", k.name()));
        jwk.put("kty", k.kty());
        jwk.put("key_ops", k.keyOps());
        if (k.kty().startsWith("EC")) {
            jwk.put("crv", k.curveName() != null ? k.curveName() : "P-256");
            jwk.put("x", Seeded.hex32(seed, "x", k.name()));
            jwk.put("y", Seeded.hex32(seed, "y", k.name()));
        } else {
            jwk.put("n", Seeded.hex32(seed, "n", k.name()).repeat(8));
            jwk.put("e", "AQAB");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("key", jwk);
        out.put("attributes", keyItem(base, k).get("attributes"));
        out.put("tags", k.tags());
        return out;
    }

    private static void putIfSet(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
