package io.kvcompliance.sandbox.tls;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What the sandbox needs to mint one Key Vault certificate: identity (vault, name, subject), issuer
 * choice, validity and key shape. {@code keyType} is a Key Vault kty (RSA, RSA-HSM, EC, EC-HSM; null
 * means RSA), {@code keySize} applies to RSA (null means 2048), {@code curveName} to EC (null means P-256).
 * {@code issuerSubjectDn} is ignored when self-signed; null means {@link CertificateMinter#DEFAULT_CA_SUBJECT}.
 */
public record CertificateSpec(
        String vaultName,
        String certificateName,
        String subjectDn,
        boolean selfSigned,
        String issuerSubjectDn,
        List<String> dnsNames,
        Instant notBefore,
        Instant notAfter,
        String keyType,
        Integer keySize,
        String curveName) {

    public CertificateSpec {
        Objects.requireNonNull(vaultName, "vaultName");
        Objects.requireNonNull(certificateName, "certificateName");
        Objects.requireNonNull(subjectDn, "subjectDn");
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(notAfter, "notAfter");
        if (notAfter.isBefore(notBefore)) {
            throw new IllegalArgumentException("Certificate " + vaultName + "/" + certificateName
                    + " expires (" + notAfter + ") before it starts (" + notBefore + "); fix its validity in the fixture");
        }
        // immutable, because the spec is the key of the minter's cache
        dnsNames = dnsNames == null ? List.of() : List.copyOf(dnsNames);
        keyType = keyType == null ? "RSA" : keyType;
    }

    /** True for RSA and RSA-HSM, false for EC and EC-HSM. */
    public boolean rsa() {
        return keyType.toUpperCase(Locale.ROOT).startsWith("RSA");
    }
}
