package io.kvcompliance.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvcompliance.ConnectCommand;
import io.kvcompliance.auth.CachedTokens;
import io.kvcompliance.pipeline.SyncHarness.Result;
import io.kvcompliance.sandbox.Sandbox;
import io.kvcompliance.sandbox.SandboxBrowser;
import io.kvcompliance.sandbox.SandboxProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full delegated run (connect, then a sync on short-lived tokens that refreshes often) with stdout,
 * stderr and slf4j-simple (which writes to System.err) captured: none of the tokens the sandbox issued
 * appears in the output or the records.
 */
class SecretsStayOutOfLogsIT {
    @TempDir
    Path work;

    @Test
    void capturedOutputOfAConnectAndSyncHoldsNoTokenTheSandboxIssued() throws Exception {
        Set<String> issued = new LinkedHashSet<>();
        Result result;
        String cacheKey;
        String logs;
        try (Sandbox sandbox = Sandbox.start()) {
            sandbox.updateSettings(s -> s.toBuilder().accessTokenLifetimeSeconds(3).build());
            Map<String, String> props = SandboxProfile.delegatedProperties(sandbox, work.resolve("trust"), work);
            cacheKey = props.get("kv.auth.token-cache-key");
            try (CapturedOutput captured = CapturedOutput.start()) {
                ConnectCommand.signIn(props, new SandboxBrowser(sandbox, null), Duration.ofSeconds(30));
                issued.addAll(CachedTokens.secrets(props));
                result = SyncHarness.sync(sandbox, work, props);
                issued.addAll(CachedTokens.secrets(props));
                logs = captured.text();
            }
            assertThat(result.sync().status()).isEqualTo(SyncRun.Status.COMPLETE);
        }
        String records = Files.readString(result.sync().figures().output());

        // connect's silent Key Vault probe makes msal4j log a WARN: proof that slf4j-simple output is captured
        assertThat(logs).as("slf4j-simple output was captured").contains("WARN com.microsoft.aad.msal4j");
        assertThat(issued).hasSizeGreaterThanOrEqualTo(6);
        for (String secret : issued) {
            assertThat(logs).doesNotContain(secret);
            assertThat(records).doesNotContain(secret);
        }
        // access and id tokens are JWTs: not even a fragment of one belongs in a log line
        assertThat(logs).doesNotContainPattern("eyJ[A-Za-z0-9_-]{20,}");
        assertThat(logs).doesNotContain(cacheKey);
    }
}
