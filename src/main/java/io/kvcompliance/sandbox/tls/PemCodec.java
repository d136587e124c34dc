package io.kvcompliance.sandbox.tls;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/** Reads and writes the PEM files of the sandbox's TLS identity, without registering a BC provider. */
final class PemCodec {
    private PemCodec() {
    }

    static String encode(String label, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    }

    /** The first certificate in the file; a chain's further certificates are ignored. */
    static X509Certificate readCertificate(Path file) {
        Object object = readFirstObject(file, "certificate");
        if (!(object instanceof X509CertificateHolder holder)) {
            throw unreadable(file, "holds no '-----BEGIN CERTIFICATE-----' block", null);
        }
        try {
            // no setProvider: the JDK's X.509 CertificateFactory does the parsing
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (CertificateException e) {
            throw unreadable(file, "holds a certificate the JDK cannot parse", e);
        }
    }

    /** An unencrypted PKCS#8 ("PRIVATE KEY") or PKCS#1/SEC1 ("RSA/EC PRIVATE KEY") key. */
    static PrivateKey readPrivateKey(Path file) {
        Object object = readFirstObject(file, "private key");
        try {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (object instanceof PEMKeyPair pair) {
                return converter.getPrivateKey(pair.getPrivateKeyInfo());
            }
            if (object instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
        } catch (IOException e) {
            throw unreadable(file, "holds a private key of an unsupported algorithm", e);
        }
        throw unreadable(file, "holds no unencrypted private key (found "
                + (object == null ? "nothing" : object.getClass().getSimpleName()) + ");"
                + " decrypt it first with 'openssl pkcs8 -topk8 -nocrypt -in <key> -out <key>.pem'", null);
    }

    /** Fails when the key does not belong to the certificate, which would otherwise surface as a vague handshake error. */
    static void requireMatchingKey(X509Certificate certificate, PrivateKey key, Path certPem, Path keyPem) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> key.getAlgorithm();
        };
        try {
            byte[] probe = "sandbox-key-match".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            if (verifier.verify(signature)) {
                return;
            }
        } catch (GeneralSecurityException e) {
            // a key of another algorithm than the certificate's lands here too: same answer as a mismatch
        }
        throw unreadable(keyPem, "is not the private key of the certificate in " + certPem.toAbsolutePath()
                + "; give the key that was issued with that certificate", null);
    }

    private static Object readFirstObject(Path file, String what) {
        if (!Files.isReadable(file)) {
            throw unreadable(file, "does not exist or is not readable; give the path of a PEM " + what, null);
        }
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
             PEMParser parser = new PEMParser(reader)) {
            return parser.readObject();
        } catch (IOException | RuntimeException e) {
            throw unreadable(file, "is not valid PEM; expected a PEM " + what, e);
        }
    }

    private static IllegalArgumentException unreadable(Path file, String problem, Exception cause) {
        return new IllegalArgumentException("Sandbox TLS file " + file.toAbsolutePath() + " " + problem
                + " (or omit the TLS files to let the sandbox generate its own certificate)", cause);
    }
}
