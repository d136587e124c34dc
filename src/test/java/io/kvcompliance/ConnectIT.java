package io.kvcompliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.kvcompliance.auth.DeviceCodeSignIn;
import io.kvcompliance.auth.LoginPagesBrowser;
import io.kvcompliance.auth.SignInException;
import io.kvcompliance.auth.SignInResult;
import io.kvcompliance.sandbox.Sandbox;
import io.kvcompliance.sandbox.SandboxProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The connect, connect --device-code, connect --status and disconnect flows against the sandbox's Entra ID. */
class ConnectIT {
    static final String ALICE = "alice@contoso.sandbox.test";
    static final String DANA = "dana@contoso.sandbox.test";
    @TempDir
    Path work;
    Sandbox sandbox;
    Map<String, String> props;

    @BeforeEach
    void start() throws Exception {
        sandbox = Sandbox.start();
        props = SandboxProfile.delegatedProperties(sandbox, work.resolve("trust"), work);
    }

    @AfterEach
    void stop() throws Exception {
        sandbox.close();
    }

    @Test
    void authorizationCodeFlowThroughTheLoginPagesConnectsAliceWithKeyVaultConsent() throws Exception {
        SignInResult result;
        try (LoginPagesBrowser browser = new LoginPagesBrowser(sandbox, ALICE)) {
            result = ConnectCommand.signIn(props, browser, Duration.ofSeconds(30));

            LoginPagesBrowser.Page authorize = browser.pages().get(0);
            assertThat(authorize.url()).contains("response_mode=form_post").contains("code_challenge_method=S256")
                    .contains("state=").contains("redirect_uri=http%3A%2F%2Flocalhost%3A");
            LoginPagesBrowser.Page callback = browser.pages().get(2);
            assertThat(callback.url()).startsWith("http://localhost:").endsWith("/callback");
            assertThat(callback.status()).isEqualTo(200);
            assertThat(callback.body()).contains("Connected").contains(ALICE)
                    .contains(sandbox.defaultTenant().tenantId());
        }
        assertThat(result.connection().username()).isEqualTo(ALICE);
        assertThat(result.connection().tenantId()).isEqualTo(sandbox.defaultTenant().tenantId());
        assertThat(result.keyVaultConsented()).isTrue();
        assertThat(ConnectCommand.status(props)).startsWith("connected: user " + ALICE + " in tenant "
                + sandbox.defaultTenant().tenantId() + ", since ");
    }

    @Test
    void deviceCodeConnectsAfterSeveralAuthorizationPendingAnswers() throws Exception {
        List<String> shown = new CopyOnWriteArrayList<>();
        CompletableFuture<SignInResult> flow = CompletableFuture.supplyAsync(() -> {
            try {
                return ConnectCommand.withClient(props, c -> new DeviceCodeSignIn(c, shown::add,
                        Duration.ofSeconds(60)).signIn());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        long before = sandbox.metrics().requests("login:token");
        String code = await().atMost(Duration.ofSeconds(30)).until(() -> sandbox.entra().pendingUserCode(),
                Optional::isPresent).get();
        assertThat(shown).anySatisfy(line -> assertThat(line).contains(code).contains("https://login.sandbox.test/device"));
        await().atMost(Duration.ofSeconds(30)).until(() -> sandbox.metrics().requests("login:token") - before >= 3);
        assertThat(flow).isNotDone();
        sandbox.entra().approveDeviceCode(code, ALICE);
        // the Key Vault data plane takes a second code: one resource per request
        String vaultCode = await().atMost(Duration.ofSeconds(30)).until(() -> sandbox.entra().pendingUserCode()
                .filter(c -> !c.equals(code)), Optional::isPresent).get();
        sandbox.entra().approveDeviceCode(vaultCode, ALICE);

        SignInResult result = flow.get(30, TimeUnit.SECONDS);
        assertThat(result.connection().username()).isEqualTo(ALICE);
        assertThat(result.keyVaultConsented()).isTrue();
        assertThat(ConnectCommand.status(props)).contains(ALICE);
    }

    @Test
    void userWhoCannotConsentToKeyVaultIsConnectedWithTheGapExplained() throws Exception {
        SignInResult result;
        try (LoginPagesBrowser browser = new LoginPagesBrowser(sandbox, DANA)) {
            result = ConnectCommand.signIn(props, browser, Duration.ofSeconds(30));
        }
        assertThat(result.connection().username()).isEqualTo(DANA);
        assertThat(result.keyVaultConsented()).isFalse();
        assertThat(result.keyVaultNote()).contains("access_denied").contains("AADSTS65001");
    }

    @Test
    void disconnectRemovesTheCacheAndKeepsTheKeyFile() throws Exception {
        Map<String, String> withKeyFile = new HashMap<>(props);
        withKeyFile.remove("kv.auth.token-cache-key");
        ConnectCommand.signIn(withKeyFile, new io.kvcompliance.sandbox.SandboxBrowser(sandbox, null),
                Duration.ofSeconds(30));
        Path cache = Path.of(props.get("kv.auth.token-cache"));
        Path key = Path.of(props.get("kv.auth.token-cache-key-file"));
        assertThat(cache).exists();
        assertThat(key).exists();

        assertThat(DisconnectCommand.disconnect(withKeyFile)).startsWith("disconnected: removed ");

        assertThat(Files.exists(cache)).isFalse();
        assertThat(key).exists();
        assertThat(ConnectCommand.status(withKeyFile)).startsWith("not connected");
    }

    @Test
    void browserThatNeverAnswersTimesOutWithAClearMessage() {
        assertThatThrownBy(() -> ConnectCommand.signIn(props, url -> { }, Duration.ofMillis(500)))
                .isInstanceOf(SignInException.class).hasMessageContaining("No answer from the browser within")
                .hasMessageContaining("--device-code");
        assertThat(Path.of(props.get("kv.auth.token-cache"))).doesNotExist();
    }

    @Test
    void connectAgainWithANewKeyReplacesTheCacheTheOldKeySealed() throws Exception {
        ConnectCommand.signIn(props, new io.kvcompliance.sandbox.SandboxBrowser(sandbox, null), Duration.ofSeconds(30));
        Map<String, String> newKey = new HashMap<>(props);
        newKey.put("kv.auth.token-cache-key", io.kvcompliance.auth.TokenCacheKey.generate());
        assertThatThrownBy(() -> ConnectCommand.status(newKey)).hasMessageContaining("cannot be decrypted");

        SignInResult again = ConnectCommand.signIn(newKey, new io.kvcompliance.sandbox.SandboxBrowser(sandbox, null),
                Duration.ofSeconds(30));

        assertThat(again.connection().username()).isEqualTo(ALICE);
        assertThat(ConnectCommand.status(newKey)).startsWith("connected: user " + ALICE);
        assertThatThrownBy(() -> ConnectCommand.status(props)).hasMessageContaining("cannot be decrypted");
    }

    @Test
    void statusOfAFreshInstallationIsNotConnected() throws Exception {
        assertThat(ConnectCommand.status(props)).startsWith("not connected").contains("connect");
    }
}
