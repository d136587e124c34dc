package io.kvcompliance.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvcompliance.records.ComplianceRecord;
import io.kvcompliance.records.CoverageRecords;
import io.kvcompliance.records.CoverageStatus;
import io.kvcompliance.records.Provenance;
import io.kvcompliance.records.RecordContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One NDJSON file per sync: invisible until complete, then rotated among the sink's own files only. */
class NdjsonSinkTest {

    private static ComplianceRecord record(String syncId, int n) {
        RecordContext ctx = RecordContext.forSubscription("t", "s" + n, syncId, Instant.parse("2026-01-01T00:00:00Z"));
        return CoverageRecords.of(ctx, "vaults", CoverageStatus.COLLECTED, n, 200, null, null,
                Provenance.resourceManager("Vaults_ListBySubscription", "2024-11-01"));
    }

    private static String name(int second, String syncId) {
        return String.format("sync-20260101T0000%02dZ-%s.ndjson", second, syncId);
    }

    @Test
    void recordsStayInAPartFileUntilTheSyncCompletes(@TempDir Path dir) throws Exception {
        NdjsonSink sink = new NdjsonSink(dir, 5);
        String sync = UUID.randomUUID().toString();
        sink.write(sync, record(sync, 1));
        sink.write(sync, record(sync, 2));
        assertThat(Files.list(dir)).singleElement().satisfies(p -> assertThat(p.toString()).endsWith(".ndjson.part"));
        Path file = sink.complete(sync, name(1, sync));
        assertThat(Files.readAllLines(file)).hasSize(2).allSatisfy(l -> assertThat(l).startsWith("{\"schemaVersion\":1"));
        assertThat(Files.list(dir)).containsExactly(file);
    }

    @Test
    void rotationKeepsTheNewestOwnFilesAndNeverTouchesOthers(@TempDir Path dir) throws Exception {
        Path foreign = Files.writeString(dir.resolve("export.ndjson"), "{}\n");
        NdjsonSink sink = new NdjsonSink(dir, 2);
        Path last = null;
        for (int i = 1; i <= 4; i++) {
            String sync = UUID.randomUUID().toString();
            sink.write(sync, record(sync, i));
            last = sink.complete(sync, name(i, sync));
        }
        assertThat(Files.list(dir).map(p -> p.getFileName().toString()).sorted())
                .hasSize(3).contains("export.ndjson", last.getFileName().toString());
        assertThat(foreign).exists();
    }

    @Test
    void aSyncThatWroteNothingPublishesNoFile(@TempDir Path dir) {
        assertThat(new NdjsonSink(dir, 2).complete(UUID.randomUUID().toString(), "x.ndjson")).isNull();
    }
}
