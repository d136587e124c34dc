package io.kvcompliance.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kvcompliance.ConnectCommand;
import io.kvcompliance.auth.SignInResult;
import io.kvcompliance.pipeline.SyncHarness.Result;
import io.kvcompliance.sandbox.Sandbox;
import io.kvcompliance.sandbox.SandboxBrowser;
import io.kvcompliance.sandbox.SandboxProfile;
import io.kvcompliance.sandbox.inventory.ExpectedInventory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole syncs as a signed-in user: connect through the real flow, then the real routes on delegated tokens. */
class DelegatedSyncIT {
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

    SignInResult connect(String user) throws Exception {
        return ConnectCommand.signIn(props, new SandboxBrowser(sandbox, user), Duration.ofSeconds(30));
    }

    @Test
    void delegatedSyncOfTheDefaultTenantMatchesAlicesExpectedInventory() throws Exception {
        connect(null);
        Result result = SyncHarness.sync(sandbox, work, props);

        assertThat(result.sync().status()).isEqualTo(SyncRun.Status.COMPLETE);
        assertThat(result.sync().principal()).isEqualTo("user " + ALICE + " in tenant "
                + sandbox.defaultTenant().tenantId());
        assertThat(sandbox.metrics().violations()).isEmpty();
        assertCoverageMatches(result, sandbox.expectedInventory(ALICE));
    }

    @Test
    void longSyncWithShortLivedTokensRefreshesEveryTimeAndCompletes() throws Exception {
        sandbox.updateSettings(s -> s.toBuilder().accessTokenLifetimeSeconds(3).build());
        connect(null);
        long before = sandbox.metrics().requests("login:token");

        Result result = SyncHarness.sync(sandbox, work, props);

        assertThat(result.sync().status()).isEqualTo(SyncRun.Status.COMPLETE);
        assertThat(sandbox.metrics().requests("login:token") - before).as("refresh token grants")
                .isGreaterThan(20);
        assertCoverageMatches(result, sandbox.expectedInventory(ALICE));
    }

    @Test
    void revokedRefreshTokenEndsTheSyncWithReconnectRequired() throws Exception {
        sandbox.updateSettings(s -> s.toBuilder().accessTokenLifetimeSeconds(2).build());
        connect(null);
        // tokens this short-lived are always inside msal4j's 5-minute refresh window: the next call must refresh
        sandbox.entra().revokeRefreshTokens(ALICE);

        Result result = SyncHarness.sync(sandbox, work, props);

        assertThat(result.sync().status()).isEqualTo(SyncRun.Status.RECONNECT_REQUIRED);
        assertThat(result.sync().status().exitCode).isEqualTo(4);
        assertThat(result.sync().failures()).singleElement().asString().contains("AADSTS50173")
                .contains("java -jar target/keyvault-compliance.jar connect");
    }

    @Test
    void userWithoutKeyVaultConsentGetsCertificatesConsentRequiredAndEverythingElse() throws Exception {
        assertThat(connect(DANA).keyVaultConsented()).isFalse();
        ExpectedInventory expected = sandbox.expectedInventory(DANA);

        Result result = SyncHarness.sync(sandbox, work, props);

        assertThat(result.sync().status()).isEqualTo(SyncRun.Status.COMPLETE);
        assertThat(expected.vaults()).isNotEmpty();
        for (ExpectedInventory.Vault vault : expected.vaults()) {
            JsonNode certificates = result.coverage(vault.name(), "certificates").get("attributes");
            assertThat(certificates.get("status").asText()).as(vault.name()).isEqualTo("CONSENT_REQUIRED");
            assertThat(certificates.get("errorCode").asText()).isEqualTo("consent_required");
        }
        assertThat(expected.vaults()).anySatisfy(v -> assertThat(v.coverage().get("keys").collected()).isTrue());
        assertCoverageMatches(result, expected);
    }

    /** Status per vault and object type, with counts for what was collected and codes for what was not. */
    static void assertCoverageMatches(Result result, ExpectedInventory expected) {
        for (ExpectedInventory.Vault vault : expected.vaults()) {
            vault.coverage().forEach((type, want) -> {
                JsonNode got = result.coverage(vault.name(), type).get("attributes");
                assertThat(got.get("status").asText()).as(vault.name() + " " + type).isEqualTo(want.status());
                if (want.collected()) {
                    assertThat(got.get("itemCount").asInt()).as(vault.name() + " " + type).isEqualTo(want.count());
                } else {
                    assertThat(got.get("errorCode").asText()).as(vault.name() + " " + type).isEqualTo(want.errorCode());
                }
            });
        }
    }
}
