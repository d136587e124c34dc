package io.kvcompliance.sandbox.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.Test;

class CertificateMinterTest {
    private static final Instant NOT_BEFORE = Instant.parse("2025-01-01T00:00:00.750Z");
    private static final Instant NOT_AFTER = Instant.parse("2026-01-01T12:30:45Z");
    private static final CertificateMinter MINTER = new CertificateMinter(42L);

    @Test
    void selfSignedCertificateCarriesSpecIdentityAndVerifiesWithItsOwnKey() throws Exception {
        CertificateSpec spec = spec("web", "CN=web.contoso.test, O=Contoso", true, null, "RSA", null);
        MintedCertificate minted = MINTER.mint(spec);
        X509Certificate cert = parse(minted.der());

        assertThat(cert.getSubjectX500Principal()).isEqualTo(new X500Principal("CN=web.contoso.test, O=Contoso"));
        assertThat(cert.getIssuerX500Principal()).isEqualTo(cert.getSubjectX500Principal());
        assertThat(cert.getSerialNumber()).isEqualTo(minted.serial()).isPositive();
        assertThat(cert.getNotBefore().toInstant()).isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
        assertThat(cert.getNotAfter().toInstant()).isEqualTo(NOT_AFTER);
        assertThat(minted.subject()).isEqualTo("CN=web.contoso.test,O=Contoso").isEqualTo(minted.issuer());
        cert.verify(cert.getPublicKey());
    }

    @Test
    void caIssuedCertificateVerifiesAgainstIssuingCa() throws Exception {
        MintedCertificate minted = MINTER.mint(spec("api", "CN=api.contoso.test", false, null, "RSA", null));
        X509Certificate cert = parse(minted.der());
        X509Certificate ca = MINTER.issuingCertificate(null);

        assertThat(cert.getIssuerX500Principal()).isEqualTo(new X500Principal(CertificateMinter.DEFAULT_CA_SUBJECT))
                .isNotEqualTo(cert.getSubjectX500Principal());
        cert.verify(ca.getPublicKey());
        ca.verify(ca.getPublicKey());
        assertThat(ca.getBasicConstraints()).isZero();
        assertThat(cert.getSubjectAlternativeNames()).containsExactly(List.of(2, "api.contoso.test"));
        assertThat(cert.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
    }

    @Test
    void namedIssuerSubjectGetsItsOwnCa() throws Exception {
        MintedCertificate minted = MINTER.mint(spec("named", "CN=named", false, "CN=Contoso Issuing CA", "RSA", null));
        X509Certificate cert = parse(minted.der());

        assertThat(cert.getIssuerX500Principal()).isEqualTo(new X500Principal("CN=Contoso Issuing CA"));
        cert.verify(MINTER.issuingCertificate("CN=Contoso Issuing CA").getPublicKey());
    }

    @Test
    void sameSeedGivesByteIdenticalRsaCertificatesAcrossMinters() {
        CertificateMinter other = new CertificateMinter(42L);
        for (boolean selfSigned : new boolean[] {true, false}) {
            CertificateSpec spec = spec("same", "CN=same", selfSigned, null, "RSA-HSM", 2048);
            assertThat(other.mint(spec).der()).isEqualTo(MINTER.mint(spec).der());
        }
    }

    @Test
    void differentSeedGivesDifferentSerial() {
        CertificateSpec spec = spec("serial", "CN=serial", true, null, "RSA", null);
        assertThat(new CertificateMinter(7L).mint(spec).serial()).isNotEqualTo(MINTER.mint(spec).serial());
    }

    @Test
    void ecCertificatesCarryEcKeysOfTheRequestedCurve() throws Exception {
        for (String curve : List.of("P-256", "P-384")) {
            X509Certificate cert = parse(MINTER.mint(spec("ec-" + curve, "CN=ec", true, null, "EC", curve)).der());
            assertThat(cert.getPublicKey()).isInstanceOf(ECPublicKey.class);
            int bits = ((ECPublicKey) cert.getPublicKey()).getParams().getCurve().getField().getFieldSize();
            assertThat(bits).isEqualTo(curve.equals("P-256") ? 256 : 384);
            assertThat(cert.getSigAlgName()).isEqualTo("SHA256withECDSA");
            cert.verify(cert.getPublicKey());
        }
    }

    @Test
    void thumbprintsAreBase64UrlDigestsOfTheDer() throws Exception {
        MintedCertificate minted = MINTER.mint(spec("thumb", "CN=thumb", true, null, "RSA", null));
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();

        assertThat(minted.x5t()).isEqualTo(url.encodeToString(MessageDigest.getInstance("SHA-1").digest(minted.der())));
        assertThat(minted.x5tS256())
                .isEqualTo(url.encodeToString(MessageDigest.getInstance("SHA-256").digest(minted.der())));
        assertThat(minted.cerBase64()).isEqualTo(Base64.getEncoder().encodeToString(minted.der()));
    }

    @Test
    void repeatedMintIsServedFromCacheAndDerCannotBeAltered() {
        CertificateSpec spec = spec("cache", "CN=cache", false, null, "RSA", null);
        MintedCertificate first = MINTER.mint(spec);
        first.der()[0] = 0;

        assertThat(MINTER.mint(spec)).isSameAs(first);
        assertThat(first.der()[0]).isEqualTo((byte) 0x30);
    }

    @Test
    void rejectsKeyTypesKeyVaultCertificatesCannotHave() {
        assertThatThrownBy(() -> MINTER.mint(spec("oct", "CN=oct", true, null, "oct", null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("RSA, RSA-HSM, EC or EC-HSM");
    }

    private static CertificateSpec spec(String name, String subject, boolean selfSigned, String issuer,
                                        String keyType, Object sizeOrCurve) {
        List<String> dns = subject.startsWith("CN=") && subject.contains(".") ? List.of(subject.substring(3).split(",")[0]) : List.of();
        return new CertificateSpec("kv1", name, subject, selfSigned, issuer, dns, NOT_BEFORE, NOT_AFTER, keyType,
                sizeOrCurve instanceof Integer size ? size : null, sizeOrCurve instanceof String curve ? curve : null);
    }

    private static X509Certificate parse(byte[] der) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    }
}
