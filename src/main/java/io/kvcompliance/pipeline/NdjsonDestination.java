package io.kvcompliance.pipeline;

import io.kvcompliance.delivery.DeliveryStats;
import io.kvcompliance.delivery.NdjsonSink;
import io.kvcompliance.records.ComplianceRecord;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicLong;

/** The built-in {@code ndjson} destination: the sync's file(s), published under their final names at its end. */
final class NdjsonDestination implements Destination {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private final NdjsonSink ndjson;
    private final AtomicLong written = new AtomicLong();

    NdjsonDestination(NdjsonSink ndjson) {
        this.ndjson = ndjson;
    }

    @Override
    public String name() {
        return "ndjson";
    }

    @Override
    public String describe() {
        return "ndjson: " + ndjson;
    }

    @Override
    public void accept(SyncRun sync, ComplianceRecord record) {
        ndjson.write(sync.syncId(), record);
        written.incrementAndGet();
    }

    @Override
    public void begin(SyncRun sync) {
        written.set(0);
    }

    @Override
    public void flush(SyncRun sync) {
        sync.figures().delivery(name(), new DeliveryStats(written.get(), 0, 0, 0, 0));
    }

    @Override
    public void close() {
        ndjson.closeUnfinished();
    }

    @Override
    public void complete(SyncRun sync) {
        sync.figures().outputs(ndjson.complete(sync.syncId(), "sync-" + STAMP.format(sync.startedAt()) + "-" + sync.syncId()));
        flush(sync);
    }
}
