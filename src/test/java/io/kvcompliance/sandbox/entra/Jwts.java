package io.kvcompliance.sandbox.entra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.aad.msal4j.IHttpClient;
import com.microsoft.aad.msal4j.PublicClientApplication;
import io.kvcompliance.auth.MsalHttpClient;
import io.kvcompliance.sandbox.Sandbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** Test helpers: decode a JWT payload without checking it, PKCE pairs, and msal4j apps wired to a sandbox. */
final class Jwts {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Jwts() {
    }

    static JsonNode payload(String jwt) {
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String verifier() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static String s256(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** msal4j's transport for the sandbox: sandbox trust, host overrides, short timeouts. */
    static MsalHttpClient http(Sandbox sandbox) {
        return new MsalHttpClient(sandbox.tls().clientContext(), sandbox.hostOverrides(), Duration.ofSeconds(5),
                Duration.ofSeconds(15));
    }

    /** A public client on the port-less sandbox authority; instance discovery off, never a Microsoft host. */
    static PublicClientApplication publicClient(Sandbox sandbox, String clientId, String tenant,
                                                MsalHttpClient http) throws MalformedURLException {
        return PublicClientApplication.builder(clientId).authority(sandbox.authority(tenant))
                .instanceDiscovery(false).httpClient(sandboxOnly(http)).build();
    }

    /** Tests must never reach a Microsoft host: any request off *.sandbox.test fails the flow loudly. */
    static IHttpClient sandboxOnly(MsalHttpClient http) {
        return request -> {
            String host = request.url().getHost();
            if (!host.endsWith(".sandbox.test")) {
                throw new AssertionError("msal4j tried to call " + host);
            }
            return http.send(request);
        };
    }
}
