package io.kvcompliance.sandbox.entra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * Checks a {@code private_key_jwt} client assertion the way Entra ID does (ENTRADOCS
 * certificate-credentials.md): RS256, the {@code x5t} (SHA-1) or {@code x5t#S256} header names one of
 * the app's certificates, the signature verifies with its public key, {@code aud} is the token
 * endpoint, {@code iss} = {@code sub} = client id, and now lies between {@code nbf} and {@code exp}
 * (five minutes of clock skew, like Entra). Failures are 401 invalid_client; the assertion itself
 * is never quoted.
 */
public final class ClientAssertionVerifier {
    public static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SKEW_SECONDS = 300;

    private ClientAssertionVerifier() {
    }

    /** Throws {@link EntraException} unless the assertion authenticates {@code clientId}. */
    public static void verify(String assertion, String clientId, List<X509Certificate> certificates,
                              Set<String> audiences, long now) {
        String[] parts = assertion == null ? new String[0] : assertion.split("\\.");
        if (parts.length != 3) {
            throw malformed();
        }
        JsonNode header = decode(parts[0]);
        JsonNode claims = decode(parts[1]);
        if (!"RS256".equals(header.path("alg").asText())) {
            throw malformed();
        }
        X509Certificate cert = findCertificate(header, certificates);
        checkSignature(cert, parts);
        if (!clientId.equalsIgnoreCase(claims.path("iss").asText())
                || !clientId.equalsIgnoreCase(claims.path("sub").asText())) {
            throw EntraError.invalidClient(700021, "Client assertion application identifier doesn't match"
                    + " 'client_id' parameter. Review the documentation at"
                    + " https://learn.microsoft.com/entra/identity-platform/certificate-credentials .").exception();
        }
        if (audiences.stream().noneMatch(a -> a.equalsIgnoreCase(claims.path("aud").asText()))) {
            throw EntraError.invalidClient(700027, "Client assertion failed signature validation. [Reason - The"
                    + " audience '" + claims.path("aud").asText() + "' is not the token endpoint of this tenant.]")
                    .exception();
        }
        long nbf = claims.path("nbf").asLong(0);
        long exp = claims.path("exp").asLong(0);
        if (exp == 0 || now > exp + SKEW_SECONDS || now + SKEW_SECONDS < nbf) {
            throw EntraError.invalidClient(700024, "Client assertion is not within its valid time range. Current"
                    + " time: " + now + ", assertion valid from " + nbf + ", expiry time of assertion " + exp + ".")
                    .exception();
        }
    }

    private static X509Certificate findCertificate(JsonNode header, List<X509Certificate> certificates) {
        byte[] sha256 = thumbprint(header.path("x5t#S256").asText(null));
        byte[] sha1 = thumbprint(header.path("x5t").asText(null));
        if (sha256 == null && sha1 == null) {
            throw malformed();
        }
        for (X509Certificate cert : certificates) {
            if ((sha256 != null && MessageDigest.isEqual(sha256, hash("SHA-256", cert)))
                    || (sha1 != null && MessageDigest.isEqual(sha1, hash("SHA-1", cert)))) {
                return cert;
            }
        }
        String shown = HexFormat.of().withUpperCase().formatHex(sha256 != null ? sha256 : sha1);
        throw EntraError.invalidClient(700027, "The certificate with identifier used to sign the client assertion"
                + " is not registered on application. [Reason - The key was not found., Thumbprint of key used by"
                + " client: '" + shown + "']").exception();
    }

    private static void checkSignature(X509Certificate cert, String[] parts) {
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(cert.getPublicKey());
            rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (rsa.verify(Base64.getUrlDecoder().decode(parts[2]))) {
                return;
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // falls through to the same answer Entra gives for any bad signature
        }
        throw EntraError.invalidClient(700027, "Client assertion failed signature validation.").exception();
    }

    /** msal4j writes the thumbprint in standard Base64, the JWS spec says base64url: accept both. */
    private static byte[] thumbprint(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        String normalized = value.replace('+', '-').replace('/', '_').replace("=", "");
        try {
            return Base64.getUrlDecoder().decode(normalized);
        } catch (IllegalArgumentException e) {
            throw malformed();
        }
    }

    private static byte[] hash(String algorithm, X509Certificate cert) {
        try {
            return MessageDigest.getInstance(algorithm).digest(cert.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode decode(String part) {
        try {
            JsonNode node = JSON.readTree(Base64.getUrlDecoder().decode(part));
            if (node == null || !node.isObject()) {
                throw malformed();
            }
            return node;
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw malformed();
        }
    }

    private static EntraException malformed() {
        return EntraError.invalidClient(50027, "JWT token is invalid or malformed.").exception();
    }
}
