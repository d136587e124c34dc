package io.kvcompliance.sandbox.tls;

import java.math.BigInteger;
import java.util.Base64;

/**
 * A minted public certificate as Key Vault reports it: DER ("cer"), thumbprints (x5t and x5t#S256,
 * base64url without padding) and serial; subject and issuer in RFC 2253 form as read from the DER.
 * The DER array is copied in and out, so equals/hashCode compare it by identity of the copy: compare
 * {@link #der()} contents or the thumbprints instead.
 */
public record MintedCertificate(byte[] der, String x5t, String x5tS256, BigInteger serial, String subject, String issuer) {

    public MintedCertificate {
        der = der.clone();
    }

    /** A copy of the DER encoding; the minter's cached copy stays untouched. */
    @Override
    public byte[] der() {
        return der.clone();
    }

    /** Standard base64 of the DER, the form of the CertificateBundle "cer" field. */
    public String cerBase64() {
        return Base64.getEncoder().encodeToString(der);
    }
}
