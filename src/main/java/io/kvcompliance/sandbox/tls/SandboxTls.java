package io.kvcompliance.sandbox.tls;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** The sandbox's HTTPS server identity: certificate, private key, and the trust material clients need. */
public final class SandboxTls {
    public static final String SUBJECT = "CN=keyvault-compliance sandbox";
    public static final String CA_PEM_FILE = "sandbox-ca.pem";
    public static final String TRUSTSTORE_FILE = "sandbox-truststore.p12";
    public static final String TRUSTSTORE_PASSWORD = "changeit";
    public static final String TRUSTSTORE_ALIAS = "sandbox";

    private final X509Certificate certificate;
    private final PrivateKey privateKey;

    private SandboxTls(X509Certificate certificate, PrivateKey privateKey) {
        this.certificate = certificate;
        this.privateKey = privateKey;
    }

    /**
     * A fresh self-signed RSA 2048 identity for the given DNS names (wildcards allowed) plus 127.0.0.1
     * and ::1. It is end-entity (CA=false) yet trusted directly as its own anchor: JSSE, OpenSSL and
     * rustls all accept an exact-match trusted leaf, and rustls rejects a CA=true certificate as a leaf.
     */
    public static SandboxTls generate(List<String> dnsNames) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048, new SecureRandom());
            KeyPair keys = generator.generateKeyPair();
            Instant now = Instant.now();
            X500Name subject = new X500Name(SUBJECT);
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                    new BigInteger(128, new SecureRandom()).setBit(0), Date.from(now.minus(Duration.ofHours(1))),
                    Date.from(now.plus(Duration.ofDays(30))), subject, keys.getPublic());
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true,
                            new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(keys.getPublic()))
                    .addExtension(Extension.subjectAlternativeName, false, subjectAltNames(dnsNames));
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
            return new SandboxTls(certificate, keys.getPrivate());
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException("Cannot generate the sandbox TLS certificate", e);
        }
    }

    /** An operator-supplied identity: a PEM certificate and an unencrypted PKCS#8 or PKCS#1 PEM key. */
    public static SandboxTls load(Path certPem, Path keyPem) {
        X509Certificate certificate = PemCodec.readCertificate(certPem);
        PrivateKey key = PemCodec.readPrivateKey(keyPem);
        PemCodec.requireMatchingKey(certificate, key, certPem, keyPem);
        return new SandboxTls(certificate, key);
    }

    private static GeneralNames subjectAltNames(List<String> dnsNames) {
        List<GeneralName> names = new ArrayList<>();
        dnsNames.forEach(name -> names.add(new GeneralName(GeneralName.dNSName, name)));
        names.add(new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
        names.add(new GeneralName(GeneralName.iPAddress, "::1"));
        return new GeneralNames(names.toArray(GeneralName[]::new));
    }

    public X509Certificate certificate() {
        return certificate;
    }

    public String certificatePem() {
        return PemCodec.encode("CERTIFICATE", encoded());
    }

    /** PKCS#8 PEM, for in-memory server configuration (Vert.x PemKeyCertOptions); never written to disk here. */
    public String privateKeyPem() {
        return PemCodec.encode("PRIVATE KEY", privateKey.getEncoded());
    }

    /** SHA-256 of the DER certificate as upper-case hex with colons, the form keytool and openssl print. */
    public String sha256Fingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(encoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }

    /** A client SSLContext that trusts exactly this certificate; TLSv1.3 context, which also offers 1.2. */
    public SSLContext clientContext() {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trustStore());
            SSLContext context = SSLContext.getInstance("TLSv1.3");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Cannot build the sandbox client TLS context", e);
        }
    }

    /** Writes the certificate as PEM and as a PKCS12 trust store into dir; the private key is never written. */
    public void writeTrustMaterial(Path dir) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(CA_PEM_FILE), certificatePem(), StandardCharsets.US_ASCII);
            try (OutputStream out = Files.newOutputStream(dir.resolve(TRUSTSTORE_FILE))) {
                trustStore().store(out, TRUSTSTORE_PASSWORD.toCharArray());
            }
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Cannot write the sandbox trust material to " + dir.toAbsolutePath()
                    + "; choose a writable directory", e);
        }
    }

    private KeyStore trustStore() throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry(TRUSTSTORE_ALIAS, certificate);
        return store;
    }

    private byte[] encoded() {
        try {
            return certificate.getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The sandbox certificate cannot be encoded", e);
        }
    }
}
