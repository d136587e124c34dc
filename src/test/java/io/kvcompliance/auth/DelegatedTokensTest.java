package io.kvcompliance.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kvcompliance.azure.CloudEndpoints;
import io.kvcompliance.sandbox.Sandbox;
import io.kvcompliance.sandbox.SandboxBrowser;
import io.kvcompliance.sandbox.SandboxProfile;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Silent delegated tokens from the protected cache, real msal4j against the sandbox's Entra ID. */
class DelegatedTokensTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String ALICE = "alice@contoso.sandbox.test";
    @TempDir
    Path work;
    Sandbox sandbox;
    Map<String, String> props;
    final List<DelegatedClient> clients = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        sandbox = Sandbox.start();
        props = new HashMap<>(SandboxProfile.delegatedProperties(sandbox, work.resolve("trust"), work));
    }

    @AfterEach
    void stop() throws Exception {
        clients.forEach(DelegatedClient::close);
        sandbox.close();
    }

    DelegatedClient client(Map<String, String> p) {
        DelegatedClient c = DelegatedClient.fromProperties(p::get, CloudEndpoints.fromProperties(p::get),
                Duration.ofSeconds(15));
        clients.add(c);
        return c;
    }

    SignInResult connect(String user) {
        return new AuthorizationCodeSignIn(client(props), new SandboxBrowser(sandbox, user), Duration.ofSeconds(30))
                .signIn();
    }

    @Test
    void cacheSurvivesARestartAndServesTokensSilently() {
        connect(null);
        long signIns = sandbox.metrics().requests("login:authorize");

        DelegatedTokens restarted = new DelegatedTokens(client(props));

        assertThat(claims(restarted.accessToken(Audience.RESOURCE_MANAGER)).path("aud").asText())
                .isEqualTo("https://management.azure.com/");
        assertThat(claims(restarted.accessToken(Audience.KEY_VAULT)).path("aud").asText())
                .isEqualTo("https://vault.azure.net");
        assertThat(restarted.describe()).isEqualTo("user " + ALICE + " in tenant " + sandbox.defaultTenant().tenantId());
        assertThat(sandbox.metrics().requests("login:authorize")).isEqualTo(signIns);
    }

    @Test
    void cacheCannotBeReadWithAnotherKey() {
        connect(null);
        Map<String, String> otherKey = new HashMap<>(props);
        otherKey.put("kv.auth.token-cache-key", TokenCacheKey.generate());

        DelegatedTokens tokens = new DelegatedTokens(client(otherKey));

        assertThatThrownBy(() -> tokens.accessToken(Audience.RESOURCE_MANAGER)).isInstanceOf(SignInException.class)
                .hasMessageContaining("cannot be decrypted").hasMessageContaining("KV_TOKEN_CACHE_KEY")
                .hasMessageContaining("keyvault-compliance.jar connect")
                .satisfies(e -> assertThat(((SignInException) e).reconnectRequired()).isTrue());
    }

    @Test
    void cacheFileHoldsNoTokenInClear() throws Exception {
        connect(null);
        byte[] file = Files.readAllBytes(Path.of(props.get("kv.auth.token-cache")));
        String raw = new String(file, StandardCharsets.ISO_8859_1);

        List<String> secrets = CachedTokens.secrets(props);
        assertThat(secrets).hasSizeGreaterThanOrEqualTo(3);
        assertThat(raw).doesNotContain("RefreshToken").doesNotContain("AccessToken").doesNotContain(ALICE);
        assertThat(secrets).allSatisfy(secret -> assertThat(raw).doesNotContain(secret));
    }

    @Test
    void cacheAndKeyFilesAreOwnerOnly() throws Exception {
        assumeThat(FileSystems.getDefault().supportedFileAttributeViews()).contains("posix");
        props.remove("kv.auth.token-cache-key");
        connect(null);

        for (String key : List.of("kv.auth.token-cache", "kv.auth.token-cache-key-file")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(props.get(key)))))
                    .as(key).isEqualTo("rw-------");
        }
        assertThat(Base64.getDecoder().decode(Files.readString(Path.of(props.get("kv.auth.token-cache-key-file")))))
                .hasSize(32);
    }

    @Test
    void invalidateMakesTheNextCallRefresh() {
        connect(null);
        DelegatedTokens tokens = new DelegatedTokens(client(props));
        String first = tokens.accessToken(Audience.RESOURCE_MANAGER);
        assertThat(tokens.accessToken(Audience.RESOURCE_MANAGER)).isEqualTo(first);

        tokens.invalidate(Audience.RESOURCE_MANAGER);

        assertThat(tokens.accessToken(Audience.RESOURCE_MANAGER)).isNotEqualTo(first);
    }

    @Test
    void revokedGrantWithExpiredTokensAsksToReconnect() {
        sandbox.updateSettings(s -> s.toBuilder().accessTokenLifetimeSeconds(2).build());
        connect(null);
        sandbox.entra().revokeRefreshTokens(ALICE);

        DelegatedTokens tokens = new DelegatedTokens(client(props));

        assertThatThrownBy(() -> tokens.accessToken(Audience.RESOURCE_MANAGER)).isInstanceOf(SignInException.class)
                .hasMessageContaining("must be renewed").hasMessageContaining("AADSTS50173")
                .hasMessageContaining("java -jar target/keyvault-compliance.jar connect")
                .satisfies(e -> assertThat(((SignInException) e).reconnectRequired()).isTrue());
    }

    @Test
    void missingKeyVaultConsentIsConsentRequiredNotReconnect() {
        SignInResult dana = connect("dana@contoso.sandbox.test");
        assertThat(dana.keyVaultConsented()).isFalse();
        DelegatedTokens tokens = new DelegatedTokens(client(props));

        assertThat(tokens.accessToken(Audience.RESOURCE_MANAGER)).isNotBlank();
        assertThatThrownBy(() -> tokens.accessToken(Audience.KEY_VAULT)).isInstanceOf(SignInException.class)
                .satisfies(e -> assertThat(((SignInException) e).errorCode()).isEqualTo("consent_required"))
                .satisfies(e -> assertThat(((SignInException) e).reconnectRequired()).isFalse());
    }

    @Test
    void withoutAConnectionTheMessageSaysWhatToRun() {
        DelegatedTokens tokens = new DelegatedTokens(client(props));

        assertThatThrownBy(() -> tokens.accessToken(Audience.RESOURCE_MANAGER)).isInstanceOf(SignInException.class)
                .hasMessageContaining("Not connected").hasMessageContaining("keyvault-compliance.jar connect")
                .satisfies(e -> assertThat(((SignInException) e).reconnectRequired()).isTrue());
        assertThat(tokens.describe()).isEqualTo("nobody (not connected)");
    }

    static JsonNode claims(String jwt) {
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
