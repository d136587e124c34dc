package io.kvcompliance.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import io.kvcompliance.delivery.DeliveryStats;
import io.kvcompliance.delivery.WebhookReceiver;
import io.kvcompliance.delivery.WebhookReceiver.Answer;
import io.kvcompliance.delivery.WebhookReceiver.Request;
import io.kvcompliance.pipeline.SyncHarness.Result;
import io.kvcompliance.sandbox.Sandbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kv.delivery.endpoints against real receivers: the webhook built-in (batched, keyed, retried, refused,
 * spooled while down and replayed in order), any Camel endpoint URI next to one that fails, and the
 * start-up refusals of a list that cannot work.
 */
class DeliveryEndpointsIT {
    private static final String AUTH = "Bearer it-webhook-credential-0123456789";
    private static final int BATCH = 50;
    private static final Pattern SPOOL_ITEM = Pattern.compile("\\d{12}-(\\d+)\\.json");

    @Test
    void webhookGetsEveryRecordOnceInKeyedBatchesThroughRetries(@TempDir Path work) throws Exception {
        try (Sandbox sandbox = Sandbox.start(); WebhookReceiver receiver = new WebhookReceiver()) {
            // requests 1 and 4 (batch 1's and batch 3's first attempts) are answered 503, every other one 200
            receiver.then(Answer.status(503), Answer.status(200), Answer.status(200), Answer.status(503));
            Map<String, String> props = webhook(receiver.url());
            // one attempt for every destination, but the webhook's own setting wins: without it a 503 would spool
            props.put("kv.delivery.retry.attempts", "1");
            props.put("kv.delivery.webhook.retry.attempts", "3");

            Result result = SyncHarness.sync(sandbox, work, props);
            SyncRun sync = result.sync();
            int count = result.records().size();
            assertThat(sync.status()).isEqualTo(SyncRun.Status.COMPLETE);
            int batches = expectedBatches(count);
            assertThat(batches).as("the default tenant fills several batches").isGreaterThanOrEqualTo(4);

            List<Request> requests = receiver.requests();
            List<String> expectedKeys = new ArrayList<>();
            for (int b = 1; b <= batches; b++) {
                expectedKeys.add(sync.syncId() + "-" + b);
                if (b == 1 || b == 3) {
                    expectedKeys.add(sync.syncId() + "-" + b); // the retry carries the same key
                }
            }
            assertThat(requests).extracting(r -> r.header("Idempotency-Key")).containsExactlyElementsOf(expectedKeys);
            assertThat(requests).allSatisfy(r -> {
                assertThat(r.method()).isEqualTo("POST");
                assertThat(r.path()).isEqualTo(receiver.url().getPath());
                assertThat(r.header("Authorization")).isEqualTo(AUTH);
                JsonNode body = SyncHarness.JSON.readTree(r.body());
                assertThat(body.get("syncId").asText()).isEqualTo(sync.syncId());
                assertThat(r.header("Idempotency-Key")).isEqualTo(sync.syncId() + "-" + body.get("batch").asLong());
            });
            assertThat(requests.get(1).body()).as("batch 1 retried whole").isEqualTo(requests.get(0).body());
            assertThat(requests.get(4).body()).as("batch 3 retried whole").isEqualTo(requests.get(3).body());

            List<Request> accepted = new ArrayList<>(requests);
            accepted.remove(3);
            accepted.remove(0);
            Map<String, List<JsonNode>> byKey = byKey(accepted);
            assertThat(byKey).hasSize(batches);
            List<Integer> sizes = byKey.values().stream().map(List::size).toList();
            assertThat(sizes.subList(0, batches - 2)).as("full batches").allMatch(n -> n == BATCH);
            // the flush before the summary sends what is left; the summary goes alone, at the sync's end
            assertThat(byKey.get(sync.syncId() + "-" + batches)).singleElement()
                    .satisfies(r -> assertThat(r.get("type").asText()).isEqualTo("syncSummary"));
            assertThat(flatten(byKey)).hasSize(count).containsExactlyInAnyOrderElementsOf(result.records());

            assertThat(sync.figures().deliveries().get("webhook")).isEqualTo(new DeliveryStats(count, 0, 0, 0, 0));
            assertThat(sync.figures().deliveries().get("ndjson").delivered()).isEqualTo(count);
            // the summary's own figures are taken before the summary itself went out
            assertThat(summary(result).at("/attributes/delivery/webhook/delivered").asLong()).isEqualTo(count - 1);
            assertThat(spoolItems(work.resolve("spool/webhook"))).isEmpty();
        }
    }

    @Test
    void webhookRefusalKeepsTheBatchInRejectedAndDeliversTheRest(@TempDir Path work) throws Exception {
        try (Sandbox sandbox = Sandbox.start(); WebhookReceiver receiver = new WebhookReceiver()) {
            // the 2nd batch is refused for good; the receiver echoes the credential, which must not reach the disk
            receiver.then(Answer.status(200))
                    .then(r -> Answer.status(422, "invalid record batch (auth was " + r.header("Authorization") + ")"));

            Result result = SyncHarness.sync(sandbox, work, webhook(receiver.url()));
            SyncRun sync = result.sync();
            int count = result.records().size();
            assertThat(sync.status()).isEqualTo(SyncRun.Status.COMPLETE);

            List<Request> requests = receiver.requests();
            List<String> keys = requests.stream().map(r -> r.header("Idempotency-Key")).toList();
            assertThat(keys).as("a refused batch is not retried").doesNotHaveDuplicates()
                    .hasSize(expectedBatches(count)).contains(sync.syncId() + "-2");
            Request refused = requests.get(1);
            assertThat(refused.header("Idempotency-Key")).isEqualTo(sync.syncId() + "-2");

            Path rejectedDir = work.resolve("spool/webhook/rejected");
            List<Path> rejected = spoolItems(rejectedDir);
            assertThat(rejected).hasSize(1);
            JsonNode kept = SyncHarness.JSON.readTree(rejected.get(0).toFile());
            assertThat(kept.get("syncId").asText()).isEqualTo(sync.syncId());
            assertThat(kept.get("sequence").asLong()).isEqualTo(2);
            List<JsonNode> keptRecords = new ArrayList<>();
            kept.get("records").forEach(keptRecords::add);
            assertThat(keptRecords).hasSize(BATCH).containsExactlyElementsOf(records(refused));
            String reason = Files.readString(rejectedDir.resolve(rejected.get(0).getFileName() + ".reason"));
            assertThat(reason).contains("422").contains("invalid record batch").doesNotContain("it-webhook-credential");

            List<Request> accepted = new ArrayList<>(requests);
            accepted.remove(1);
            List<JsonNode> everything = new ArrayList<>(flatten(byKey(accepted)));
            everything.addAll(keptRecords);
            assertThat(everything).as("nothing lost").hasSize(count).containsExactlyInAnyOrderElementsOf(result.records());
            assertThat(sync.figures().deliveries().get("webhook")).isEqualTo(new DeliveryStats(count - BATCH, 0, BATCH, 0, 0));
            assertThat(spoolItems(work.resolve("spool/webhook"))).isEmpty();
        }
    }

    @Test
    void webhookDownSpoolsTheWholeSyncAndTheNextSyncReplaysItFirst(@TempDir Path work) throws Exception {
        try (Sandbox sandbox = Sandbox.start()) {
            Result first = SyncHarness.sync(sandbox, work, webhook(URI.create("http://127.0.0.1:" + closedPort() + "/hooks/kv")));
            int count1 = first.records().size();
            assertThat(first.sync().status()).as("delivery trouble is not a collection failure")
                    .isEqualTo(SyncRun.Status.COMPLETE);
            assertThat(first.sync().figures().deliveries().get("webhook")).isEqualTo(new DeliveryStats(0, count1, 0, 0, count1));
            assertThat(summary(first).at("/attributes/delivery/webhook/spooled").asLong()).isEqualTo(count1 - 1);
            List<Path> spooled = spoolItems(work.resolve("spool/webhook"));
            // every batch, then the sync's end (no records), in order
            assertThat(spooled).hasSize(expectedBatches(count1) + 1);
            assertThat(spooled.stream().mapToLong(DeliveryEndpointsIT::recordsIn).sum()).isEqualTo(count1);
            assertThat(recordsIn(spooled.get(spooled.size() - 1))).isZero();

            // the receiver is back (the spool belongs to the destination, not to a URL)
            try (WebhookReceiver receiver = new WebhookReceiver()) {
                Result second = SyncHarness.sync(sandbox, work, webhook(receiver.url()));
                int count2 = second.records().size();
                int batches1 = expectedBatches(count1);
                List<String> expectedKeys = new ArrayList<>();
                for (int b = 1; b <= batches1; b++) {
                    expectedKeys.add(first.sync().syncId() + "-" + b);
                }
                for (int b = 1; b <= expectedBatches(count2); b++) {
                    expectedKeys.add(second.sync().syncId() + "-" + b);
                }
                List<Request> requests = receiver.requests();
                assertThat(requests).extracting(r -> r.header("Idempotency-Key")).containsExactlyElementsOf(expectedKeys);
                assertThat(requests).allSatisfy(r -> assertThat(r.header("Authorization")).isEqualTo(AUTH));
                assertThat(flatten(byKey(requests.subList(0, batches1))))
                        .hasSize(count1).containsExactlyInAnyOrderElementsOf(first.records());
                assertThat(flatten(byKey(requests.subList(batches1, requests.size()))))
                        .hasSize(count2).containsExactlyInAnyOrderElementsOf(second.records());

                assertThat(second.sync().status()).isEqualTo(SyncRun.Status.COMPLETE);
                assertThat(second.sync().figures().deliveries().get("webhook")).isEqualTo(new DeliveryStats(count2, 0, 0, count1, 0));
                assertThat(summary(second).at("/attributes/delivery/webhook/replayed").asLong()).isEqualTo(count1);
                assertThat(spoolItems(work.resolve("spool/webhook"))).isEmpty();
            }
        }
    }

    @Test
    void anyCamelUriIsADestinationAndOneThatFailsIsSpooledAlone(@TempDir Path work) throws Exception {
        Path fileDir = work.resolve("file-destination");
        String fileUri = "file:" + fileDir + "?fileName=records.ndjson&fileExist=Append&appendChars=\\n";
        // block=false: with no consumer direct: would otherwise wait 30 s (its timeout) on every attempt
        String failing = "direct:nowhere?block=false";
        try (Sandbox sandbox = Sandbox.start()) {
            Map<String, String> props = retry();
            props.put("kv.delivery.endpoints", "ndjson," + fileUri + "," + failing);
            props.put("kv.delivery.batch-size", String.valueOf(BATCH));

            Result result = SyncHarness.sync(sandbox, work, props);
            SyncRun sync = result.sync();
            int count = result.records().size();
            assertThat(sync.status()).isEqualTo(SyncRun.Status.COMPLETE);
            assertThat(Files.readAllLines(fileDir.resolve("records.ndjson")))
                    .hasSize(count).containsExactlyInAnyOrderElementsOf(Files.readAllLines(sync.figures().output()));

            String fileName = destination(sync, "file");
            String directName = destination(sync, "direct");
            assertThat(sync.figures().deliveries()).containsOnlyKeys("ndjson", fileName, directName);
            assertThat(sync.figures().deliveries().get("ndjson").delivered()).isEqualTo(count);
            assertThat(sync.figures().deliveries().get(fileName)).isEqualTo(new DeliveryStats(count, 0, 0, 0, 0));
            assertThat(sync.figures().deliveries().get(directName)).isEqualTo(new DeliveryStats(0, count, 0, 0, count));
            assertThat(spoolItems(work.resolve("spool").resolve(fileName))).isEmpty();

            List<Path> spooled = spoolItems(work.resolve("spool").resolve(directName));
            assertThat(spooled).hasSize(expectedBatches(count) + 1);
            List<JsonNode> kept = new ArrayList<>();
            for (Path item : spooled) {
                SyncHarness.JSON.readTree(item.toFile()).path("records").forEach(kept::add);
            }
            assertThat(kept).hasSize(count).containsExactlyInAnyOrderElementsOf(result.records());
        }
    }

    @Test
    void ndjsonPerTypeWritesOneFilePerRecordTypeHoldingExactlyThatType(@TempDir Path work) throws Exception {
        try (Sandbox sandbox = Sandbox.start()) {
            Result single = SyncHarness.sync(sandbox, work.resolve("single"), Map.of());
            Result perType = SyncHarness.sync(sandbox, work.resolve("per-type"), Map.of("kv.delivery.ndjson.per-type", "true"));
            SyncRun sync = perType.sync();
            assertThat(sync.figures().output()).as("no single file").isNull();
            List<String> types = new ArrayList<>();
            int lines = 0;
            for (Path file : sync.figures().outputs()) {
                String type = file.getFileName().toString().replaceAll("^sync-[^.]+\\.(\\w+)\\.ndjson$", "$1");
                types.add(type);
                List<JsonNode> records = SyncHarness.read(file);
                assertThat(records).isNotEmpty().allSatisfy(r -> assertThat(r.get("type").asText()).isEqualTo(type));
                lines += records.size();
            }
            assertThat(types).containsExactlyInAnyOrderElementsOf(single.sync().figures().counts().keySet());
            assertThat(lines).isEqualTo(single.records().size());
            assertThat(work.resolve("per-type").resolve("out")).isDirectoryNotContaining("glob:**.part");
        }
    }

    @Test
    void startRefusesHttpUrisAndPointsAtTheWebhook(@TempDir Path work) throws Exception {
        try (Sandbox sandbox = Sandbox.start()) {
            assertThat(startFailure(sandbox, work, Map.of("kv.delivery.endpoints", "ndjson,https://example.com/x")))
                    .contains("kv.delivery.endpoints").contains("https://example.com/x").contains("webhook");
        }
    }

    @Test
    void startRefusesAUriWhoseComponentIsMissing(@TempDir Path work) throws Exception {
        try (Sandbox sandbox = Sandbox.start()) {
            // camel-kafka is not on the classpath
            assertThat(startFailure(sandbox, work, Map.of("kv.delivery.endpoints", "ndjson,kafka:records")))
                    .contains("kv.delivery.endpoints").contains("kafka:records");
        }
    }

    @Test
    void startRefusesAnEmptyList(@TempDir Path work) throws Exception {
        try (Sandbox sandbox = Sandbox.start()) {
            assertThat(startFailure(sandbox, work, Map.of("kv.delivery.endpoints", "")))
                    .contains("kv.delivery.endpoints");
            // only commas, or a trailing one: an empty entry, not a silent list of nothing
            assertThat(startFailure(sandbox, work, Map.of("kv.delivery.endpoints", ","))).contains("empty entry");
            assertThat(startFailure(sandbox, work, Map.of("kv.delivery.endpoints", "ndjson,"))).contains("empty entry");
        }
    }

    @Test
    void startRefusesTheWebhookWithoutItsUrl(@TempDir Path work) throws Exception {
        try (Sandbox sandbox = Sandbox.start()) {
            assertThat(startFailure(sandbox, work, Map.of("kv.delivery.endpoints", "ndjson,webhook")))
                    .contains("kv.delivery.webhook.url");
        }
    }

    /** Starts the collector with these settings; returns the message of the IllegalArgumentException it failed with. */
    private static String startFailure(Sandbox sandbox, Path work, Map<String, String> extra) {
        Map<String, String> props = SyncHarness.properties(sandbox, work);
        props.putAll(extra);
        Throwable failure = catchThrowable(() -> {
            try (CollectorRuntime runtime = CollectorRuntime.start(props, false)) {
                runtime.context();
            }
        });
        assertThat(failure).as("start with " + extra).isNotNull();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof IllegalArgumentException) {
                return t.getMessage();
            }
        }
        throw new AssertionError("start with " + extra + " failed without an IllegalArgumentException", failure);
    }

    private static Map<String, String> webhook(URI url) {
        Map<String, String> props = retry();
        props.put("kv.delivery.endpoints", "ndjson,webhook");
        props.put("kv.delivery.webhook.url", url.toString());
        props.put("kv.delivery.webhook.batch-size", String.valueOf(BATCH));
        props.put("kv.delivery.webhook.timeout-ms", "5000");
        // a secret: refused in the files, given here as tests give the environment's values
        props.put("kv.delivery.webhook.auth-value", AUTH);
        return props;
    }

    private static Map<String, String> retry() {
        Map<String, String> props = new HashMap<>();
        props.put("kv.delivery.retry.attempts", "3");
        props.put("kv.delivery.retry.initial-delay-ms", "10");
        props.put("kv.delivery.retry.max-delay-ms", "20");
        return props;
    }

    /** Full batches of the records before the summary, their remainder, then the summary alone. */
    private static int expectedBatches(int records) {
        return (records - 1 + BATCH - 1) / BATCH + 1;
    }

    /** Each request's records by its Idempotency-Key, in order; a key sent again counts once. */
    private static Map<String, List<JsonNode>> byKey(List<Request> requests) {
        Map<String, List<JsonNode>> out = new LinkedHashMap<>();
        requests.forEach(r -> out.putIfAbsent(r.header("Idempotency-Key"), records(r)));
        return out;
    }

    private static List<JsonNode> records(Request request) {
        try {
            List<JsonNode> out = new ArrayList<>();
            SyncHarness.JSON.readTree(request.body()).get("records").forEach(out::add);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<JsonNode> flatten(Map<String, List<JsonNode>> batches) {
        return batches.values().stream().flatMap(List::stream).toList();
    }

    private static JsonNode summary(Result result) {
        assertThat(result.ofType("syncSummary")).hasSize(1);
        return result.ofType("syncSummary").get(0);
    }

    /** The spool items in a directory (not the .reason files), oldest first. */
    private static List<Path> spoolItems(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> SPOOL_ITEM.matcher(p.getFileName().toString()).matches()).sorted().toList();
        }
    }

    private static long recordsIn(Path item) {
        Matcher m = SPOOL_ITEM.matcher(item.getFileName().toString());
        assertThat(m.matches()).isTrue();
        return Long.parseLong(m.group(1));
    }

    /** The name of the one custom-URI destination with this scheme: {@code <scheme>-<8 hex>}, its spool's name too. */
    private static String destination(SyncRun sync, String scheme) {
        List<String> found = sync.figures().deliveries().keySet().stream().filter(n -> n.matches(scheme + "-[0-9a-f]{8}")).toList();
        assertThat(found).as("destinations of scheme " + scheme).hasSize(1);
        return found.get(0);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
