package io.kvcompliance.sandbox.entra;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** private_key_jwt checks, with assertions built by hand so each claim can be wrong on purpose. */
class ClientAssertionVerifierTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLIENT = "11111111-2222-3333-4444-555555555555";
    private static final String AUD = "https://login.sandbox.test/contoso.onmicrosoft.com/oauth2/v2.0/token";
    private static KeyPair keys;
    private static X509Certificate cert;
    private final long now = System.currentTimeMillis() / 1000;

    @BeforeAll
    static void keys() throws Exception {
        keys = ClientCredentialsTest.rsa();
        cert = ClientCredentialsTest.selfSigned(keys);
    }

    private Map<String, Object> claims() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("aud", AUD);
        c.put("iss", CLIENT);
        c.put("sub", CLIENT);
        c.put("jti", "j-1");
        c.put("nbf", now - 10);
        c.put("exp", now + 600);
        return c;
    }

    private String sign(Map<String, Object> header, Map<String, Object> claims, KeyPair signer) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String input = b64.encodeToString(JSON.writeValueAsBytes(header)) + "."
                + b64.encodeToString(JSON.writeValueAsBytes(claims));
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(signer.getPrivate());
        rsa.update(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + b64.encodeToString(rsa.sign());
    }

    private Map<String, Object> header(String name, String algorithm, Base64.Encoder encoder) throws Exception {
        return new LinkedHashMap<>(Map.of("alg", "RS256", "typ", "JWT",
                name, encoder.encodeToString(MessageDigest.getInstance(algorithm).digest(cert.getEncoded()))));
    }

    private void verify(String assertion) {
        ClientAssertionVerifier.verify(assertion, CLIENT, List.of(cert), Set.of(AUD), now);
    }

    @Test
    void acceptsMsalStyleStandardBase64Sha256AndBase64UrlSha1Thumbprints() throws Exception {
        assertThatCode(() -> verify(sign(header("x5t#S256", "SHA-256", Base64.getEncoder()), claims(), keys)))
                .doesNotThrowAnyException();
        assertThatCode(() -> verify(sign(header("x5t", "SHA-1", Base64.getUrlEncoder().withoutPadding()), claims(),
                keys))).doesNotThrowAnyException();
    }

    @Test
    void refusesWrongAudienceIssuerLifetimeKeyAndShape() throws Exception {
        Map<String, Object> header = header("x5t#S256", "SHA-256", Base64.getEncoder());
        Map<String, Object> wrongAud = claims();
        wrongAud.put("aud", "https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token");
        Map<String, Object> wrongIss = claims();
        wrongIss.put("iss", "someone-else");
        Map<String, Object> expired = claims();
        expired.put("exp", now - 3600);

        assertCode(sign(header, wrongAud, keys), 700027);
        assertCode(sign(header, wrongIss, keys), 700021);
        assertCode(sign(header, expired, keys), 700024);
        assertCode(sign(header, claims(), ClientCredentialsTest.rsa()), 700027);
        assertCode("not.a-jwt", 50027);
        Map<String, Object> noThumbprint = new LinkedHashMap<>(Map.of("alg", "RS256", "typ", "JWT"));
        assertCode(sign(noThumbprint, claims(), keys), 50027);
    }

    private void assertCode(String assertion, int code) {
        assertThatThrownBy(() -> verify(assertion)).isInstanceOf(EntraException.class)
                .satisfies(e -> {
                    EntraError error = ((EntraException) e).error();
                    org.assertj.core.api.Assertions.assertThat(error.code()).isEqualTo(code);
                    org.assertj.core.api.Assertions.assertThat(error.status()).isEqualTo(401);
                    org.assertj.core.api.Assertions.assertThat(error.message()).doesNotContain(assertion);
                });
    }
}
