package io.kvcompliance.sandbox.entra;

import static io.kvcompliance.sandbox.entra.EntraTestTenant.ARM_DEFAULT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.microsoft.aad.msal4j.DeviceCode;
import com.microsoft.aad.msal4j.DeviceCodeFlowParameters;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.MsalServiceException;
import com.microsoft.aad.msal4j.PublicClientApplication;
import io.kvcompliance.auth.MsalHttpClient;
import io.kvcompliance.sandbox.Sandbox;
import io.kvcompliance.sandbox.http.SandboxSettings;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The device code flow with real msal4j polling the sandbox over HTTPS. */
class DeviceCodeFlowTest {
    private final EntraTestTenant t = new EntraTestTenant();
    private final AtomicReference<DeviceCode> shown = new AtomicReference<>();
    private Sandbox sandbox;
    private MsalHttpClient http;
    private PublicClientApplication app;

    @BeforeEach
    void start() throws Exception {
        sandbox = Sandbox.start(t.fixture(), SandboxSettings.defaults());
        http = Jwts.http(sandbox);
        app = Jwts.publicClient(sandbox, t.cliAppId, t.domain, http);
    }

    @AfterEach
    void stop() throws Exception {
        http.close();
        sandbox.close();
    }

    private CompletableFuture<IAuthenticationResult> startFlow() {
        CompletableFuture<IAuthenticationResult> flow = app.acquireToken(
                DeviceCodeFlowParameters.builder(Set.of(ARM_DEFAULT), shown::set).build());
        await().atMost(Duration.ofSeconds(10)).until(() -> shown.get() != null);
        return flow;
    }

    @Test
    void approvalAfterSeveralPendingPollsCompletesTheFlow() throws Exception {
        long before = sandbox.metrics().requests("login:token");
        CompletableFuture<IAuthenticationResult> flow = startFlow();
        DeviceCode code = shown.get();
        assertThat(code.userCode()).matches("[A-Z0-9]{8}");
        assertThat(code.verificationUri()).isEqualTo("https://login.sandbox.test/device");
        assertThat(code.message()).isEqualTo("To sign in, use a web browser to open the page"
                + " https://login.sandbox.test/device and enter the code " + code.userCode() + " to authenticate.");
        assertThat(code.interval()).isEqualTo(1);
        assertThat(sandbox.entra().pendingUserCode()).contains(code.userCode());

        // every poll before approval is answered authorization_pending and counted as login:token
        await().atMost(Duration.ofSeconds(15)).until(() -> sandbox.metrics().requests("login:token") - before >= 3);
        assertThat(flow).isNotDone();
        sandbox.entra().approveDeviceCode(code.userCode(), t.alice);

        IAuthenticationResult result = flow.get(15, TimeUnit.SECONDS);
        assertThat(result.account().username()).isEqualTo(t.alice);
        assertThat(Jwts.payload(result.accessToken()).path("aud").asText()).isEqualTo("https://management.azure.com/");
        assertThat(Jwts.payload(result.accessToken()).path("tid").asText()).isEqualTo(t.tenantId);
        assertThat(result.scopes()).contains(ARM_DEFAULT);
        assertThat(sandbox.entra().pendingUserCode()).isEmpty();
    }

    @Test
    void declineEndsTheFlowWithAuthorizationDeclined() {
        CompletableFuture<IAuthenticationResult> flow = startFlow();

        sandbox.entra().declineDeviceCode(shown.get().userCode());

        assertThatThrownBy(() -> flow.get(15, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(MsalServiceException.class)
                .satisfies(e -> assertThat(((MsalServiceException) e).errorCode()).isEqualTo("authorization_declined"));
    }

    @Test
    void devicePageApprovesForTheChosenUser() throws Exception {
        CompletableFuture<IAuthenticationResult> flow = startFlow();
        try (BrowserClient browser = new BrowserClient(sandbox)) {
            BrowserClient.Page page = browser.get(shown.get().verificationUri());
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.users()).contains(t.alice, t.bob);

            BrowserClient.Page done = browser.post(shown.get().verificationUri(),
                    Map.of("user_code", shown.get().userCode().toLowerCase(), "user", t.bob, "action", "approve"));
            assertThat(done.status()).isEqualTo(200);
            assertThat(done.body()).contains("You have signed in");
        }
        assertThat(flow.get(15, TimeUnit.SECONDS).account().username()).isEqualTo(t.bob);
    }

    @Test
    void unknownUserCodeIsRefusedOnThePage() throws Exception {
        try (BrowserClient browser = new BrowserClient(sandbox)) {
            BrowserClient.Page page = browser.post("https://login.sandbox.test/device",
                    Map.of("user_code", "NOPE2345", "user", t.alice, "action", "approve"));
            assertThat(page.status()).isEqualTo(400);
            assertThat(page.body()).contains("We don&#39;t recognize this code");
        }
        assertThatThrownBy(() -> sandbox.entra().approveDeviceCode("NOPE2345", null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
