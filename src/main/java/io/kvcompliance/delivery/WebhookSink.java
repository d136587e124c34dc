package io.kvcompliance.delivery;

import io.kvcompliance.records.ComplianceRecord;
import io.kvcompliance.records.RecordJson;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/** Posts each batch of a sync's records as one JSON document to a webhook, keyed for idempotent replay. */
public final class WebhookSink implements Sink {
    private static final String URL_KEY = "kv.delivery.webhook.url";
    // URI.getHost() keeps the brackets of an IPv6 literal
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "[::1]", "localhost");
    private static final int REASON_CHARS = 300;
    private final URI url;
    private final String target;
    private final String authHeaderName;
    private final String authHeaderValue;
    private final Duration timeout;
    private final HttpClient client;

    /** @param authHeaderValue the credential, or null to send no auth header; it never appears in a message */
    public WebhookSink(URI url, String authHeaderName, String authHeaderValue, Duration timeout, HttpClient client) {
        this.url = checkedUrl(url);
        // messages name the endpoint without its query: some receivers take their token as a query parameter
        this.target = url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort())
                + url.getRawPath();
        this.authHeaderName = authHeaderValue == null ? null : Objects.requireNonNull(authHeaderName, "authHeaderName");
        this.authHeaderValue = authHeaderValue;
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.client = Objects.requireNonNull(client, "client");
        checkAuthHeader();
    }

    /** Validates the kv.delivery.webhook.* settings and builds the sink with its own HTTP client. */
    public static WebhookSink fromSettings(String url, String authHeader, String authValue, int timeoutMs) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException(URL_KEY + " is not set: give the https URL that receives the record"
                    + " batches, e.g. https://compliance.example.com/hooks/kv");
        }
        if (timeoutMs <= 0) {
            throw new IllegalArgumentException("kv.delivery.webhook.timeout-ms is " + timeoutMs
                    + ": give the per-request timeout in milliseconds, e.g. 10000");
        }
        boolean hasValue = authValue != null && !authValue.isEmpty();
        if (hasValue && (authHeader == null || authHeader.isBlank())) {
            throw new IllegalArgumentException("kv.delivery.webhook.auth-header is not set but kv.delivery.webhook.auth-value"
                    + " is: give the header name that carries the credential, e.g. Authorization");
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(URL_KEY + " is not a URL (" + e.getReason() + "): give an https URL");
        }
        Duration timeout = Duration.ofMillis(timeoutMs);
        return new WebhookSink(uri, hasValue ? authHeader.strip() : null, hasValue ? authValue : null, timeout,
                HttpClient.newBuilder().connectTimeout(timeout).build());
    }

    @Override
    public void deliver(DeliveryItem item) throws IOException, InterruptedException, RejectedDeliveryException {
        // A sync's end carries nothing new for a webhook: its summary record already went out in the last
        // batch, and the consumer has no tombstone table to update, so there is nothing to post.
        if (item instanceof DeliveryItem.Batch batch) {
            post(batch);
        }
    }

    private void post(DeliveryItem.Batch batch) throws IOException, InterruptedException, RejectedDeliveryException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", batch.idempotencyKey())
                .POST(HttpRequest.BodyPublishers.ofString(body(batch), StandardCharsets.UTF_8));
        if (authHeaderValue != null) {
            request.header(authHeaderName, authHeaderValue);
        }
        HttpResponse<InputStream> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw (HttpTimeoutException) new HttpTimeoutException("POST " + target + " got no answer within "
                    + timeout.toMillis() + " ms (kv.delivery.webhook.timeout-ms)").initCause(e);
        } catch (ConnectException e) {
            throw (ConnectException) new ConnectException("cannot connect to " + target + ": " + e.getMessage()).initCause(e);
        } catch (IOException e) {
            throw new IOException("POST " + target + " failed: " + e, e);
        }
        check(batch, response);
    }

    private void check(DeliveryItem.Batch batch, HttpResponse<InputStream> response)
            throws IOException, RejectedDeliveryException {
        int status = response.statusCode();
        try (InputStream in = response.body()) {
            if (status >= 200 && status < 300) {
                return;
            }
            String where = "batch " + batch.idempotencyKey() + " to " + target;
            // "not now" or "not here yet": 408, 429, 5xx, and what an expired credential or a receiver being
            // redeployed answers (401, 403, 404, 410, 3xx): the channel retries, then spools, and the key makes
            // replays safe. Any other 4xx (400, 413, 415, 422...) refuses this batch for good.
            if (status == 408 || status == 429 || status >= 500 || status == 401 || status == 403 || status == 404
                    || status == 410 || status < 400) {
                throw new RetryableStatusException(status, response.headers().firstValue("Retry-After").orElse(null), where);
            }
            throw new RejectedDeliveryException("webhook answered " + status + " to " + where + ": " + reason(in));
        }
    }

    /** The start of the answer's body; receivers sometimes echo request headers, so the credential is masked. */
    private String reason(InputStream in) throws IOException {
        String text = new String(in.readNBytes(16 * REASON_CHARS), StandardCharsets.UTF_8);
        if (authHeaderValue != null) {
            text = text.replace(authHeaderValue, "***");
            String credential = authHeaderValue.substring(authHeaderValue.lastIndexOf(' ') + 1);
            text = credential.length() >= 8 ? text.replace(credential, "***") : text;
        }
        text = text.strip();
        return text.isEmpty() ? "(no body)" : text.length() <= REASON_CHARS ? text : text.substring(0, REASON_CHARS) + "...";
    }

    /** The records exactly as {@link RecordJson#toJson} writes them everywhere else, wrapped, not re-serialised. */
    static String body(DeliveryItem.Batch batch) {
        StringBuilder body = new StringBuilder(256 + 1024 * batch.size())
                .append("{\"syncId\":").append(RecordJson.toTree(batch.syncId()))
                .append(",\"batch\":").append(batch.sequence()).append(",\"records\":[");
        String separator = "";
        for (ComplianceRecord record : batch.records()) {
            body.append(separator).append(RecordJson.toJson(record));
            separator = ",";
        }
        return body.append("]}").toString();
    }

    private static URI checkedUrl(URI url) {
        Objects.requireNonNull(url, URL_KEY);
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase();
        String host = url.getHost() == null ? "" : url.getHost().toLowerCase();
        if (host.isEmpty() || !(scheme.equals("https") || scheme.equals("http") && LOOPBACK.contains(host))) {
            throw new IllegalArgumentException(URL_KEY + " must be an https URL (plain http only to 127.0.0.1, ::1 or"
                    + " localhost), since the batches and the auth header would otherwise cross the network in clear: got "
                    + scheme + "://" + host + "; use https://" + (host.isEmpty() ? "<host>" : host) + "/...");
        }
        if (url.getRawUserInfo() != null) {
            throw new IllegalArgumentException(URL_KEY + " carries credentials before the host: remove them and set"
                    + " kv.delivery.webhook.auth-header and kv.delivery.webhook.auth-value instead");
        }
        return url;
    }

    private void checkAuthHeader() {
        if (authHeaderValue == null) {
            return;
        }
        try {
            HttpRequest.newBuilder(url).header(authHeaderName, authHeaderValue);
        } catch (IllegalArgumentException e) {
            // not chained: the JDK's own message quotes the invalid value, which may be the credential
            throw new IllegalArgumentException("kv.delivery.webhook.auth-header '" + authHeaderName + "' or its value"
                    + " (kv.delivery.webhook.auth-value) cannot be sent: use a plain header name such as Authorization"
                    + " and a one-line printable value");
        }
    }

    @Override
    public String toString() {
        return "WebhookSink[" + target + (authHeaderName == null ? "" : ", " + authHeaderName + ": ***")
                + ", timeout " + timeout.toMillis() + " ms]";
    }

    /** The webhook said "not now" (408, 429, 5xx): deliver again later, honouring {@link #retryAfter()} if given. */
    public static final class RetryableStatusException extends IOException {
        private final int status;
        private final String retryAfter;

        public RetryableStatusException(int status, String retryAfter, String where) {
            super("webhook answered " + status + " to " + where
                    + (retryAfter == null ? "" : " (Retry-After: " + retryAfter + ")") + "; will retry");
            this.status = status;
            this.retryAfter = retryAfter;
        }

        public int status() {
            return status;
        }

        /** The Retry-After header as sent (seconds or an HTTP date), or null. */
        public String retryAfter() {
            return retryAfter;
        }
    }
}
