package io.kvcompliance.pipeline;

import io.kvcompliance.auth.Audience;
import io.kvcompliance.azure.RetryPolicy.Api;
import io.kvcompliance.azure.RetryPolicy.Decision;
import java.net.URI;

/**
 * The state of one Azure GET across its attempts: which attempt this is, whether the token was
 * already refreshed, the delay before the next attempt, and the outcome. Lives in an exchange
 * property for the length of one call in the azure-get route.
 */
public final class AzureCall {
    private final URI url;
    private final Api api;
    private final SyncRun sync;
    private int attempt;
    private int throttledFailures;
    private int transientFailures;
    private boolean tokenRefreshed;
    private long delayMillis;
    private boolean done;
    private String body;
    private AzureCallException failure;

    AzureCall(URI url, Api api, SyncRun sync) {
        this.url = url;
        this.api = api;
        this.sync = sync;
    }

    /** Counts an event of this call into its sync's summary (no sync: a call outside a sync). */
    void count(String event, long amount) {
        if (sync != null) {
            sync.figures().callEvent(api == Api.KEY_VAULT ? "key-vault" : "resource-manager", event, amount);
        }
    }

    public URI url() {
        return url;
    }

    public Api api() {
        return api;
    }

    public Audience audience() {
        return api == Api.KEY_VAULT ? Audience.KEY_VAULT : Audience.RESOURCE_MANAGER;
    }

    /** True while another attempt is due. */
    public boolean pending() {
        return !done;
    }

    /** Milliseconds to wait before the next attempt (0 once the call is over). */
    public long delayMillis() {
        return done ? 0 : delayMillis;
    }

    int nextAttempt() {
        count("requests", 1);
        return ++attempt;
    }

    int attempt() {
        return attempt;
    }

    /**
     * Counts a failure of its kind and returns how many of that kind this call has met: each kind has its
     * own retry budget and backoff exponent (429s do not use up the budget of 5xx, and the reverse).
     */
    int failureNumber(int status) {
        return status == 429 ? ++throttledFailures : ++transientFailures;
    }

    boolean tokenRefreshed() {
        return tokenRefreshed;
    }

    void retryAfter(Decision decision) {
        delayMillis = decision.delay().toMillis();
        count("retries", 1);
        count("waitedMillis", delayMillis);
        if (decision.action() == io.kvcompliance.azure.RetryPolicy.Action.REFRESH_TOKEN_AND_RETRY) {
            tokenRefreshed = true;
        }
    }

    void succeeded(String body) {
        this.body = body;
        this.done = true;
    }

    void failed(AzureCallException failure) {
        this.failure = failure;
        this.done = true;
    }

    /** The response body, or the failure once the policy gave up. */
    public String result() {
        if (failure != null) {
            throw failure;
        }
        return body;
    }
}
