package io.kvcompliance.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kvcompliance.pipeline.SyncHarness.Result;
import io.kvcompliance.sandbox.Sandbox;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A subscription of another tenant is reported with Azure's explanation of which tenant to sign in to. */
class WrongTenantSyncIT {
    static final String CONTOSO = "f8680c96-e257-4c51-ba15-649a0f42ea5d";
    static final String FABRIKAM = "ac55973e-a0bc-4b63-b353-05603dac385c";
    static final String CONTOSO_PROD = "bf6c8352-3afe-406a-8289-e9096c88bfe6";
    static final String FABRIKAM_SUB = "773d129e-b1c2-428d-8035-eddd0aa4b524";

    @Test
    void anIncludedSubscriptionOfAnotherTenantNamesTheTenantToUse(@TempDir Path work) throws Exception {
        try (Sandbox sandbox = Sandbox.start()) {
            Result result = SyncHarness.sync(sandbox, work, Map.of("kv.auth.tenant-id", FABRIKAM,
                    "kv.sync.subscriptions.include", FABRIKAM_SUB + "," + CONTOSO_PROD));
            assertThat(result.ofType("vault")).isNotEmpty()
                    .allSatisfy(v -> assertThat(v.get("subscriptionId").asText()).isEqualTo(FABRIKAM_SUB));
            JsonNode probe = result.ofType("coverage").stream()
                    .filter(c -> c.get("subscriptionId").asText().equals(CONTOSO_PROD)).findFirst().orElseThrow();
            assertThat(probe.at("/attributes/objectType").asText()).isEqualTo("subscription");
            assertThat(probe.at("/attributes/errorCode").asText()).isEqualTo("InvalidAuthenticationTokenTenant");
            assertThat(probe.at("/attributes/message").asText()).contains("https://login.sandbox.test/" + CONTOSO);
            assertThat(result.sync().status()).isEqualTo(SyncRun.Status.INCOMPLETE);
        }
    }
}
