package io.kvcompliance.pipeline;

import io.kvcompliance.delivery.NdjsonSink;
import io.kvcompliance.records.ComplianceRecord;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Where the deliver route hands records: counted in the sync, appended to the sync's NDJSON file. */
public final class RecordSink {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private final NdjsonSink ndjson;

    public RecordSink(NdjsonSink ndjson) {
        this.ndjson = ndjson;
    }

    public void write(SyncRun sync, ComplianceRecord record) {
        sync.count(record.type().jsonName());
        ndjson.write(sync.syncId(), record);
    }

    /** Publishes the sync's file under its final name. */
    public Path complete(SyncRun sync) {
        Path file = ndjson.complete(sync.syncId(), "sync-" + STAMP.format(sync.startedAt()) + "-" + sync.syncId() + ".ndjson");
        sync.output(file);
        return file;
    }
}
