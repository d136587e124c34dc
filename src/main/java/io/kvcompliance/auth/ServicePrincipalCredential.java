package io.kvcompliance.auth;

import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.IClientCredential;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * The service principal's credential from configuration: a client certificate (PKCS12 file, its
 * password from the environment; msal4j then signs a client assertion) when kv.auth.client-certificate
 * is set, else the client secret (environment only). Entra prefers certificates for unattended runs.
 */
public final class ServicePrincipalCredential {
    private ServicePrincipalCredential() {
    }

    public static IClientCredential fromProperties(Function<String, String> property) {
        String certificate = property.apply("kv.auth.client-certificate");
        if (certificate != null && !certificate.isBlank()) {
            return certificate(Path.of(certificate.trim()), property.apply("kv.auth.client-certificate-password"));
        }
        String secret = property.apply("kv.auth.client-secret");
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("kv.auth.client-secret is not set: service-principal sign-in needs the"
                    + " environment variable KV_AUTH_CLIENT_SECRET, or a certificate in kv.auth.client-certificate");
        }
        return ClientCredentialFactory.createFromSecret(secret);
    }

    private static IClientCredential certificate(Path pkcs12, String password) {
        if (!Files.isReadable(pkcs12)) {
            throw new IllegalArgumentException("kv.auth.client-certificate " + pkcs12 + " cannot be read: give the path"
                    + " of a PKCS12 file holding the app's certificate and private key");
        }
        try (InputStream in = Files.newInputStream(pkcs12)) {
            return ClientCredentialFactory.createFromCertificate(in, password == null ? "" : password);
        } catch (IOException | RuntimeException | java.security.GeneralSecurityException e) {
            throw new IllegalArgumentException("kv.auth.client-certificate " + pkcs12 + " is not a PKCS12 file that opens"
                    + " with KV_AUTH_CLIENT_CERTIFICATE_PASSWORD (" + e.getClass().getSimpleName() + ")", e);
        }
    }
}
