package io.kvcompliance.azure;

import static io.kvcompliance.azure.RetryPolicy.Action.GIVE_UP;
import static io.kvcompliance.azure.RetryPolicy.Action.REFRESH_TOKEN_AND_RETRY;
import static io.kvcompliance.azure.RetryPolicy.Action.RETRY;
import static io.kvcompliance.azure.RetryPolicy.Api.KEY_VAULT;
import static io.kvcompliance.azure.RetryPolicy.Api.LOGIN;
import static io.kvcompliance.azure.RetryPolicy.Api.RESOURCE_MANAGER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kvcompliance.azure.RetryPolicy.Api;
import io.kvcompliance.azure.RetryPolicy.Attempt;
import io.kvcompliance.azure.RetryPolicy.Decision;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.HttpHostConnectException;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    /** 0.5 is the middle of [0, 1): a jitter factor of exactly 1. */
    private static final DoubleSupplier NO_JITTER = () -> 0.5;

    private static RetryPolicy policy(DoubleSupplier random) {
        return new RetryPolicy(RetrySettings.defaults(), random, CLOCK, new RetryStats());
    }

    private static RetryPolicy policy(RetrySettings settings) {
        return new RetryPolicy(settings, NO_JITTER, CLOCK, new RetryStats());
    }

    private static Decision status(RetryPolicy p, Api api, int attempt, int status, String retryAfter) {
        return p.decide(Attempt.response(api, attempt, status, retryAfter, false));
    }

    @Test
    void throttledWithRetryAfterSecondsWaitsExactlyThatWithoutJitter() {
        Decision d = status(policy(() -> 0.99), RESOURCE_MANAGER, 1, 429, "7");

        assertThat(d.action()).isEqualTo(RETRY);
        assertThat(d.delay()).isEqualTo(Duration.ofSeconds(7));
        assertThat(d.reason()).contains("429 with Retry-After").contains("7000 ms");
    }

    @Test
    void throttledWithRetryAfterHttpDateWaitsUntilThatDate() {
        Decision d = status(policy(NO_JITTER), KEY_VAULT, 1, 429, "Thu, 01 Jan 2026 00:00:12 GMT");

        assertThat(d.delay()).isEqualTo(Duration.ofSeconds(12));
    }

    @Test
    void retryAfterInThePastMeansRetryNow() {
        assertThat(status(policy(NO_JITTER), RESOURCE_MANAGER, 1, 429, "Wed, 31 Dec 2025 23:59:00 GMT").delay())
                .isZero();
        assertThat(status(policy(NO_JITTER), RESOURCE_MANAGER, 1, 429, "0").delay()).isZero();
    }

    @Test
    void retryAfterIsCappedAtTheConfiguredMaximum() {
        assertThat(status(policy(NO_JITTER), RESOURCE_MANAGER, 1, 429, "3600").delay())
                .isEqualTo(Duration.ofSeconds(60));
        assertThat(status(policy(NO_JITTER), RESOURCE_MANAGER, 1, 429, "99999999999999999999").delay())
                .isEqualTo(Duration.ofSeconds(60));
        RetrySettings tenSeconds = new RetrySettings(Duration.ofSeconds(1), Duration.ofSeconds(30),
                Duration.ofSeconds(10), 5, 3, 0.2);
        assertThat(status(policy(tenSeconds), RESOURCE_MANAGER, 1, 429, "Thu, 01 Jan 2026 01:00:00 GMT").delay())
                .isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void unreadableRetryAfterFallsBackToBackoff() {
        Decision d = status(policy(NO_JITTER), KEY_VAULT, 2, 429, "soon");

        assertThat(d.delay()).isEqualTo(Duration.ofSeconds(2));
        assertThat(d.reason()).contains("without Retry-After");
    }

    @Test
    void keyVaultThrottlingWithoutRetryAfterFollowsTheOneTwoFourEightSixteenLadder() {
        RetryPolicy p = policy(NO_JITTER);
        List<Duration> delays = new ArrayList<>();
        for (int attempt = 1; attempt <= 5; attempt++) {
            Decision d = status(p, KEY_VAULT, attempt, 429, null);
            assertThat(d.action()).isEqualTo(RETRY);
            delays.add(d.delay());
        }

        assertThat(delays).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
                Duration.ofSeconds(8), Duration.ofSeconds(16));
        Decision sixth = status(p, KEY_VAULT, 6, 429, null);
        assertThat(sixth.action()).isEqualTo(GIVE_UP);
        assertThat(sixth.reason()).contains("429 after 5 retries");
    }

    @Test
    void keyVaultLadderStopsAtSixteenStepsWhenMoreRetriesAreAllowed() {
        RetrySettings sevenRetries = new RetrySettings(Duration.ofSeconds(1), Duration.ofSeconds(30),
                Duration.ofSeconds(60), 7, 3, 0.2);

        assertThat(status(policy(sevenRetries), KEY_VAULT, 7, 429, null).delay()).isEqualTo(Duration.ofSeconds(16));
        assertThat(status(policy(sevenRetries), RESOURCE_MANAGER, 6, 429, null).delay())
                .as("ARM: 32 s capped at max-delay 30 s").isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void jitterMovesABackoffByAtMostTwentyPercent() {
        assertThat(status(policy(() -> 0.0), KEY_VAULT, 1, 429, null).delay()).isEqualTo(Duration.ofMillis(800));
        assertThat(status(policy(() -> 0.25), KEY_VAULT, 1, 429, null).delay()).isEqualTo(Duration.ofMillis(900));
        assertThat(status(policy(() -> 0.75), KEY_VAULT, 3, 429, null).delay()).isEqualTo(Duration.ofMillis(4400));
        assertThat(status(policy(() -> 0.75), RESOURCE_MANAGER, 2, 503, null).delay())
                .isEqualTo(Duration.ofMillis(2200));
    }

    @Test
    void seededRandomMakesEveryDelayReproducible() {
        Random twin = new Random(42);
        RetryPolicy p = policy(new Random(42)::nextDouble);

        for (int attempt = 1; attempt <= 5; attempt++) {
            double factor = 1 + 0.2 * (2 * twin.nextDouble() - 1);
            long expected = Math.round(1e9 * Math.pow(2, attempt - 1) * factor);
            assertThat(status(p, RESOURCE_MANAGER, attempt, 429, null).delay()).isEqualTo(Duration.ofNanos(expected));
        }
    }

    @Test
    void transientStatusesBackOffExponentiallyFromTheConfiguredBaseThreeTimes() {
        RetrySettings tenMillis = new RetrySettings(Duration.ofMillis(10), Duration.ofSeconds(30),
                Duration.ofSeconds(60), 5, 3, 0.2);
        for (int code : new int[] {408, 500, 502, 503, 504}) {
            RetryPolicy p = policy(tenMillis);
            assertThat(List.of(status(p, KEY_VAULT, 1, code, null).delay(), status(p, KEY_VAULT, 2, code, null).delay(),
                    status(p, KEY_VAULT, 3, code, null).delay())).as("HTTP %d", code)
                    .containsExactly(Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofMillis(40));
            Decision fourth = status(p, KEY_VAULT, 4, code, null);
            assertThat(fourth.action()).isEqualTo(GIVE_UP);
            assertThat(fourth.reason()).contains("HTTP " + code + " after 3 retries");
        }
    }

    @Test
    void serviceUnavailableWithRetryAfterHonoursIt() {
        assertThat(status(policy(NO_JITTER), RESOURCE_MANAGER, 1, 503, "5").delay()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void transientNetworkFailuresAreRetriedLikeServerErrors() {
        for (Class<? extends Throwable> failure : List.of(SocketException.class, NoHttpResponseException.class,
                SocketTimeoutException.class, ConnectTimeoutException.class, HttpHostConnectException.class)) {
            RetryPolicy p = policy(NO_JITTER);
            Decision first = p.decide(Attempt.ioFailure(KEY_VAULT, 1, failure));
            assertThat(first.action()).as(failure.getSimpleName()).isEqualTo(RETRY);
            assertThat(first.delay()).isEqualTo(Duration.ofSeconds(1));
            assertThat(first.reason()).contains(failure.getSimpleName());
            assertThat(p.decide(Attempt.ioFailure(KEY_VAULT, 3, failure)).delay()).isEqualTo(Duration.ofSeconds(4));
            assertThat(p.decide(Attempt.ioFailure(KEY_VAULT, 4, failure)).action()).isEqualTo(GIVE_UP);
        }
        assertThat(policy(NO_JITTER).decide(Attempt.ioFailure(LOGIN, 1, null)).action()).isEqualTo(RETRY);
    }

    @Test
    void failuresRetryingCannotFixAreNotRetried() {
        for (Class<? extends Throwable> failure : List.of(UnknownHostException.class, SSLHandshakeException.class,
                SSLPeerUnverifiedException.class, EgressDeniedException.class, ForeignNextLinkException.class)) {
            Decision d = policy(NO_JITTER).decide(Attempt.ioFailure(RESOURCE_MANAGER, 1, failure));
            assertThat(d.action()).as(failure.getSimpleName()).isEqualTo(GIVE_UP);
            assertThat(d.reason()).contains(failure.getSimpleName()).contains("retrying cannot fix it");
        }
    }

    @Test
    void clientErrorsAndUnsupportedServerFeaturesAreNotRetried() {
        for (int code : new int[] {400, 403, 404, 409, 412, 501, 505}) {
            Decision d = status(policy(NO_JITTER), RESOURCE_MANAGER, 1, code, "1");
            assertThat(d.action()).as("HTTP %d", code).isEqualTo(GIVE_UP);
            assertThat(d.reason()).contains("HTTP " + code + " is not retried");
        }
    }

    @Test
    void unauthorizedRefreshesTheTokenOnceThenGivesUp() {
        RetryPolicy p = policy(NO_JITTER);

        Decision first = p.decide(Attempt.response(KEY_VAULT, 1, 401, null, false));
        Decision second = p.decide(Attempt.response(KEY_VAULT, 2, 401, null, true));

        assertThat(first.action()).isEqualTo(REFRESH_TOKEN_AND_RETRY);
        assertThat(first.delay()).isZero();
        assertThat(second.action()).isEqualTo(GIVE_UP);
        assertThat(second.reason()).contains("401 again after a token refresh");
    }

    @Test
    void unauthorizedFromEntraIdIsNotRefreshed() {
        assertThat(policy(NO_JITTER).decide(Attempt.response(LOGIN, 1, 401, null, false)).action()).isEqualTo(GIVE_UP);
    }

    @Test
    void attemptNumbersStartAtOne() {
        assertThatThrownBy(() -> Attempt.response(KEY_VAULT, 0, 429, null, false))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void statsCountRetriesThrottlingRefreshesGiveUpsAndWaitingPerApi() {
        RetryPolicy p = policy(NO_JITTER);
        status(p, KEY_VAULT, 1, 429, null);
        status(p, KEY_VAULT, 2, 429, "3");
        status(p, KEY_VAULT, 6, 429, null);
        p.decide(Attempt.response(RESOURCE_MANAGER, 1, 401, null, false));
        status(p, RESOURCE_MANAGER, 1, 503, null);
        status(p, RESOURCE_MANAGER, 1, 404, null);

        RetryStats stats = p.stats();
        assertThat(stats.throttled(KEY_VAULT)).isEqualTo(3);
        assertThat(stats.retries(KEY_VAULT)).isEqualTo(2);
        assertThat(stats.gaveUp(KEY_VAULT)).isEqualTo(1);
        assertThat(stats.waited(KEY_VAULT)).isEqualTo(Duration.ofSeconds(4));
        assertThat(stats.retries(RESOURCE_MANAGER)).isEqualTo(2);
        assertThat(stats.tokenRefreshes(RESOURCE_MANAGER)).isEqualTo(1);
        assertThat(stats.gaveUp(RESOURCE_MANAGER)).isEqualTo(1);
        assertThat(stats.totalWaited()).isEqualTo(Duration.ofSeconds(5));
        assertThat(stats.snapshot().get("KEY_VAULT")).containsEntry("throttled", 3L).containsEntry("waitedMillis", 4000L);
        assertThat(stats.snapshot().get("LOGIN")).isEqualTo(Map.of("retries", 0L, "throttled", 0L,
                "tokenRefreshes", 0L, "gaveUp", 0L, "waitedMillis", 0L));
    }

    @Test
    void statsCountExactlyUnderConcurrentDecisions() throws Exception {
        RetryPolicy p = policy(NO_JITTER);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            done.add(pool.submit(() -> {
                for (int i = 0; i < 1000; i++) {
                    status(p, KEY_VAULT, 1, 429, "1");
                }
            }));
        }
        for (Future<?> f : done) {
            f.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertThat(p.stats().throttled(KEY_VAULT)).isEqualTo(8000);
        assertThat(p.stats().waited(KEY_VAULT)).isEqualTo(Duration.ofSeconds(8000));
    }

    @Test
    void settingsComeFromTheKvRetryKeysWithDefaultsAndNameABadKey() {
        assertThat(RetrySettings.fromProperties(k -> null)).isEqualTo(RetrySettings.defaults());
        RetrySettings s = RetrySettings.fromProperties(Map.of("kv.retry.base-delay-ms", "10",
                "kv.retry.max-retry-after-seconds", "5", "kv.retry.max-throttled-retries", "2", "kv.retry.jitter",
                "0")::get);
        assertThat(s).isEqualTo(new RetrySettings(Duration.ofMillis(10), Duration.ofSeconds(30),
                Duration.ofSeconds(5), 2, 3, 0));
        assertThatThrownBy(() -> RetrySettings.fromProperties(Map.of("kv.retry.max-transient-retries", "three")::get))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("kv.retry.max-transient-retries=three is not a whole number");
        assertThatThrownBy(() -> RetrySettings.fromProperties(Map.of("kv.retry.jitter", "1.5")::get))
                .hasMessageContaining("kv.retry.jitter=1.5");
    }
}
