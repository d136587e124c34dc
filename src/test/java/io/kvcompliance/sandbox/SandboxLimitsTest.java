package io.kvcompliance.sandbox;

import static io.kvcompliance.sandbox.DefaultTenant.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.kvcompliance.sandbox.SandboxTestClient.Reply;
import io.kvcompliance.sandbox.http.TokenBucketLimiter;
import io.kvcompliance.sandbox.http.WindowLimiter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Throttling: ARM's token bucket per principal and subscription, Key Vault's 10-second windows per vault. */
class SandboxLimitsTest extends DefaultSandboxTest {

    @BeforeEach
    void reset() {
        sandbox.updateSettings(s -> s.toBuilder().armBurst(250).armRefillPerSecond(25).kvWindowLimit(4000).build());
        sandbox.resetCounters();
    }

    @Test
    void armBucketAnswers429WithRetryAfterOnceTheBurstIsSpent() throws Exception {
        sandbox.updateSettings(s -> s.toBuilder().armBurst(5).armRefillPerSecond(0.01).build());
        String token = sandbox.issueAccessToken(ALICE, ARM, 3600);
        String url = vaultPath(PROD, "rg-payments", "kv-prod-payments") + "?" + KV_API;
        for (int i = 4; i >= 0; i--) {
            Reply ok = client.get(url, token);
            assertThat(ok.status()).isEqualTo(200);
            assertThat(ok.header("x-ms-ratelimit-remaining-subscription-reads")).isEqualTo(Integer.toString(i));
        }
        Reply throttled = client.get(url, token);
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.json().at("/error/code").asText()).isEqualTo("SubscriptionRequestsThrottled");
        assertThat(Long.parseLong(throttled.header("Retry-After"))).isGreaterThanOrEqualTo(1);
        assertThat(sandbox.metrics().throttled("arm")).isEqualTo(1);
        Reply otherPrincipal = client.get(url, sandbox.issueAccessToken(COLLECTOR_APP, ARM, 3600));
        assertThat(otherPrincipal.status()).as("buckets are per principal").isEqualTo(200);
    }

    @Test
    void keyVaultWindowAnswers429WithoutRetryAfter() throws Exception {
        sandbox.updateSettings(s -> s.toBuilder().kvWindowLimit(3).build());
        String token = sandbox.issueAccessToken(ALICE, VAULT, 3600);
        String url = "https://kv-prod-payments.vault.sandbox.test/certificates?" + DP_API;
        for (int i = 0; i < 3; i++) {
            assertThat(client.get(url, token).status()).isEqualTo(200);
        }
        Reply throttled = client.get(url, token);
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.header("Retry-After")).isNull();
        assertThat(throttled.json().at("/error/message").asText()).contains("VaultRequestTypeLimitReached");
        assertThat(client.get("https://kv-prod-legacy.vault.sandbox.test/certificates?" + DP_API,
                sandbox.issueAccessToken(COLLECTOR_APP, VAULT, 3600)).status()).as("windows are per vault").isEqualTo(200);
    }

    @Test
    void bucketRefillsAtItsRateOnAControlledClock() {
        AtomicLong now = new AtomicLong();
        TokenBucketLimiter bucket = new TokenBucketLimiter(now::get);
        for (int i = 0; i < 250; i++) {
            assertThat(bucket.take("p|s", 250, 25).allowed()).isTrue();
        }
        TokenBucketLimiter.Outcome refused = bucket.take("p|s", 250, 25);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfterSeconds()).isEqualTo(1);
        now.addAndGet(1_000_000_000L);
        int allowed = 0;
        while (bucket.take("p|s", 250, 25).allowed()) {
            allowed++;
        }
        assertThat(allowed).isEqualTo(25);
    }

    @Test
    void windowResetsEveryTenSecondsOnAControlledClock() {
        AtomicLong now = new AtomicLong();
        WindowLimiter windows = new WindowLimiter(now::get);
        for (int i = 0; i < 4000; i++) {
            assertThat(windows.tryAcquire("vault|a", 4000, 10)).isTrue();
        }
        assertThat(windows.tryAcquire("vault|a", 4000, 10)).isFalse();
        now.addAndGet(10_000_000_000L);
        assertThat(windows.tryAcquire("vault|a", 4000, 10)).isTrue();
    }
}
