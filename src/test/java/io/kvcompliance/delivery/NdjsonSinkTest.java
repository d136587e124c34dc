package io.kvcompliance.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvcompliance.records.ComplianceRecord;
import io.kvcompliance.records.CoverageRecords;
import io.kvcompliance.records.CoverageStatus;
import io.kvcompliance.records.Provenance;
import io.kvcompliance.records.RecordContext;
import io.kvcompliance.records.RecordType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One NDJSON file per sync (or per sync and type): invisible until complete, then rotated among the sink's own files only. */
class NdjsonSinkTest {

    private static ComplianceRecord record(String syncId, int n) {
        RecordContext ctx = RecordContext.forSubscription("t", "s" + n, syncId, Instant.parse("2026-01-01T00:00:00Z"));
        return CoverageRecords.of(ctx, "vaults", CoverageStatus.COLLECTED, n, 200, null, null,
                Provenance.resourceManager("Vaults_ListBySubscription", "2024-11-01"));
    }

    private static ComplianceRecord summary(String syncId) {
        RecordContext ctx = RecordContext.forSubscription("t", null, syncId, Instant.parse("2026-01-01T00:00:00Z"));
        return ComplianceRecord.create(RecordType.SYNC_SUMMARY, "sync/" + syncId, "sync/" + syncId, ctx,
                new Provenance(Provenance.COLLECTOR, "Sync", null), Map.of("status", "COMPLETE"));
    }

    private static String name(int second, String syncId) {
        return String.format("sync-20260101T0000%02dZ-%s", second, syncId);
    }

    @Test
    void recordsStayInAPartFileUntilTheSyncCompletes(@TempDir Path dir) throws Exception {
        NdjsonSink sink = new NdjsonSink(dir, 5, false);
        String sync = UUID.randomUUID().toString();
        sink.write(sync, record(sync, 1));
        sink.write(sync, record(sync, 2));
        assertThat(Files.list(dir)).singleElement().satisfies(p -> assertThat(p.toString()).endsWith(".ndjson.part"));
        Path file = sink.complete(sync, name(1, sync)).get(0);
        assertThat(Files.readAllLines(file)).hasSize(2).allSatisfy(l -> assertThat(l).startsWith("{\"schemaVersion\":1"));
        assertThat(Files.list(dir)).containsExactly(file);
    }

    @Test
    void rotationKeepsTheNewestOwnFilesAndNeverTouchesOthers(@TempDir Path dir) throws Exception {
        Path foreign = Files.writeString(dir.resolve("export.ndjson"), "{}\n");
        NdjsonSink sink = new NdjsonSink(dir, 2, false);
        Path last = null;
        for (int i = 1; i <= 4; i++) {
            String sync = UUID.randomUUID().toString();
            sink.write(sync, record(sync, i));
            last = sink.complete(sync, name(i, sync)).get(0);
        }
        assertThat(Files.list(dir).map(p -> p.getFileName().toString()).sorted())
                .hasSize(3).contains("export.ndjson", last.getFileName().toString());
        assertThat(foreign).exists();
    }

    @Test
    void aSyncThatWroteNothingPublishesNoFile(@TempDir Path dir) {
        assertThat(new NdjsonSink(dir, 2, false).complete(UUID.randomUUID().toString(), "x")).isEmpty();
    }

    @Test
    void perTypeFilesArePublishedAndRotatedTogether(@TempDir Path dir) throws Exception {
        NdjsonSink sink = new NdjsonSink(dir, 1, true);
        String first = UUID.randomUUID().toString();
        sink.write(first, record(first, 1));
        sink.write(first, summary(first));
        List<Path> files = sink.complete(first, name(1, first));
        assertThat(files).extracting(p -> p.getFileName().toString())
                .containsExactly(name(1, first) + ".coverage.ndjson", name(1, first) + ".syncSummary.ndjson");
        assertThat(Files.readAllLines(files.get(0))).singleElement().satisfies(l -> assertThat(l).contains("\"type\":\"coverage\""));

        String second = UUID.randomUUID().toString();
        sink.write(second, record(second, 2));
        sink.write(second, record(second, 3));
        List<Path> next = sink.complete(second, name(2, second));
        // keep = 1: both files of the older sync go, the new sync's file stays whole
        assertThat(Files.list(dir)).containsExactlyElementsOf(next);
        assertThat(Files.readAllLines(next.get(0))).hasSize(2);
    }
}
