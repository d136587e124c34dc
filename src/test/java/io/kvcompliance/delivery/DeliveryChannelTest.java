package io.kvcompliance.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvcompliance.records.ComplianceRecord;
import io.kvcompliance.records.CoverageRecords;
import io.kvcompliance.records.CoverageStatus;
import io.kvcompliance.records.Provenance;
import io.kvcompliance.records.RecordContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The channel's promise, item by item: retried, then spooled, never reordered, replayed at the next
 * sync, refused items kept with their reason. The destination is a scripted {@link Sink} (the real
 * ones are driven against a real receiver and a real database in the ITs).
 */
class DeliveryChannelTest {
    private static final Instant T1 = Instant.parse("2026-01-01T00:00:00Z");
    private static final DeliveryRetry QUICK = new DeliveryRetry(3, Duration.ofMillis(1), Duration.ofMillis(2));
    @TempDir
    Path dir;

    /** A destination that is up or down on command and remembers what it took, in order. */
    private static final class ScriptedSink implements Sink {
        final List<String> taken = new ArrayList<>();
        int calls;
        boolean down;
        String refuseSync;
        long refuseBatch;

        @Override
        public void deliver(DeliveryItem item) throws Exception {
            calls++;
            if (down) {
                throw new IOException("connection refused");
            }
            if (item.syncId().equals(refuseSync)
                    || item instanceof DeliveryItem.Batch b && b.sequence() == refuseBatch) {
                throw new RejectedDeliveryException("HTTP 400: schema mismatch");
            }
            taken.add(describe(item));
        }
    }

    private static String describe(DeliveryItem item) {
        if (item instanceof DeliveryItem.Batch b) {
            return b.idempotencyKey() + ":" + b.records().stream().map(r -> r.subscriptionId()).toList();
        }
        return item.syncId() + (((DeliveryItem.SyncEnd) item).allRecordsArrived() ? ":end" : ":end-records-missing");
    }

    private static ComplianceRecord record(String syncId, int n) {
        RecordContext ctx = RecordContext.forSubscription("t", "s" + n, syncId, T1);
        return CoverageRecords.of(ctx, "vaults", CoverageStatus.COLLECTED, n, 200, null, null,
                Provenance.resourceManager("Vaults_ListBySubscription", "2024-11-01"));
    }

    @Test
    void batchesGoOutInOrderWithTheSyncEndLast() {
        ScriptedSink sink = new ScriptedSink();
        DeliveryChannel channel = new DeliveryChannel("db", sink, 2, QUICK, new Spool(dir));
        for (int i = 1; i <= 5; i++) {
            channel.accept("a", T1, record("a", i));
        }
        channel.end("a", T1, "COMPLETE");
        assertThat(sink.taken).containsExactly("a-1:[s1, s2]", "a-2:[s3, s4]", "a-3:[s5]", "a:end");
        assertThat(channel.stats()).isEqualTo(new DeliveryStats(5, 0, 0, 0, 0));
    }

    @Test
    void aDestinationThatStaysDownIsSpooledAndLaterItemsQueueBehind() {
        ScriptedSink sink = new ScriptedSink();
        DeliveryChannel channel = new DeliveryChannel("db", sink, 2, QUICK, new Spool(dir));
        channel.accept("a", T1, record("a", 1));
        channel.accept("a", T1, record("a", 2));
        sink.down = true;
        channel.accept("a", T1, record("a", 3));
        channel.accept("a", T1, record("a", 4));
        assertThat(sink.calls).as("one attempt, then two retries").isEqualTo(1 + 3);
        sink.down = false;
        // the destination is back, but a-2 waits in the spool: a-3 and the end must queue behind it
        channel.accept("a", T1, record("a", 5));
        channel.end("a", T1, "COMPLETE");
        assertThat(sink.taken).containsExactly("a-1:[s1, s2]");
        assertThat(channel.stats()).isEqualTo(new DeliveryStats(2, 3, 0, 0, 3));

        channel.resetStats();
        assertThat(channel.replay()).isEqualTo(3);
        channel.accept("b", T1, record("b", 6));
        channel.end("b", T1, "COMPLETE");
        assertThat(sink.taken).containsExactly("a-1:[s1, s2]", "a-2:[s3, s4]", "a-3:[s5]", "a:end", "b-1:[s6]", "b:end");
        assertThat(channel.stats()).isEqualTo(new DeliveryStats(1, 0, 0, 3, 0));
    }

    @Test
    void replayStopsAtTheFirstItemThatStillFailsAndKeepsTheRest() {
        ScriptedSink sink = new ScriptedSink();
        sink.down = true;
        DeliveryChannel channel = new DeliveryChannel("db", sink, 1, QUICK, new Spool(dir));
        channel.accept("a", T1, record("a", 1));
        channel.accept("a", T1, record("a", 2));
        assertThat(channel.replay()).isZero();
        assertThat(new Spool(dir).pending()).hasSize(2);

        sink.down = false;
        // a new channel on the same directory: the spool survives a restart
        DeliveryChannel restarted = new DeliveryChannel("db", sink, 1, QUICK, new Spool(dir));
        assertThat(restarted.replay()).isEqualTo(2);
        assertThat(sink.taken).containsExactly("a-1:[s1]", "a-2:[s2]");
    }

    @Test
    void aRefusedBatchIsKeptWithItsReasonAndTheRestFlows() throws IOException {
        ScriptedSink sink = new ScriptedSink();
        sink.refuseSync = "a";
        DeliveryChannel channel = new DeliveryChannel("webhook", sink, 1, QUICK, new Spool(dir));
        channel.accept("a", T1, record("a", 1));
        channel.accept("b", T1, record("b", 2));
        assertThat(sink.calls).as("a refusal is not retried").isEqualTo(2);
        assertThat(sink.taken).containsExactly("b-1:[s2]");
        assertThat(channel.stats().rejected()).isEqualTo(1);
        Path rejected = dir.resolve("rejected");
        try (var files = Files.list(rejected)) {
            List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
            assertThat(names).containsExactly("000000000001-1.json", "000000000001-1.json.reason");
        }
        assertThat(Files.readString(rejected.resolve("000000000001-1.json.reason"))).contains("HTTP 400: schema mismatch");
        assertThat(new Spool(dir).read(rejected.resolve("000000000001-1.json"))).isInstanceOfSatisfying(
                DeliveryItem.Batch.class, b -> assertThat(b.records()).containsExactly(record("a", 1)));
    }

    @Test
    void aReceiversRetryAfterIsWaitedWhenLongerThanTheBackoff() {
        List<Long> attemptsAt = new ArrayList<>();
        Sink busy = item -> {
            attemptsAt.add(System.nanoTime());
            if (attemptsAt.size() == 1) {
                throw new WebhookSink.RetryableStatusException(429, "1", "http://127.0.0.1/records");
            }
        };
        DeliveryChannel channel = new DeliveryChannel("webhook", busy, 1, QUICK.withMaxDelay(Duration.ofSeconds(5)),
                new Spool(dir));
        channel.accept("a", T1, record("a", 1));
        assertThat(attemptsAt).hasSize(2);
        // the backoff alone would be 1 ms; the receiver asked for 1 s
        assertThat(Duration.ofNanos(attemptsAt.get(1) - attemptsAt.get(0))).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        assertThat(channel.stats().delivered()).isEqualTo(1);
    }

    @Test
    void theEndOfASyncWithARefusedBatchSaysRecordsAreMissing() {
        ScriptedSink sink = new ScriptedSink();
        sink.refuseBatch = 1;
        DeliveryChannel channel = new DeliveryChannel("db", sink, 1, QUICK, new Spool(dir));
        channel.accept("a", T1, record("a", 1));
        channel.accept("a", T1, record("a", 2));
        channel.end("a", T1, "COMPLETE");
        // the refused batch's records would look deleted: the end must not tombstone
        assertThat(sink.taken).containsExactly("a-2:[s2]", "a:end-records-missing");
    }

    @Test
    void anUnreadableSpoolFileIsKeptAndLaterEndsTombstoneNothing() throws IOException {
        ScriptedSink sink = new ScriptedSink();
        sink.down = true;
        DeliveryChannel channel = new DeliveryChannel("db", sink, 1, QUICK, new Spool(dir));
        channel.accept("a", T1, record("a", 1));
        channel.end("a", T1, "COMPLETE");
        Path first = new Spool(dir).pending().get(0);
        Files.writeString(first, "{not json");
        sink.down = false;
        assertThat(channel.replay()).isZero();
        assertThat(sink.taken).containsExactly("a:end-records-missing");
        assertThat(dir.resolve("rejected").resolve(first.getFileName())).exists();
    }

    @Test
    void spooledItemsReadBackAsTheyWereWritten() throws IOException {
        Spool spool = new Spool(dir);
        DeliveryItem.Batch batch = new DeliveryItem.Batch("a", T1, 7, List.of(record("a", 1), record("a", 2)));
        spool.append(batch);
        spool.append(new DeliveryItem.SyncEnd("a", T1, "INCOMPLETE", false));
        Spool reopened = new Spool(dir);
        assertThat(reopened.pendingRecords()).isEqualTo(2);
        assertThat(reopened.read(reopened.pending().get(0))).isEqualTo(batch);
        assertThat(reopened.read(reopened.pending().get(1))).isEqualTo(new DeliveryItem.SyncEnd("a", T1, "INCOMPLETE", false));
        reopened.append(batch);
        assertThat(reopened.pending().get(2).getFileName().toString()).isEqualTo("000000000003-2.json");
    }
}
