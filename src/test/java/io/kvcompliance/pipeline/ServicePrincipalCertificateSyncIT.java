package io.kvcompliance.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvcompliance.pipeline.SyncHarness.Result;
import io.kvcompliance.sandbox.Sandbox;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A service principal signs in with a client certificate (msal4j client assertion) instead of a secret. */
class ServicePrincipalCertificateSyncIT {
    static final String COLLECTOR = "780cc7bb-390d-49d9-b8fc-6a4a69555516";

    @Test
    void aRegisteredCertificateSignsInAndTheSyncCompletes(@TempDir Path work) throws Exception {
        try (Sandbox sandbox = Sandbox.start()) {
            KeyPair keys = rsa();
            X509Certificate cert = selfSigned(keys);
            sandbox.entra().registerClientCertificate(COLLECTOR, cert);
            Result result = SyncHarness.sync(sandbox, work, certificateProperties(pkcs12(work, keys, cert)));
            assertThat(result.sync().status()).as(SummaryTable.render(result.sync())).isEqualTo(SyncRun.Status.COMPLETE);
            assertThat(result.ofType("vault")).hasSize(sandbox.expectedInventory(COLLECTOR).vaults().size());
        }
    }

    @Test
    void anUnregisteredCertificateFailsTheSyncNamingTheFix(@TempDir Path work) throws Exception {
        try (Sandbox sandbox = Sandbox.start()) {
            KeyPair keys = rsa();
            Result result = SyncHarness.sync(sandbox, work, certificateProperties(pkcs12(work, keys, selfSigned(keys))));
            assertThat(result.sync().status()).isEqualTo(SyncRun.Status.FAILED);
            assertThat(result.sync().status().exitCode).isEqualTo(1);
            assertThat(result.sync().failures()).singleElement().asString()
                    .contains("invalid_client").contains("kv.auth.client-certificate");
        }
    }

    private static Map<String, String> certificateProperties(Path pkcs12) {
        Map<String, String> props = new HashMap<>();
        props.put("kv.auth.client-secret", "");
        props.put("kv.auth.client-certificate", pkcs12.toString());
        props.put("kv.auth.client-certificate-password", "test-only");
        return props;
    }

    private static Path pkcs12(Path dir, KeyPair keys, X509Certificate cert) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("app", keys.getPrivate(), "test-only".toCharArray(), new Certificate[] {cert});
        Path file = dir.resolve("app.p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, "test-only".toCharArray());
        }
        return file;
    }

    private static KeyPair rsa() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static X509Certificate selfSigned(KeyPair keys) throws Exception {
        Instant now = Instant.now();
        X500Principal subject = new X500Principal("CN=kv-collector test");
        return new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(subject,
                BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(Duration.ofMinutes(5))),
                Date.from(now.plus(Duration.ofDays(1))), subject, keys.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
    }
}
