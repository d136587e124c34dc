package io.kvcompliance.records;

import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import javax.security.auth.x500.X500Principal;

/**
 * The public facts of a certificate's {@code cer} (base64 DER), read with the JDK's CertificateFactory.
 * Names are RFC 2253 strings; the serial number and SHA-1 thumbprint are upper-case hex.
 */
record X509Facts(String subject, String issuer, String serialNumber, String notBefore, String notAfter,
                 boolean selfSigned, String sha1Thumbprint) {

    /** Null when there is no cer or it does not parse: the record keeps the bundle's other metadata. */
    static X509Facts parse(String cerBase64) {
        if (cerBase64 == null || cerBase64.isBlank()) {
            return null;
        }
        try {
            byte[] der = Base64.getMimeDecoder().decode(cerBase64);
            X509Certificate c = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
            X500Principal subject = c.getSubjectX500Principal();
            X500Principal issuer = c.getIssuerX500Principal();
            return new X509Facts(subject.getName(X500Principal.RFC2253), issuer.getName(X500Principal.RFC2253),
                    serialHex(c), c.getNotBefore().toInstant().toString(),
                    c.getNotAfter().toInstant().toString(), subject.equals(issuer), sha1Hex(der));
        } catch (CertificateException | IllegalArgumentException | ClassCastException e) {
            return null;
        }
    }

    /** x5t is the base64url SHA-1 of the DER certificate; the thumbprint Azure shows is its hex. */
    static String thumbprintFromX5t(String x5t) {
        if (x5t == null || x5t.isBlank()) {
            return null;
        }
        try {
            return HexFormat.of().withUpperCase().formatHex(Base64.getUrlDecoder().decode(x5t.trim()));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Whole bytes, as openssl and Windows print it: a serial of 0x2A4E... reads "02A4E...". */
    private static String serialHex(X509Certificate c) {
        String hex = c.getSerialNumber().toString(16).toUpperCase(Locale.ROOT);
        return hex.length() % 2 == 0 ? hex : "0" + hex;
    }

    private static String sha1Hex(byte[] der) {
        try {
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-1").digest(der));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every JDK", e);
        }
    }
}
