package io.kvcompliance.sandbox.tls;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;

/** Mints real public X.509 certificates for the fixture's Key Vault certificates, deterministically under a seed. */
public final class CertificateMinter {
    public static final String DEFAULT_CA_SUBJECT = "CN=Sandbox Issuing CA, O=keyvault-compliance sandbox";
    // Fixed rather than "now" so a CA is byte-identical across runs; wide enough to cover any fixture leaf.
    private static final Instant CA_NOT_BEFORE = Instant.parse("2000-01-01T00:00:00Z");
    private static final Instant CA_NOT_AFTER = Instant.parse("2099-12-31T23:59:59Z");

    private final long seed;
    private final SeededKeyPool keys;
    private final Map<String, X509CertificateHolder> authorities = new ConcurrentHashMap<>();
    // keyed by the whole spec, so a changed key type or issuer can never be served a stale certificate
    private final Map<CertificateSpec, MintedCertificate> minted = new ConcurrentHashMap<>();

    public CertificateMinter(long seed) {
        this.seed = seed;
        this.keys = new SeededKeyPool(seed);
        keys.caKey();
        keys.leafKey("RSA", 2048, null);
    }

    /** The certificate for a spec; the same spec (and seed) always gives the same certificate. Thread-safe. */
    public MintedCertificate mint(CertificateSpec spec) {
        return minted.computeIfAbsent(spec, this::build);
    }

    /** The self-signed issuing CA for a subject (null means the default), e.g. to verify or to serve a chain. */
    public X509Certificate issuingCertificate(String issuerSubjectDn) {
        try {
            return new JcaX509CertificateConverter().getCertificate(authority(issuerSubjectDn));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The issuing CA for " + issuerSubjectDn + " cannot be parsed", e);
        }
    }

    private MintedCertificate build(CertificateSpec spec) {
        KeyPair leaf = keys.leafKey(spec.keyType(), spec.keySize(), spec.curveName());
        X500Name subject = DistinguishedNames.parse(spec.subjectDn(), spec.vaultName() + "/" + spec.certificateName());
        X509CertificateHolder ca = spec.selfSigned() ? null : authority(spec.issuerSubjectDn());
        X500Name issuer = ca == null ? subject : ca.getSubject();
        PublicKey issuerKey = ca == null ? leaf.getPublic() : keys.caKey().getPublic();
        BigInteger serial = serial(spec.vaultName(), spec.certificateName());
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, serial,
                seconds(spec.notBefore()), seconds(spec.notAfter()), subject, leaf.getPublic());
        try {
            addLeafExtensions(builder, spec, leaf.getPublic(), issuerKey);
            PrivateKey signingKey = ca == null ? leaf.getPrivate() : keys.caKey().getPrivate();
            // ECDSA draws a nonce per signature: seeding it from the whole spec makes EC output repeatable
            // while two different certificates never share a nonce
            byte[] der = builder.build(keys.signer(signingKey, "sign", spec.toString())).getEncoded();
            return new MintedCertificate(der, thumbprint("SHA-1", der), thumbprint("SHA-256", der), serial,
                    DistinguishedNames.rfc2253(subject), DistinguishedNames.rfc2253(issuer));
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException("Cannot mint certificate " + spec.vaultName() + "/" + spec.certificateName(), e);
        }
    }

    private static void addLeafExtensions(X509v3CertificateBuilder builder, CertificateSpec spec, PublicKey leafKey,
                                          PublicKey issuerKey) throws GeneralSecurityException, CertIOException {
        // keyEncipherment is an RSA key-transport usage; EC TLS keys only sign
        int usage = spec.rsa() ? KeyUsage.digitalSignature | KeyUsage.keyEncipherment : KeyUsage.digitalSignature;
        JcaX509ExtensionUtils ids = new JcaX509ExtensionUtils();
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(usage))
                .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                .addExtension(Extension.subjectKeyIdentifier, false, ids.createSubjectKeyIdentifier(leafKey))
                .addExtension(Extension.authorityKeyIdentifier, false, ids.createAuthorityKeyIdentifier(issuerKey));
        if (!spec.dnsNames().isEmpty()) {
            GeneralName[] names = spec.dnsNames().stream()
                    .map(name -> new GeneralName(GeneralName.dNSName, name)).toArray(GeneralName[]::new);
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
        }
    }

    private X509CertificateHolder authority(String issuerSubjectDn) {
        X500Name subject = DistinguishedNames.parse(issuerSubjectDn == null ? DEFAULT_CA_SUBJECT : issuerSubjectDn,
                "the issuing CA");
        return authorities.computeIfAbsent(DistinguishedNames.canonical(subject),
                canonical -> selfSignedAuthority(subject, canonical));
    }

    private X509CertificateHolder selfSignedAuthority(X500Name subject, String canonical) {
        KeyPair ca = keys.caKey();
        BigInteger serial = new BigInteger(1, Arrays.copyOf(SeededKeyPool.digest(seed, "ca", canonical), 16));
        try {
            JcaX509ExtensionUtils ids = new JcaX509ExtensionUtils();
            return new JcaX509v3CertificateBuilder(subject, serial, seconds(CA_NOT_BEFORE), seconds(CA_NOT_AFTER),
                    subject, ca.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false, ids.createSubjectKeyIdentifier(ca.getPublic()))
                    .build(keys.signer(ca.getPrivate(), "ca-sign", canonical));
        } catch (GeneralSecurityException | CertIOException | OperatorCreationException e) {
            throw new IllegalStateException("Cannot create the issuing CA " + canonical, e);
        }
    }

    /** Positive 16-byte serial from SHA-256(seed, vault, name): stable across restarts and distinct per certificate. */
    private BigInteger serial(String vaultName, String certificateName) {
        return new BigInteger(1, Arrays.copyOf(SeededKeyPool.digest(seed, vaultName, certificateName), 16));
    }

    // X.509 validity has second precision; truncating here keeps the DER independent of sub-second input.
    private static Date seconds(Instant instant) {
        return Date.from(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    private static String thumbprint(String algorithm, byte[] der) throws GeneralSecurityException {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance(algorithm).digest(der));
    }
}
