package io.kvcompliance.sandbox.model;

import java.util.List;
import java.util.Map;

/**
 * A certificate: the sandbox generates a real X.509 certificate from these fields. {@code issuer}
 * is the policy issuer name: "Self" makes a self-signed certificate, anything else is signed by the
 * sandbox's issuing CA whose subject is {@code issuerSubject} (default "CN=Sandbox Issuing CA").
 */
public record CertificateDef(
        String name,
        String subject,
        String issuer,
        String issuerSubject,
        List<String> dnsNames,
        String notBefore,
        String expires,
        Integer validityMonths,
        String kty,
        Integer keySize,
        String curveName,
        Boolean exportable,
        String contentType,
        Boolean enabled,
        String created,
        String updated,
        Integer lifetimePercentage,
        Integer daysBeforeExpiry,
        String lifetimeAction,
        Map<String, String> tags) {

    public CertificateDef {
        issuer = issuer == null ? "Self" : issuer;
        dnsNames = Lists.orEmpty(dnsNames);
        validityMonths = validityMonths == null ? 12 : validityMonths;
        kty = kty == null ? "RSA" : kty;
        exportable = exportable == null ? Boolean.TRUE : exportable;
        contentType = contentType == null ? "application/x-pkcs12" : contentType;
        enabled = enabled == null ? Boolean.TRUE : enabled;
        lifetimeAction = lifetimeAction == null ? "AutoRenew" : lifetimeAction;
        tags = Lists.orEmpty(tags);
    }

    public boolean selfSigned() {
        return "Self".equalsIgnoreCase(issuer);
    }
}
