package io.kvcompliance.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kvcompliance.auth.AccessTokens;
import io.kvcompliance.auth.Audience;
import io.kvcompliance.azure.ClientPacer;
import io.kvcompliance.azure.CloudEndpoints;
import io.kvcompliance.azure.EgressDeniedException;
import io.kvcompliance.azure.RetryPolicy;
import io.kvcompliance.azure.RetryPolicy.Api;
import io.kvcompliance.azure.RetryPolicy.Attempt;
import io.kvcompliance.azure.RetryPolicy.Decision;
import io.kvcompliance.records.CoverageClassifier;
import java.net.URI;

/**
 * The decisions around each Azure GET that the azure-get route makes through this bean: which API
 * (and so which token) a URL belongs to, the Authorization header, and after each answer or I/O
 * failure whether to retry, refresh the token once, or give up, all by the one {@link RetryPolicy}.
 */
public final class AzureCalls {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CloudEndpoints cloud;
    private final AccessTokens tokens;
    private final RetryPolicy policy;
    private final ClientPacer armPacer;

    public AzureCalls(CloudEndpoints cloud, AccessTokens tokens, RetryPolicy policy, ClientPacer armPacer) {
        this.cloud = cloud;
        this.tokens = tokens;
        this.policy = policy;
        this.armPacer = armPacer;
    }

    /** Fails fast when sign-in is impossible, before any list is read (the sync's token step). */
    public void signIn(SyncRun sync) {
        tokens.accessToken(Audience.RESOURCE_MANAGER);
        sync.principal(tokens.describe());
    }

    /** Starts a call; a URL on neither the cloud's Resource Manager nor one of its vaults gets no token at all. */
    public AzureCall begin(String url, SyncRun sync) {
        if (sync.interrupted()) {
            throw new SyncInterruptedException();
        }
        URI uri = URI.create(url);
        if (!cloud.isResourceManager(uri) && !cloud.isVault(uri)) {
            throw new EgressDeniedException("Refused GET " + withoutQuery(uri) + ": bearer tokens only go to "
                    + cloud.resourceManagerEndpoint() + " and https://*" + cloud.keyVaultDnsSuffix());
        }
        Api api = cloud.isVault(uri) ? Api.KEY_VAULT : Api.RESOURCE_MANAGER;
        return new AzureCall(uri, api, sync);
    }

    /** The Authorization header for the next attempt; paces Resource Manager reads when pacing is on. */
    public String authorization(AzureCall call) {
        call.nextAttempt();
        if (call.api() == Api.RESOURCE_MANAGER) {
            long start = System.nanoTime();
            armPacer.acquire(pacingKey(call.url()));
            long pacedMillis = (System.nanoTime() - start) / 1_000_000;
            if (pacedMillis > 0) {
                call.count("pacedMillis", pacedMillis);
            }
        }
        return "Bearer " + tokens.accessToken(call.audience());
    }

    private static String pacingKey(URI url) {
        String path = url.getPath();
        String[] parts = path.split("/");
        return parts.length > 2 && parts[1].equalsIgnoreCase("subscriptions") ? parts[2].toLowerCase() : "tenant";
    }

    /** Records an HTTP answer: success ends the call; otherwise the policy decides. */
    public void answered(AzureCall call, Integer status, String retryAfter, String body) {
        int code = status == null ? 0 : status;
        if (code == 429) {
            call.count("throttled", 1);
        }
        if (code >= 200 && code < 300) {
            call.succeeded(body);
            return;
        }
        int number = code == 401 ? call.attempt() : call.failureNumber(code);
        Decision d = policy.decide(Attempt.response(call.api(), number, code, retryAfter, call.tokenRefreshed()));
        if (d.retries()) {
            if (d.action() == RetryPolicy.Action.REFRESH_TOKEN_AND_RETRY) {
                tokens.invalidate(call.audience());
            }
            call.retryAfter(d);
            return;
        }
        call.failed(httpFailure(call, code, body, d.reason()));
    }

    /** Records an I/O failure (reset, timeout): retried while the policy allows. */
    public void failed(AzureCall call, Exception error) {
        Decision d = policy.decide(Attempt.ioFailure(call.api(), call.failureNumber(0), error.getClass()));
        if (d.retries()) {
            call.retryAfter(d);
            return;
        }
        call.failed(new AzureCallException("GET " + withoutQuery(call.url()) + " failed: " + error.getClass().getSimpleName()
                + (error.getMessage() == null ? "" : " (" + error.getMessage() + ")") + "; " + d.reason(), 0,
                error.getClass().getSimpleName(), error));
    }

    private static AzureCallException httpFailure(AzureCall call, int status, String body, String reason) {
        JsonNode error = null;
        try {
            error = JSON.readTree(body == null ? "" : body);
        } catch (Exception e) {
            // not JSON: the status alone tells the story
        }
        // one parser for every error shape (ARM, data plane innererror, flat Insights, Entra)
        CoverageClassifier.Classification c = CoverageClassifier.classify(status, error);
        String message = c.message() == null ? null : firstLine(c.message());
        return new AzureCallException("GET " + withoutQuery(call.url()) + " answered " + status
                + (c.errorCode() == null ? "" : " " + c.errorCode()) + (message == null ? "" : ": " + message)
                + " (" + reason + ")", status, c.errorCode(), null);
    }

    /** The call's body, or the failure the retry policy ended with. */
    public String result(AzureCall call) {
        return call.result();
    }

    /** Whether a failure (anywhere in the cause chain) is Azure refusing access with 403. */
    public boolean forbidden(Throwable error) {
        return status(error) == 403;
    }

    /** Whether the object is gone (404): deleted between the list that named it and the get. */
    public boolean gone(Throwable error) {
        return status(error) == 404;
    }

    private static int status(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof AzureCallException a) {
                return a.status();
            }
        }
        return -1;
    }

    static String withoutQuery(URI url) {
        return url.getScheme() + "://" + url.getRawAuthority() + url.getRawPath();
    }

    private static String firstLine(String s) {
        int cut = s.indexOf('\r') >= 0 ? s.indexOf('\r') : s.indexOf('\n');
        return cut >= 0 ? s.substring(0, cut) : s;
    }
}
