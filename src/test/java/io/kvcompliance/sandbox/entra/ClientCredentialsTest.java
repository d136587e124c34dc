package io.kvcompliance.sandbox.entra;

import static io.kvcompliance.sandbox.entra.EntraTestTenant.ARM_DEFAULT;
import static io.kvcompliance.sandbox.entra.EntraTestTenant.VAULT_DEFAULT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.ClientCredentialParameters;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.IClientCredential;
import com.microsoft.aad.msal4j.MsalServiceException;
import com.microsoft.aad.msal4j.TokenSource;
import io.kvcompliance.auth.MsalHttpClient;
import io.kvcompliance.sandbox.Sandbox;
import io.kvcompliance.sandbox.http.SandboxSettings;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Client credentials with a secret and with a certificate (private_key_jwt), via real msal4j. */
class ClientCredentialsTest {
    private final EntraTestTenant t = new EntraTestTenant();
    private Sandbox sandbox;
    private MsalHttpClient http;

    @BeforeEach
    void start() throws Exception {
        sandbox = Sandbox.start(t.fixture(), SandboxSettings.defaults());
        http = Jwts.http(sandbox);
    }

    @AfterEach
    void stop() throws Exception {
        http.close();
        sandbox.close();
    }

    private ConfidentialClientApplication app(String clientId, IClientCredential credential) throws Exception {
        return ConfidentialClientApplication.builder(clientId, credential).authority(sandbox.authority(t.tenantId))
                .instanceDiscovery(false).httpClient(Jwts.sandboxOnly(http)).build();
    }

    private static IAuthenticationResult token(ConfidentialClientApplication app, String scope) throws Exception {
        return app.acquireToken(ClientCredentialParameters.builder(Set.of(scope)).build()).get(30, TimeUnit.SECONDS);
    }

    @Test
    void clientSecretGetsAnAppOnlyArmTokenThatMsalThenCaches() throws Exception {
        ConfidentialClientApplication app = app(t.daemonAppId, ClientCredentialFactory.createFromSecret(t.daemonSecret));

        IAuthenticationResult result = token(app, ARM_DEFAULT);

        JsonNode claims = Jwts.payload(result.accessToken());
        assertThat(claims.path("aud").asText()).isEqualTo("https://management.azure.com/");
        assertThat(claims.path("idtyp").asText()).isEqualTo("app");
        assertThat(claims.path("oid").asText()).isEqualTo(t.daemonSpId);
        assertThat(claims.path("appid").asText()).isEqualTo(t.daemonAppId);
        assertThat(claims.path("tid").asText()).isEqualTo(t.tenantId);
        assertThat(claims.has("scp")).isFalse();
        assertThat(claims.has("app")).as("helper methods are not claims").isFalse();
        assertThat(token(app, ARM_DEFAULT).metadata().tokenSource()).isEqualTo(TokenSource.CACHE);
    }

    @Test
    void wrongSecretIsInvalidClient() throws Exception {
        ConfidentialClientApplication app = app(t.daemonAppId, ClientCredentialFactory.createFromSecret("not-it"));

        assertThatThrownBy(() -> token(app, ARM_DEFAULT)).cause().isInstanceOf(MsalServiceException.class)
                .hasMessageContaining("AADSTS7000215").satisfies(e -> {
                    assertThat(((MsalServiceException) e).errorCode()).isEqualTo("invalid_client");
                    assertThat(((MsalServiceException) e).statusCode()).isEqualTo(401);
                });
    }

    @Test
    void registeredCertificateGetsAKeyVaultToken() throws Exception {
        KeyPair keys = rsa();
        X509Certificate cert = selfSigned(keys);
        sandbox.entra().registerClientCertificate(t.daemonAppId, cert);
        ConfidentialClientApplication app = app(t.daemonAppId,
                ClientCredentialFactory.createFromCertificate(keys.getPrivate(), cert));

        IAuthenticationResult result = token(app, VAULT_DEFAULT);

        assertThat(Jwts.payload(result.accessToken()).path("aud").asText()).isEqualTo("https://vault.azure.net");
        assertThat(Jwts.payload(result.accessToken()).path("idtyp").asText()).isEqualTo("app");
    }

    @Test
    void unregisteredCertificateIsInvalidClient() throws Exception {
        sandbox.entra().registerClientCertificate(t.daemonAppId, selfSigned(rsa()));
        KeyPair other = rsa();
        ConfidentialClientApplication app = app(t.daemonAppId,
                ClientCredentialFactory.createFromCertificate(other.getPrivate(), selfSigned(other)));

        assertThatThrownBy(() -> token(app, ARM_DEFAULT)).cause().isInstanceOf(MsalServiceException.class)
                .hasMessageContaining("AADSTS700027").satisfies(e ->
                        assertThat(((MsalServiceException) e).errorCode()).isEqualTo("invalid_client"));
    }

    @Test
    void publicClientCannotUseClientCredentials() throws Exception {
        ConfidentialClientApplication app = app(t.cliAppId, ClientCredentialFactory.createFromSecret("anything"));

        assertThatThrownBy(() -> token(app, ARM_DEFAULT)).cause().isInstanceOf(MsalServiceException.class)
                .satisfies(e -> assertThat(((MsalServiceException) e).errorCode()).isEqualTo("unauthorized_client"));
    }

    @Test
    void delegatedScopeIsRefusedForClientCredentials() throws Exception {
        ConfidentialClientApplication app = app(t.daemonAppId, ClientCredentialFactory.createFromSecret(t.daemonSecret));

        assertThatThrownBy(() -> token(app, EntraTestTenant.ARM_SCOPE)).cause().isInstanceOf(MsalServiceException.class)
                .hasMessageContaining("AADSTS1002012");
    }

    static KeyPair rsa() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    static X509Certificate selfSigned(KeyPair keys) throws Exception {
        X500Name subject = new X500Name("CN=kv-collector-daemon test");
        Instant now = Instant.now();
        return new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(subject,
                BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(Duration.ofMinutes(5))),
                Date.from(now.plus(Duration.ofDays(1))), subject, keys.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
    }
}
