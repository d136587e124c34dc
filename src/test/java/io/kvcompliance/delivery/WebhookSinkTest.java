package io.kvcompliance.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kvcompliance.delivery.WebhookReceiver.Answer;
import io.kvcompliance.records.ComplianceRecord;
import io.kvcompliance.records.Provenance;
import io.kvcompliance.records.RecordJson;
import io.kvcompliance.records.RecordType;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The webhook sink against a real HTTP receiver on loopback: what it sends, and how it reads each answer. */
class WebhookSinkTest {
    private static final String SECRET = "Bearer s3cr3t-webhook-token-0123456789";
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    private static final Provenance CALL = new Provenance("resource-manager", "test", "2024-11-01");
    private final String syncId = UUID.randomUUID().toString();
    private WebhookReceiver receiver;
    private WebhookSink sink;

    @BeforeEach
    void start() throws IOException {
        receiver = new WebhookReceiver();
        sink = sink(receiver.url(), 2000);
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    @Test
    void batchArrivesWithIdempotencyKeyAuthHeaderAndRecordsAsTheyAre() throws Exception {
        DeliveryItem.Batch batch = batch(7, key("k1"), key("k2"), summary());
        sink.deliver(batch);

        assertThat(receiver.requests()).singleElement().satisfies(r -> {
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.path()).isEqualTo("/hooks/kv");
            assertThat(r.header("Idempotency-Key")).isEqualTo(syncId + "-7");
            assertThat(r.header("Authorization")).isEqualTo(SECRET);
            assertThat(r.header("Content-Type")).startsWith("application/json");
            JsonNode body = new ObjectMapper().readTree(r.body());
            assertThat(body.get("syncId").asText()).isEqualTo(syncId);
            assertThat(body.get("batch").asLong()).isEqualTo(7);
            List<ComplianceRecord> received = new ArrayList<>();
            body.get("records").forEach(n -> received.add(RecordJson.fromJson(n.toString())));
            assertThat(received).isEqualTo(batch.records());
            // byte for byte what RecordJson writes, explicit nulls included
            batch.records().forEach(rec -> assertThat(r.body()).contains(RecordJson.toJson(rec)));
            assertThat(r.body()).contains("\"expires\":null");
        });
    }

    @Test
    void busyOrFailingReceiverIsRetryableAndTheKeyStaysTheSame() throws Exception {
        receiver.then(Answer.status(503), Answer.status(503),
                new Answer(429, "slow down", Map.of("Retry-After", "30"), false), Answer.status(500));
        DeliveryItem.Batch batch = batch(1, key("k1"));
        for (int i = 0; i < 4; i++) {
            Throwable failure = catchThrowable(() -> sink.deliver(batch));
            assertThat(failure).isInstanceOf(WebhookSink.RetryableStatusException.class)
                    .isInstanceOf(IOException.class).isNotInstanceOf(RejectedDeliveryException.class);
        }
        sink.deliver(batch);

        assertThat(receiver.requests()).hasSize(5)
                .allSatisfy(r -> assertThat(r.header("Idempotency-Key")).isEqualTo(syncId + "-1"));
        receiver.then(new Answer(429, "", Map.of("Retry-After", "30"), false));
        assertThatThrownBy(() -> sink.deliver(batch)).isInstanceOfSatisfying(WebhookSink.RetryableStatusException.class, e -> {
            assertThat(e.status()).isEqualTo(429);
            assertThat(e.retryAfter()).isEqualTo("30");
            assertThat(e).hasMessageContaining("429").hasMessageContaining("Retry-After: 30");
        });
    }

    @Test
    void clientErrorsAreRejectedWithStatusAndReason() {
        receiver.then(Answer.status(400, "records[0].type: unknown value 'kez'"),
                Answer.status(422, "x".repeat(2000)));
        assertThatThrownBy(() -> sink.deliver(batch(1, key("k1")))).isInstanceOf(RejectedDeliveryException.class)
                .hasMessageContaining("400").hasMessageContaining("records[0].type: unknown value 'kez'");
        assertThatThrownBy(() -> sink.deliver(batch(2, key("k1")))).isInstanceOf(RejectedDeliveryException.class)
                .hasMessageContaining("422").hasMessageContaining("x".repeat(300)).hasMessageNotContaining("x".repeat(301));
    }

    @Test
    void anExpiredCredentialOrAMovedReceiverIsRetriedNotRefused() {
        receiver.then(Answer.status(401), Answer.status(403), Answer.status(404), Answer.status(410), Answer.status(307));
        for (int status : new int[] {401, 403, 404, 410, 307}) {
            assertThatThrownBy(() -> sink.deliver(batch(1, key("k1"))))
                    .isInstanceOfSatisfying(WebhookSink.RetryableStatusException.class,
                            e -> assertThat(e.status()).isEqualTo(status));
        }
    }

    @Test
    void answerSlowerThanTheTimeoutIsRetryable() throws Exception {
        WebhookSink quick = sink(receiver.url(), 300);
        receiver.then(Answer.hanging());
        // a generous bound: the point is that the call ends, not how fast
        Throwable failure = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> catchThrowable(() -> quick.deliver(batch(1, key("k1")))));
        assertThat(failure).isInstanceOf(HttpTimeoutException.class).isNotInstanceOf(RejectedDeliveryException.class)
                .hasMessageContaining(receiver.url().toString());
    }

    @Test
    void closedPortIsRetryable() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        WebhookSink nobody = sink(URI.create("http://127.0.0.1:" + port + "/hooks/kv"), 2000);
        assertThatThrownBy(() -> nobody.deliver(batch(1, key("k1")))).isInstanceOf(ConnectException.class)
                .hasMessageContaining("127.0.0.1:" + port);
    }

    @Test
    void authValueAppearsInNoMessageNorToString() throws Exception {
        List<Throwable> failures = new ArrayList<>();
        // a receiver that echoes the request's headers back in its error body
        receiver.then(r -> Answer.status(400, "bad request from: " + r.header("Authorization")))
                .then(Answer.status(503), Answer.hanging());
        failures.add(catchThrowable(() -> sink.deliver(batch(1, key("k1")))));
        failures.add(catchThrowable(() -> sink.deliver(batch(2, key("k1")))));
        failures.add(catchThrowable(() -> sink(receiver.url(), 200).deliver(batch(3, key("k1")))));
        String url = receiver.url().toString();
        failures.add(catchThrowable(() -> WebhookSink.fromSettings(url, "Authorization", SECRET + "\n", 100)));
        failures.add(catchThrowable(() -> WebhookSink.fromSettings("http://example.com/h", "Authorization", SECRET, 100)));

        assertThat(failures).doesNotContainNull().allSatisfy(f -> {
            for (Throwable t = f; t != null; t = t.getCause()) {
                assertThat(String.valueOf(t.getMessage())).doesNotContain(SECRET).doesNotContain("s3cr3t");
                assertThat(t.toString()).doesNotContain("s3cr3t");
            }
        });
        assertThat(failures.get(0)).hasMessageContaining("400").hasMessageContaining("***");
        assertThat(sink.toString()).contains("Authorization").doesNotContain("s3cr3t");
    }

    @Test
    void settingsRefusePlainHttpToAnotherHostAndAMissingUrl() {
        for (String url : Arrays.asList(null, " ", "http://example.com/hooks", "http://10.0.0.5/hooks",
                "http://127.0.0.1.example.com/hooks", "ftp://localhost/x")) {
            assertThatThrownBy(() -> WebhookSink.fromSettings(url, "Authorization", SECRET, 1000))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kv.delivery.webhook.url");
        }
        assertThatThrownBy(() -> WebhookSink.fromSettings("http://example.com/hooks", null, null, 1000))
                .hasMessageContaining("https");
        for (String loopback : List.of("https://example.com/hooks", "http://127.0.0.1:8080/h", "http://[::1]:8080/h",
                "http://localhost/h")) {
            assertThat(WebhookSink.fromSettings(loopback, "Authorization", null, 1000).toString()).doesNotContain("Authorization");
        }
    }

    @Test
    void syncEndSendsNothing() throws Exception {
        sink.deliver(new DeliveryItem.SyncEnd(syncId, T, "COMPLETE", true));
        assertThat(receiver.requests()).isEmpty();
    }

    private static WebhookSink sink(URI url, int timeoutMs) {
        return new WebhookSink(url, "Authorization", SECRET, Duration.ofMillis(timeoutMs),
                HttpClient.newBuilder().connectTimeout(Duration.ofMillis(timeoutMs)).build());
    }

    private DeliveryItem.Batch batch(long sequence, ComplianceRecord... records) {
        return new DeliveryItem.Batch(syncId, T, sequence, List.of(records));
    }

    private static ComplianceRecord key(String name) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("name", name);
        a.put("enabled", true);
        a.put("expires", null);
        a.put("keyOps", List.of("sign", "verify"));
        a.put("tags", Map.of("owner", "équipe-sécurité"));
        return record(RecordType.KEY, "https://kv-a.vault.azure.net/keys/" + name, "kv-a", a);
    }

    private static ComplianceRecord summary() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("status", "COMPLETE");
        a.put("recordCount", 2);
        return record(RecordType.SYNC_SUMMARY, "sync/s1", null, a);
    }

    private static ComplianceRecord record(RecordType type, String id, String vault, Map<String, Object> a) {
        return new ComplianceRecord(1, UUID.nameUUIDFromBytes((type + id).getBytes()).toString(), type, "tenant",
                "00000000-0000-0000-0000-000000000001", vault == null ? null : "rg", vault, id, "2026-01-01T00:00:00Z",
                "s", CALL, RecordJson.attributesHash(a), a);
    }
}
