package io.kvcompliance.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvcompliance.pipeline.SyncHarness.Result;
import io.kvcompliance.sandbox.Sandbox;
import io.kvcompliance.sandbox.fixture.GeneratorSizes;
import io.kvcompliance.sandbox.fixture.TenantGenerator;
import io.kvcompliance.sandbox.http.SandboxSettings;
import io.kvcompliance.sandbox.inventory.ExpectedInventory;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A generated tenant with several pages at every level, empty pages and every nextLink form. */
class GeneratedTenantSyncIT {
    static final String COLLECTOR = "780cc7bb-390d-49d9-b8fc-6a4a69555516";

    @Test
    void everyPageOfEveryListIsReadAndMatchesTheExpectedInventory(@TempDir Path work) throws Exception {
        SandboxSettings settings = SandboxSettings.defaults().toBuilder().seed(11).emptyPageEvery(4).build()
                .withPageCaps(Map.of("subscriptions", 1, "vaults", 3, "arm-keys", 2, "arm-secrets", 3,
                        "dp-certificates", 2, "role-assignments", 2, "role-definitions", 4, "deleted-vaults", 1));
        GeneratorSizes sizes = new GeneratorSizes(3, 8, 5, 7, 3, 3, 2);
        try (Sandbox sandbox = Sandbox.start(TenantGenerator.generate(sizes, 11), settings)) {
            ExpectedInventory expected = sandbox.expectedInventory(COLLECTOR);
            Result result = SyncHarness.sync(sandbox, work, Map.of("kv.arm.vault-page-size", "2", "kv.vault.page-size", "2"));

            assertThat(result.sync().status()).as(SummaryTable.render(result.sync())).isEqualTo(SyncRun.Status.COMPLETE);
            assertThat(result.ofType("vault")).hasSize(expected.vaults().size());
            for (ExpectedInventory.Vault vault : expected.vaults()) {
                vault.coverage().forEach((type, want) -> {
                    var got = result.coverage(vault.name(), type).get("attributes");
                    assertThat(got.get("status").asText()).as(vault.name() + " " + type).isEqualTo(want.status());
                    if (want.collected()) {
                        assertThat(got.get("itemCount").asInt()).as(vault.name() + " " + type).isEqualTo(want.count());
                    }
                });
            }
            assertThat(result.ofType("deletedVault")).hasSize(3);
            assertThat(sandbox.metrics().requests("arm:keys.list")).as("several key pages per vault")
                    .isGreaterThan(2L * expected.vaults().size());
            assertThat(sandbox.metrics().violations()).isEmpty();
        }
    }
}
