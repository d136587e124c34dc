package io.kvcompliance.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvcompliance.pipeline.SyncHarness.Result;
import io.kvcompliance.sandbox.Sandbox;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Subscription include and exclude lists narrow a sync by id or display name. */
class SyncScopeIT {
    static final String PROD = "bf6c8352-3afe-406a-8289-e9096c88bfe6";

    @Test
    void includeByDisplayNameAndExcludeByIdNarrowTheSync(@TempDir Path work) throws Exception {
        try (Sandbox sandbox = Sandbox.start()) {
            Result onlyProd = SyncHarness.sync(sandbox, work.resolve("a"),
                    Map.of("kv.sync.subscriptions.include", "Contoso Production"));
            assertThat(onlyProd.ofType("vault")).isNotEmpty()
                    .allSatisfy(v -> assertThat(v.get("subscriptionId").asText()).isEqualTo(PROD));
            Result withoutProd = SyncHarness.sync(sandbox, work.resolve("b"), Map.of("kv.sync.subscriptions.exclude", PROD));
            assertThat(withoutProd.ofType("vault")).isNotEmpty()
                    .noneSatisfy(v -> assertThat(v.get("subscriptionId").asText()).isEqualTo(PROD));
            assertThat(onlyProd.ofType("vault").size() + withoutProd.ofType("vault").size())
                    .isEqualTo(sandbox.expectedInventory("780cc7bb-390d-49d9-b8fc-6a4a69555516").vaults().size());
        }
    }
}
