package io.kvcompliance.sandbox.dataplane;

import io.kvcompliance.sandbox.fixture.FixtureClock;
import io.kvcompliance.sandbox.model.CertificateDef;
import io.kvcompliance.sandbox.model.VaultRef;
import io.kvcompliance.sandbox.tls.CertificateMinter;
import io.kvcompliance.sandbox.tls.CertificateSpec;
import io.kvcompliance.sandbox.tls.MintedCertificate;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Turns a fixture certificate into the real X.509 certificate the data plane serves: validity from
 * the fixture's times (or creation plus validity months), subject, issuer and key from its policy.
 */
final class CertificateView {
    private final CertificateMinter minter;
    private final FixtureClock clock;

    CertificateView(CertificateMinter minter, FixtureClock clock) {
        this.minter = minter;
        this.clock = clock;
    }

    Instant notBefore(CertificateDef c) {
        Instant nbf = clock.resolve(c.notBefore());
        if (nbf != null) {
            return nbf;
        }
        Instant created = clock.resolve(c.created());
        return created != null ? created : clock.anchor().minusSeconds(30L * 86_400);
    }

    Instant notAfter(CertificateDef c) {
        Instant exp = clock.resolve(c.expires());
        return exp != null ? exp : notBefore(c).atZone(ZoneOffset.UTC).plusMonths(c.validityMonths()).toInstant();
    }

    MintedCertificate mint(VaultRef vault, CertificateDef c) {
        String subject = c.subject() != null ? c.subject() : "CN=" + c.name();
        return minter.mint(new CertificateSpec(vault.name(), c.name(), subject, c.selfSigned(),
                c.selfSigned() ? null : c.issuerSubject(), c.dnsNames(), notBefore(c), notAfter(c), c.kty(),
                c.keySize(), c.curveName()));
    }
}
